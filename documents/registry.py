"""Document kinds: the apps that own a kind register it here; documents knows no case type.

A kind says which template renders it and how to rebuild the template's context from the
source object at render time (never from a snapshot taken in the request), so a re-render
after a template change shows the source as it is.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from .constants import ERROR_UNKNOWN_KIND


def _nobody(user, source) -> bool:
    """Deny by default: the app that owns a kind says who manages its documents."""
    return False


@dataclass(frozen=True)
class DocumentKind:
    name: str
    template: str
    build_context: Callable[[Any], dict]
    label: Any = ""
    #: Who may see failures and retry them (besides superusers); the owning app knows.
    may_manage: Callable[[Any, Any], bool] = field(default=_nobody)
    #: The source's reference printed in the footer (e.g. a case number).
    reference: Callable[[Any], str] = field(default=lambda source: "")
    #: Who may issue a corrected version or revoke an issued one (besides superusers);
    #: when the kind does not say, those who manage its documents.
    may_correct: Callable[[Any, Any], bool] | None = None
    #: The start of the download's file name (e.g. "opinia"); the reference follows it.
    file_prefix: str = ""
    #: A final document, sealed with esflow's seal when one is configured
    #: (``signatures.seal_pdf``; unchanged without a sealing key).
    sealed: bool = False


_kinds: dict[str, DocumentKind] = {}


class UnknownDocumentKind(LookupError):
    pass


def register_document_kind(
    name: str,
    *,
    template: str,
    build_context: Callable[[Any], dict],
    label: Any = "",
    may_manage: Callable[[Any, Any], bool] | None = None,
    reference: Callable[[Any], str] | None = None,
    may_correct: Callable[[Any, Any], bool] | None = None,
    file_prefix: str = "",
    sealed: bool = False,
) -> DocumentKind:
    """Register a document kind (call from the owning app's ``AppConfig.ready``)."""
    kind = DocumentKind(
        name=name,
        template=template,
        build_context=build_context,
        label=label or name,
        may_manage=may_manage or _nobody,
        reference=reference or (lambda source: ""),
        may_correct=may_correct,
        file_prefix=file_prefix,
        sealed=sealed,
    )
    _kinds[name] = kind
    return kind


def get_document_kind(name: str) -> DocumentKind:
    try:
        return _kinds[name]
    except KeyError:
        raise UnknownDocumentKind(ERROR_UNKNOWN_KIND % {"kind": name}) from None


def document_kinds() -> dict[str, DocumentKind]:
    return dict(_kinds)


def kind_label(name: str):
    kind = _kinds.get(name)
    return kind.label if kind else _("document")


_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9_]+")


def download_name(document) -> str:
    """The file name a document downloads as: the kind's prefix and the source's reference
    (a case number, ``/`` and other signs as ``-``), e.g. ``opinia-DOR-2026-0003-v1.pdf``;
    a kind without a prefix keeps the register's ``<kind>-<id>-v<version>.pdf``."""
    kind = _kinds.get(document.kind)
    stem = ""
    if kind is not None and kind.file_prefix:
        source = document.source
        reference = kind.reference(source) if source is not None else ""
        safe = _UNSAFE_IN_FILE_NAME.sub("-", reference or "").strip("-")
        stem = f"{kind.file_prefix}-{safe}" if safe else f"{kind.file_prefix}-{document.pk:06d}"
    if not stem:
        stem = f"{document.kind}-{document.pk:06d}"
    return f"{stem}-v{document.version}.pdf"
