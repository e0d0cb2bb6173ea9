"""WeasyPrint fetches nothing but our own static files; user text is text."""

import socket

import pytest
from django.utils import timezone

from documents import rendering
from documents.rendering import make_url_fetcher, static_path_of

from .conftest import pdf_text
from .factories import NoticeFactory

HOSTILE = (
    '<img src="file:///etc/passwd"> '
    '<img src="https://attacker.example/pixel.png"> '
    '<style>body { background: url("https://attacker.example/bg.png") }</style> '
    "url(file:///etc/passwd) https://attacker.example/x"
)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection is recorded and refused."""
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network access is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def passwd_line() -> str:
    with open("/etc/passwd", encoding="utf-8") as f:
        return f.readline().strip()


def test_user_text_with_markup_and_urls_renders_as_text_only(db, issue, no_network):
    notice = NoticeFactory(title="Zgłoszenie <b>pilne</b>", body=HOSTILE, rows=[[HOSTILE, "x"]])
    document = issue(notice)
    with document.file.open("rb") as f:
        text = pdf_text(f.read())
    assert "file:///etc/passwd" in text  # shown as the text the user typed
    assert "<b>pilne</b>" in text
    assert passwd_line() not in text
    assert no_network == []


def test_markup_in_a_template_cannot_fetch_local_files_or_the_network(no_network, settings):
    html = (
        '<!doctype html><html lang="pl"><head><title>t</title>'
        '<link rel="stylesheet" href="https://attacker.example/s.css">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        "<style>p { background: url(file:///etc/passwd) } "
        "h1 { background: url(https://attacker.example/a.png) }</style></head><body>"
        '<h1>Nagłówek</h1><p>Treść</p><img src="file:///etc/passwd" alt="">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E" alt="">'
        '<object data="file:///etc/passwd"></object>'
        '<iframe src="file:///etc/passwd"></iframe>'
        "</body></html>"
    )
    pdf = rendering.render_pdf(html)
    assert passwd_line().encode() not in pdf.content
    assert passwd_line() not in pdf_text(pdf.content)
    assert no_network == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://attacker.example/static/documents/fonts/DejaVuSans.ttf",
        "data:text/plain,root:x:0:0",
        "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=",
        "data:image/png;base64,cm9vdDp4OjA6MA==",  # says PNG, is not
        "http://127.0.0.1:8000/static/../config/settings.py",
        "http://127.0.0.1:8000/static/%2e%2e/config/settings.py",
        "http://127.0.0.1:8000/media-not-served/documents/x.pdf",
        "http://127.0.0.1:8000/dokumenty/weryfikacja/",
        "ftp://127.0.0.1:8000/static/documents/css/print.css",
    ],
)
def test_fetcher_refuses_anything_but_our_static_files(url, settings, no_network):
    settings.ESFLOW_BASE_URL = "http://127.0.0.1:8000"
    rendering.warm_up()
    with pytest.raises(ValueError, match=r"Refused|disallowed"):
        make_url_fetcher().fetch(url)
    assert no_network == []


def test_fetcher_serves_our_fonts_and_stylesheet_from_the_finders(settings):
    settings.ESFLOW_BASE_URL = "http://127.0.0.1:8000"
    rendering.warm_up()
    fetcher = make_url_fetcher()
    response = fetcher.fetch("http://127.0.0.1:8000/static/documents/fonts/DejaVuSans.ttf")
    assert response.read()[:4] == b"\x00\x01\x00\x00"
    assert static_path_of("http://127.0.0.1:8000/static/documents/css/print.css") == (
        "documents/css/print.css"
    )


def test_issued_on_date_is_printed(db, issue):
    notice = NoticeFactory()
    document = issue(notice)
    with document.file.open("rb") as f:
        text = pdf_text(f.read())
    assert str(timezone.localtime(document.issued_at).year) in text
