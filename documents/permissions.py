"""Who may see and manage an issued document: the source's own rule decides.

Convention: a source model's default manager provides ``visible_to(user)``. A source
without it is visible to nobody but superusers (deny by default).
"""

from .models import Document
from .registry import UnknownDocumentKind, get_document_kind


def source_visible_to(user, source) -> bool:
    if source is None:
        return False
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    manager = type(source)._default_manager
    if not hasattr(manager, "visible_to"):
        return False
    return manager.visible_to(user).filter(pk=source.pk).exists()


def can_view(user, document: Document) -> bool:
    """A public document is anyone's once ready; any other only for who may see its source."""
    if document.is_public and document.is_ready:
        return True
    return source_visible_to(user, document.source)


def can_manage(user, document: Document) -> bool:
    """Staff of the owning app (its kind's rule) see failures and may retry."""
    if not source_visible_to(user, document.source):
        return False
    if getattr(user, "is_superuser", False):
        return True
    try:
        kind = get_document_kind(document.kind)
    except UnknownDocumentKind:
        return False
    return bool(kind.may_manage(user, document.source))
