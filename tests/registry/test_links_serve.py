"""A link is shown only to those it serves (issue 14): every link on the registry's staff
pages answers the person who sees it, never with a 404 (advisors used to see "Change
proposals" and "Import from a file", which are the coordinator's)."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from .factories import make_entry

HREF = re.compile(r'href="([^"#]*)"')


def _own_links(html: str) -> list[str]:
    links = []
    for href in HREF.findall(html):
        href = href.replace("&amp;", "&")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href or href.startswith("/static/"):
            continue
        links.append(href)
    return sorted(set(links))


@pytest.fixture
def entry(teryt):
    return make_entry("Nasza Spółdzielnia", offer="obiady")


@pytest.mark.parametrize("who", ["advisor", "coordinator"])
def test_every_link_on_the_staff_pages_answers_who_sees_it(client, entry, who, request):
    client.force_login(request.getfixturevalue(who))
    checked = 0
    for page in (
        reverse("directory:registry-staff"),
        reverse("directory:registry-entry", args=[entry.pk]),
        reverse("directory:registry-history", args=[entry.pk]),
    ):
        html = client.get(page).content.decode()
        for link in _own_links(html):
            target = link if link.startswith("/") else page + link
            status = client.get(target).status_code
            assert status in {200, 302}, f"{who} sees {link} on {page}, which answers {status}"
            checked += 1
    assert checked > 10


@pytest.mark.parametrize(
    ("who", "shown"),
    [("advisor", False), ("coordinator", True)],
)
def test_proposals_and_import_links_follow_the_coordinator_rule(client, entry, who, shown, request):
    client.force_login(request.getfixturevalue(who))
    html = client.get(reverse("directory:registry-staff")).content.decode()
    for name in ("directory:registry-proposals", "directory:registry-import"):
        assert (f'href="{reverse(name)}"' in html) is shown
        assert client.get(reverse(name)).status_code == (200 if shown else 404)
