"""The document kind this app owns: a notice (komunikat) with a table."""

from django.utils.translation import gettext_lazy as _

from .registry import register_document_kind

NOTICE = "notice"


def build_notice_context(notice) -> dict:
    rows = [(number, *row[:2]) for number, row in enumerate(notice.rows or [], start=1)]
    return {
        "notice": notice,
        "rows": rows,
        "title": notice.title,
        "reference": notice.reference,
    }


def _administrators(user, notice) -> bool:
    """Notices are written in the Django admin, so its users (``is_staff``) manage them."""
    return bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))


def register() -> None:
    register_document_kind(
        NOTICE,
        template="documents/notice.html",
        build_context=build_notice_context,
        label=_("notice"),
        may_manage=_administrators,
        reference=lambda notice: notice.reference,
    )
