"""HTML → PDF/A rendering with WeasyPrint, fetching nothing but the project's static files.

WeasyPrint is imported inside the functions here (never at model import), and the parts
that are expensive to build — the font configuration with our @font-face fonts loaded and
the parsed print stylesheet — are built once per worker process and reused (``warm_up``).
"""

import atexit
import base64
import binascii
import gc
import hashlib
import logging
import mimetypes
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation

#: The print stylesheet every document gets (letterhead, footer, fonts, tables).
PRINT_STYLESHEET = "documents/css/print.css"
#: Documents are in Polish, whatever the language of whoever asked for them.
DOCUMENT_LANGUAGE = "pl"
#: PDF/A-3b with tags (WeasyPrint 70 writes a structure tree when pdf_tags is on) and the
#: sRGB output intent WeasyPrint attaches to its PDF/A variants.
PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True, "output_intent": "srgb"}


logger = logging.getLogger(__name__)
_lock = threading.Lock()
_render_lock = threading.Lock()
_state: dict = {}


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def base_url() -> str:
    return settings.ESFLOW_BASE_URL.rstrip("/") + "/"


def static_path_of(url: str) -> str | None:
    """The static-files path a URL points at, if it is one of ours; None for anything else."""
    parts = urlsplit(url)
    base = urlsplit(base_url())
    if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(prefix) or parts.query or parts.fragment:
        return None
    path = unquote(parts.path[len(prefix) :])
    if not path or ".." in Path(path).parts or "\\" in path or "\x00" in path:
        return None
    return path


@cache
def _static_bytes(path: str) -> tuple[bytes, str] | None:
    try:
        found = finders.find(path)
    except SuspiciousFileOperation:
        return None
    if not found:
        return None
    mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
    return Path(found).read_bytes(), mime


#: Our own images (the QR code) are PNG data URIs; no other ``data:`` URI is read. User text
#: cannot place one: it is always autoescaped text, never markup.
OWN_IMAGE_PREFIX = "data:image/png;base64,"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def own_png(url: str) -> bytes:
    try:
        content = base64.b64decode(url[len(OWN_IMAGE_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        content = b""
    if not content.startswith(_PNG_SIGNATURE):
        raise RefusedFetch("Refused a data: URI that is not a PNG image")
    return content


class RefusedFetch(ValueError):
    """WeasyPrint catches this, logs a warning and renders without the resource."""


def make_url_fetcher():
    """A WeasyPrint URL fetcher that serves our static files and refuses everything else:
    no ``file://``, no network, no ``data:`` except our own PNG images."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("http", "https"), allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.startswith(OWN_IMAGE_PREFIX):
                return URLFetcherResponse(
                    url, body=own_png(url), headers={"Content-Type": "image/png"}
                )
            path = static_path_of(url)
            found = _static_bytes(path) if path else None
            if found is None:
                raise RefusedFetch(f"Refused to fetch a resource that is not ours: {url[:80]}")
            content, mime = found
            return URLFetcherResponse(url, body=content, headers={"Content-Type": mime})

        def open(self, url, data=None, timeout=None):
            # OpenerDirector.open would reach the network; nothing may go through it.
            raise RefusedFetch("Refused")

    return StaticOnlyURLFetcher()


def warm_up() -> dict:
    """Import WeasyPrint and build the per-worker font configuration and print stylesheet."""
    if _state:
        return _state
    with _lock:
        if _state:
            return _state
        # Its per-step progress messages would flood the worker's log.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        fetcher = make_url_fetcher()
        font_config = FontConfiguration()
        stylesheet = CSS(
            url=base_url() + settings.STATIC_URL.strip("/") + "/" + PRINT_STYLESHEET,
            url_fetcher=fetcher,
            font_config=font_config,
        )
        _state.update(fetcher=fetcher, font_config=font_config, stylesheet=stylesheet)
        # Drop the font configuration while the interpreter is whole (its __del__ needs it).
        atexit.register(_state.clear)
        # What the worker loaded so far lives for good: keep it out of every GC scan.
        gc.freeze()
    return _state


def template_version(template_name: str) -> str:
    """A short hash of the template's source: it changes whenever the template does."""
    source = get_template(template_name).template.source
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def verify_url(code: str) -> str:
    return settings.ESFLOW_BASE_URL.rstrip("/") + reverse("documents:verify") + f"?code={code}"


def qr_data_uri(data: str) -> str:
    """The QR code as a PNG data URI: one image, decoded once and drawn on every page (an
    inline SVG is re-parsed and re-drawn as hundreds of paths on each page)."""
    return segno.make(data, error="m").png_data_uri(scale=4, border=0)


#: Characters of user text that WeasyPrint (70.0 at least) cannot lay out, and what they
#: become. A space followed by U+2029 (PARAGRAPH SEPARATOR) stops the layout with an
#: AssertionError (``layout/inline.py``: "Got ' \u2029' between two lines"); a newline means
#: the same and breaks the line where the text keeps its line breaks (``white-space: pre-line``).
UNRENDERABLE = str.maketrans({"\u2029": "\n"})


def render_html(template_name: str, context: dict) -> str:
    """Render a document template to HTML, in Polish, with autoescaping (as always)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(template_name, context).translate(UNRENDERABLE)


def render_pdf(html: str) -> RenderedPdf:
    """Lay out the HTML and write it as tagged PDF/A-3b."""
    state = warm_up()  # first: it quietens WeasyPrint's progress log before the import
    from weasyprint import HTML

    # One render at a time per process: the shared font configuration (Pango/fontconfig)
    # is not safe to use from two threads at once. Workers scale by processes.
    with _render_lock:
        document = HTML(string=html, base_url=base_url(), url_fetcher=state["fetcher"]).render(
            font_config=state["font_config"], stylesheets=[state["stylesheet"]], **PDF_OPTIONS
        )
        content = document.write_pdf(**PDF_OPTIONS)
    return RenderedPdf(content=content, pages=len(document.pages))
