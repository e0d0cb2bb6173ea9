"""Who may see and manage an issued document: the source's own rule decides.

Convention: a source model's default manager provides ``visible_to(user)``. A source
without it is visible to nobody but superusers (deny by default).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

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


def visible_documents(user, documents) -> list[Document]:
    """The documents of a list that ``can_view`` allows, with one query per source model
    instead of two per document (case pages list several versions)."""
    documents = list(documents)
    open_to_all = {d.pk for d in documents if d.is_public and d.is_ready}
    wanted: dict[int, set] = defaultdict(set)
    for d in documents:
        if d.pk not in open_to_all:
            wanted[d.source_type_id].add(d.source_id)
    visible: set[tuple[int, object]] = set()
    superuser = getattr(user, "is_superuser", False) and user.is_active
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        manager = model._default_manager if model is not None else None
        if manager is None or not (superuser or hasattr(manager, "visible_to")):
            continue
        rows = manager.all() if superuser else manager.visible_to(user)
        visible |= {(type_id, pk) for pk in rows.filter(pk__in=ids).values_list("pk", flat=True)}
    return [
        d for d in documents if d.pk in open_to_all or (d.source_type_id, d.source_id) in visible
    ]


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


def can_correct(user, document: Document) -> bool:
    """May ``user`` issue a corrected version of ``document`` or revoke it? Deny by default:
    only who may see the source, and then only superusers and whom the kind names
    (``may_correct``, or ``may_manage`` when the kind does not say)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not source_visible_to(user, document.source):
        return False
    if user.is_superuser:
        return True
    try:
        kind = get_document_kind(document.kind)
    except UnknownDocumentKind:
        return False
    rule = kind.may_correct or kind.may_manage
    return bool(rule(user, document.source))
