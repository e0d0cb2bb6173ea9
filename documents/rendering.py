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
import zlib
from contextlib import contextmanager
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

#: zlib level of the PDF's streams. pydyf hard-codes 9, which at 50 pages costs ~0.3 s more
#: than 6 for files ~3 % smaller (measured); 6 is zlib's own default.
PDF_COMPRESS_LEVEL = 6

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

        tuned = tuning_applies()
        if tuned:
            _tune_pydyf()
            _tune_weasyprint()
        else:
            logger.warning(
                "documents: WeasyPrint %s / pydyf %s are not the versions the PDF tuning was "
                "written for (%s); rendering without it.",
                *_versions(),
                TUNED_FOR,
            )
        fetcher = make_url_fetcher()
        font_config = FontConfiguration()
        stylesheet = CSS(
            url=base_url() + settings.STATIC_URL.strip("/") + "/" + PRINT_STYLESHEET,
            url_fetcher=fetcher,
            font_config=font_config,
        )
        _state.update(fetcher=fetcher, font_config=font_config, stylesheet=stylesheet, tuned=tuned)
        # Drop the font configuration while the interpreter is whole (its __del__ needs it).
        atexit.register(_state.clear)
        # What the worker loaded so far lives for good: keep it out of every GC scan.
        gc.freeze()
    return _state


#: The library versions the tuning below (``_tune_pydyf``, ``_tune_weasyprint``) replaces
#: internals of. With any other version the libraries run as they are: slower, never wrong.
TUNED_FOR = {"weasyprint": "70.0", "pydyf": "0.13.0"}


def _versions() -> tuple[str, str]:
    import pydyf
    import weasyprint

    return weasyprint.__version__, pydyf.__version__


def tuning_applies() -> bool:
    return _versions() == (TUNED_FOR["weasyprint"], TUNED_FOR["pydyf"])


class _PdfZlib:
    """pydyf's view of ``zlib``: the same, with our compression level."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level=-1, *args, **kwargs):
        return zlib.compressobj(PDF_COMPRESS_LEVEL, *args, **kwargs)


def _page_references(pdf):
    """pydyf's ``PDF.page_references``, built once per page count instead of on every call:
    the tag tree asks for it for every structure element, which made tagging quadratic in
    the number of pages (a tuple of all pages built for each element)."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_esflow_page_references")
    if cached is None or cached[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = pdf.__dict__["_esflow_page_references"] = (len(kids), references)
    return cached[1]


@cache
def _serialized_once(cls):
    """A subclass of a pydyf object class whose ``data`` is computed once and kept."""
    compute = cls.data.fget

    def data(self):
        value = self.__dict__.get("_esflow_data")
        if value is None:
            value = self.__dict__["_esflow_data"] = compute(self)
        return value

    return type(cls.__name__, (cls,), {"data": property(data), "__module__": cls.__module__})


def _write_objects_once(document, pdf):
    """WeasyPrint finisher: serialize (and compress) every PDF object once while writing.

    PDF/A needs a file identifier, and pydyf computes it as the MD5 of every object's
    serialization, which it builds a second time right after writing them: every content
    stream compressed twice. The objects do not change while the file is written, so each
    keeps its first serialization; the bytes written are exactly the same (tested)."""
    pdf.__class__ = _serialize_once_pdf_class(type(pdf))


@cache
def _serialize_once_pdf_class(cls):
    class SerializeOncePDF(cls):
        def add_object(self, object_):
            super().add_object(object_)
            object_.__class__ = _serialized_once(type(object_))

        def write(self, *args, **kwargs):
            for object_ in self.objects:
                object_.__class__ = _serialized_once(type(object_))
            return super().write(*args, **kwargs)

    return SerializeOncePDF


def _one_side_border(stream, box, draw_border):
    """WeasyPrint's ``draw_border``, with a shortcut for our table rows' border: a solid
    border on one side only, square corners, no border image, no columns. WeasyPrint draws
    each such border through a clip path and an even-odd fill of two rounded rectangles
    (~5 % of a 50-page render); the band it leaves is this one filled rectangle."""
    style = box.style
    widths = (
        box.border_top_width,
        box.border_right_width,
        box.border_bottom_width,
        box.border_left_width,
    )
    sides = [i for i, width in enumerate(widths) if width]
    if (
        len(sides) != 1
        or style["visibility"] != "visible"
        or style["border_image_source"][0] != "none"
        or style["column_width"] != "auto"
        or style["column_count"] != "auto"
        or any(
            rx or ry
            for rx, ry in (
                box.border_top_left_radius,
                box.border_top_right_radius,
                box.border_bottom_right_radius,
                box.border_bottom_left_radius,
            )
        )
    ):
        return draw_border(stream, box)
    side = ("top", "right", "bottom", "left")[sides[0]]
    from weasyprint.draw.color import get_color

    color = get_color(style, f"border_{side}_color")
    if style[f"border_{side}_style"] != "solid" or not color.alpha:
        return draw_border(stream, box)
    width = widths[sides[0]]
    x, y, w, h = box.border_box_x(), box.border_box_y(), box.border_width(), box.border_height()
    band = {
        "top": (x, y, w, width),
        "right": (x + w - width, y, width, h),
        "bottom": (x, y + h - width, w, width),
        "left": (x, y, width, h),
    }[side]
    with stream.artifact(), stream.stacked():
        stream.set_color(color)
        stream.rectangle(*band)
        stream.fill()


def _tune_weasyprint():
    """Install the one-sided border shortcut where WeasyPrint's painting code calls it."""
    from functools import partial

    import weasyprint.draw
    from weasyprint.draw.border import draw_border

    weasyprint.draw.draw_border = partial(_one_side_border, draw_border=draw_border)


def _tune_pydyf():
    """Two costs of pydyf (WeasyPrint's PDF writer) that do not change the document."""
    import pydyf

    pydyf.zlib = _PdfZlib
    pydyf.PDF.page_references = property(_page_references)


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


def render_html(template_name: str, context: dict) -> str:
    """Render a document template to HTML, in Polish, with autoescaping (as always)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(template_name, context)


@contextmanager
def _no_cyclic_gc():
    """A render allocates hundreds of thousands of short-lived objects; the cyclic collector
    would rescan them over and over (measured: a fifth of a 50-page render). Reference
    counting still frees most of them; the cycles it cannot free (~400,000 objects after 50
    pages) are collected when the render is over, by the render: left for later, that
    collection (0.2-0.3 s at 50 pages) would land on whatever the process does next."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            # Everything the render allocated is still in the youngest generation.
            gc.collect(0)


def _render_pdf(html: str, state: dict) -> tuple[bytes, int]:
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url(), url_fetcher=state["fetcher"]).render(
        font_config=state["font_config"], stylesheets=[state["stylesheet"]], **PDF_OPTIONS
    )
    finisher = _write_objects_once if state["tuned"] else None
    content = document.write_pdf(finisher=finisher, **PDF_OPTIONS)
    return content, len(document.pages)


def render_pdf(html: str) -> RenderedPdf:
    """Lay out the HTML and write it as tagged PDF/A-3b."""
    state = warm_up()
    # One render at a time per process: the shared font configuration (Pango/fontconfig)
    # is not safe to use from two threads at once. Workers scale by processes.
    with _render_lock, _no_cyclic_gc():
        # The laid-out document is dropped when _render_pdf returns, before the collection.
        content, pages = _render_pdf(html, state)
    return RenderedPdf(content=content, pages=pages)
