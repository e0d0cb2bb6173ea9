"""A link is shown only to those it serves (issue 14): from the dashboard, every link a
person is shown, and every link on the pages those lead to, answers that person — never a
404 (nor a 500). One walk per role, two steps deep, over every same-site link."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')
SKIP_PREFIXES = ("/static/", "/admin/", "/konto/wyloguj")
MAX_PAGES = 80


def _links(page_url: str, html: str) -> set[str]:
    found = set()
    for href in HREF.findall(html):
        href = href.replace("&amp;", "&")
        if not href:
            continue
        target = urlsplit(urljoin(page_url, href))
        if target.scheme not in {"", "http"} or target.netloc not in {"", "testserver"}:
            continue  # mailto:, tel:, another site
        path = target.path + (f"?{target.query}" if target.query else "")
        if not path.startswith(SKIP_PREFIXES):
            found.add(path)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who",
    ["municipality_user", "organisation_user", "advisor", "coordinator", "committee_member"],
)
def test_every_link_shown_answers_who_sees_it(client, who, request):
    client.force_login(request.getfixturevalue(who))
    start = reverse("dashboard")
    seen = {start}
    frontier = [start]
    broken = []
    for _depth in range(2):
        following = []
        for page in frontier:
            response = client.get(page)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            for link in sorted(_links(page, response.content.decode()) - seen):
                if len(seen) >= MAX_PAGES:
                    break
                seen.add(link)
                status = client.get(link).status_code
                if status >= 400 and status != 405:
                    broken.append(f"{link} (shown on {page}) answers {status}")
                else:
                    following.append(link)
        frontier = following
    assert len(seen) > 5
    assert broken == []
