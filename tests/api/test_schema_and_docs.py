"""The OpenAPI schema and its documentation pages: served by the project (no CDN), with the
description in the request's language."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_in_the_requests_language(api):
    english = api.get(reverse("api:schema"), {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200
    schema = english.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["description"].startswith("Open data of the social-economy")
    polish = api.get(reverse("api:schema"), {"format": "json"}, HTTP_ACCEPT_LANGUAGE="pl").json()
    assert polish["info"]["description"].startswith("Otwarte dane programu")
    assert "token" in schema["components"]["securitySchemes"]
    assert schema["components"]["schemas"]["Problem"]["required"] == [
        "type", "title", "status", "detail",
    ]  # fmt: skip


def test_the_documentation_page_uses_only_the_projects_own_files(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    for source in sources:
        assert source.startswith("/"), source  # nothing from another host
    assert "/static/drf_spectacular_sidecar/" in html
    # Inline scripts would be blocked by the Content-Security-Policy (script-src 'self').
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html)


def test_the_swagger_ui_settings_script_is_served(client):
    html = client.get(reverse("api:docs")).content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    for src in scripts:
        assert client.get(src).status_code == 200, src


def test_an_unknown_api_address_is_a_problem_404(api):
    response = api.get("/api/no/such/thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
