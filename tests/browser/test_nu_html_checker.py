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
        own = [client.get(path) for path in OWN_PAGES[:-1]]
        client.force_login(UserFactory(email="nu@example.pl"))
        own.append(client.get(OWN_PAGES[-1]))
    finally:
        nu_html.disable()
    collected = nu_html.collected()
    assert [r.status_code for r in own] == [200, 200, 200, 404, 200]
    assert all(nu_html.digest(r.content.decode()) in collected for r in own)
    pages = list(collected.values())
    errors = nu_html.check(pages, settings.VAR_DIR / "nu-html")
    assert not errors, (
        f"The Nu HTML Checker found {len(errors)} error(s) in {len(pages)} pages "
        f"(kept in var/nu-html/):\n" + "\n".join(errors)
    )


def test_the_checker_reports_each_error_with_its_page(tmp_path):
    """Not a silent pass: an invalid page (the microseconds issue 14 found 545 times) is
    reported with the URL and test that served it; a valid one is not."""
    bad = (
        '<!doctype html><html lang="pl"><head><title>x</title></head><body>'
        '<time datetime="2026-12-06T10:15:30.123456+01:00">6.12.2026</time></body></html>'
    )
    good = bad.replace(".123456", "")
    pages = [
        nu_html.Page("/bad/", 200, "tests/x.py::test_bad", bad),
        nu_html.Page("/good/", 200, "tests/x.py::test_good", good),
    ]
    errors = nu_html.check(pages, tmp_path / "nu-html")
    assert len(errors) == 1
    assert errors[0].startswith("/bad/ (200, tests/x.py::test_bad) [page-0001.html:1]: ")
    assert "fraction of a second" in errors[0]
