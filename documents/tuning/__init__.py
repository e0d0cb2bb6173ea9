"""Speed-ups of WeasyPrint's and pydyf's internals, for exactly the versions they were written
for (``TUNED_FOR``; pyproject pins both). None of them changes what a document says; each
module's tests compare its output with the libraries' own.

Each module here may define:

- ``patches()``: the ``(owner, attribute, replacement)`` triples it puts in place;
- ``finish(document, pdf)``: a WeasyPrint finisher, run before the PDF is written;
- ``release()``: run when a render is over, written or failed (per-render state is the
  module's own, kept per thread).

``install()`` puts every module in place once per process (``rendering.warm_up`` calls it);
``without(name, ...)`` takes modules out for a while, which is how the tests compare.
"""

import importlib
import logging
import threading
from contextlib import contextmanager

logger = logging.getLogger(__name__)

#: The library versions whose internals the modules below replace. With any other version
#: the libraries run as they are: slower, never wrong.
TUNED_FOR = {"weasyprint": "70.0", "pydyf": "0.13.0"}

#: In the order they are installed.
MODULES = (
    "compression", "pdfwriter", "borders", "cycles", "styles", "styles_get", "styles_html",
    "layout", "paint", "paint_stream", "paint_bytes",
)  # fmt: skip

_MISSING = object()
_lock = threading.Lock()
#: name -> [(owner, attribute, original, replacement)] for each installed module.
_installed: dict[str, list] = {}
_disabled: set[str] = set()


def versions() -> tuple[str, str]:
    import pydyf
    import weasyprint

    return weasyprint.__version__, pydyf.__version__


def applies() -> bool:
    return versions() == (TUNED_FOR["weasyprint"], TUNED_FOR["pydyf"])


def _module(name: str):
    return importlib.import_module(f"{__name__}.{name}")


def _apply(entries, use_replacement: bool) -> None:
    for owner, attribute, original, replacement in entries:
        value = replacement if use_replacement else original
        if value is _MISSING:
            delattr(owner, attribute)
        else:
            setattr(owner, attribute, value)


def install() -> bool:
    """Put every module in place (once). False, with a warning, for other library versions."""
    with _lock:
        if _installed:
            return True
        if not applies():
            logger.warning(
                "documents: WeasyPrint %s / pydyf %s are not the versions the PDF tuning was "
                "written for (%s); rendering without it.",
                *versions(),
                TUNED_FOR,
            )
            return False
        for name in MODULES:
            module = _module(name)
            entries = [
                (owner, attribute, vars(owner).get(attribute, _MISSING), replacement)
                for owner, attribute, replacement in getattr(module, "patches", list)()
            ]
            _apply(entries, use_replacement=True)
            _installed[name] = entries
        return True


def installed() -> bool:
    return bool(_installed)


def active(name: str) -> bool:
    return name in _installed and name not in _disabled


@contextmanager
def without(*names: str):
    """The libraries' own code instead of the named modules (all of them if none is named),
    for the duration of the block. For tests and measurements: not while another thread
    renders, and a render must not span the block's edge (``styles`` makes a cascade's
    pseudo-element styles when they are first asked for, through its own ``__call__``)."""
    names = tuple(n for n in (names or MODULES) if active(n))
    for name in names:
        _apply(_installed[name], use_replacement=False)
        _disabled.add(name)
    try:
        yield
    finally:
        for name in names:
            _apply(_installed[name], use_replacement=True)
            _disabled.discard(name)


def finisher(document, pdf) -> None:
    """The WeasyPrint finisher of a tuned render: each active module's ``finish``."""
    for name in MODULES:
        if active(name):
            finish = getattr(_module(name), "finish", None)
            if finish is not None:
                finish(document, pdf)


_scope = threading.local()


def in_render_scope() -> bool:
    """Whether this thread is inside ``render_scope`` (modules keep per-render state only
    then, so a render outside one holds nothing after it)."""
    return getattr(_scope, "depth", 0) > 0


@contextmanager
def render_scope():
    """Around one render: each installed module's ``release`` when it is over (taken out by
    ``without`` or not: what it holds of this render is let go)."""
    _scope.depth = getattr(_scope, "depth", 0) + 1
    try:
        yield
    finally:
        _scope.depth -= 1
        if not _scope.depth:
            for name in MODULES:
                if name in _installed:
                    release = getattr(_module(name), "release", None)
                    if release is not None:
                        release()
