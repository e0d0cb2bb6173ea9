"""The favicon: /favicon.ico leads to the static icon, and every page links it."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.ico") == "/static/img/favicon.ico"
    icon = Path(finders.find("img/favicon.ico")).read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    assert int.from_bytes(icon[4:6], "little") == 3  # 16, 32 and 48 pixels


@pytest.mark.django_db
def test_pages_link_the_icon(client):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.ico"' in html
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
