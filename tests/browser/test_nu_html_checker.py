"""The Nu HTML Checker finds no error in any page the browser tests visited (issue 14).

This test runs last (tests/browser/conftest.py orders it): the browser tests before it were
served their pages through ``nu_html.PageCollector``. It adds a few pages of its own (the home
page, the sign-in page, the public registry, the 404 page, a signed-in dashboard), so that it
checks something when it runs alone too.
"""

import pytest
from django.conf import settings

from tests.factories import UserFactory

from . import nu_html

pytestmark = [pytest.mark.browser, pytest.mark.nu_html_check]

OWN_PAGES = ["/", "/konto/logowanie/", "/portal/rejestr/", "/no-such-page/", "/panel/"]


@pytest.mark.django_db
def test_every_visited_page_is_valid_html(client):
    nu_html.enable()
    try:
        for path in OWN_PAGES[:-1]:
            client.get(path)
        client.force_login(UserFactory(email="nu@example.pl"))
        client.get(OWN_PAGES[-1])
    finally:
        nu_html.disable()
    pages = nu_html.collected()
    assert {p.url for p in pages} >= set(OWN_PAGES)
    errors = nu_html.check(pages, settings.VAR_DIR / "nu-html")
    assert not errors, (
        f"The Nu HTML Checker found {len(errors)} error(s) in {len(pages)} pages "
        f"(kept in var/nu-html/):\n" + "\n".join(errors)
    )
