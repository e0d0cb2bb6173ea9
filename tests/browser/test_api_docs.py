"""The API's documentation page renders in the browser from the project's own files, under
the site's Content-Security-Policy (the ``page`` fixture fails on any violation). Redoc is
not offered: it inserts <style> elements, which the site's style-src 'self' blocks."""

import pytest

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_the_operations(page, url):
    page.goto(url("api:docs"))
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 14
