"""Why a committee member is recused from an item, in words (the rule itself is
``casework.permissions.RECUSED``; this module only names which of its parts applies).

The reasons come from one set of annotations (``recusal_annotations``): the committee's list
adds them to its query (subqueries, so a page costs the same queries whatever its length),
and a single case is read with the same annotations (``recusal_reasons``), so the list, the
case page and a refused approval give the same reasons. Each part of ``RECUSED`` has its
reason here; ``tests/queues/test_visibility_property.py`` checks that a member has a reason
exactly when ``RECUSED`` holds.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, CharField, Exists, OuterRef, Subquery, Value, When
from django.db.models import Case as CaseWhen
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation

from . import permissions
from .models import Case, CaseParty, ConflictDeclaration, DeclaredLink

REASON_MEMBER_OF_REQUESTER = _("membership in the requesting organisation: %(organisation)s")
REASON_MEMBER_OF_PARTY = _("membership in a party to the case: %(organisation)s")
REASON_LINK = _("declared link with an organisation: %(organisation)s")
REASON_CONFLICT = _("declared conflict of interest: %(reason)s")

ERROR_RECUSED = _("You are recused from this case (%(reasons)s), so you may not decide it.")

#: The history's wording of the events written here (past tense, as the rest of the history).
EVENT_CONFLICT_DECLARED = "conflict_declared"
EVENT_RECUSED = "recused"
EVENT_LINK_ENDED = "link_ended"
#: The outbox topic of recording the recusals of an item that starts awaiting a decision.
RECUSALS_TOPIC = "casework.recusals"
LABEL_CONFLICT_DECLARED = _("declared a conflict of interest")
LABEL_CONFLICT_DECLARED_WITH_REASON = _("declared a conflict of interest: %(reason)s")
LABEL_RECUSED_BY_LINK = _("was recused: declared link with an organisation: %(organisation)s")
LABEL_LINK_ENDED = _("ended the declared link with an organisation: %(organisation)s")
LABEL_RECUSED = _("was recused: %(reasons)s")
REASON_CONFLICT_DECLARED = _("declared conflict of interest")

#: The reason codes of a recorded recusal (its event's ``data["reasons"]``: [code, id] pairs,
#: the id of an organisation, or of the declaration for a declared conflict).
REF_MEMBER_OF_REQUESTER = "member_of_requester"
REF_MEMBER_OF_PARTY = "member_of_party"
REF_LINK = "link"
REF_CONFLICT = "conflict"

#: The annotations' names (prefixed, so that they never collide with a field).
MEMBER_OF_REQUESTER = "recusal_member_of_requester"
MEMBER_OF_PARTY = "recusal_member_of_party"
LINKED_REQUESTER = "recusal_linked_requester"
LINKED_PARTY = "recusal_linked_party"
CONFLICT = "recusal_conflict"


def _first_party_name(organisations) -> Subquery:
    return Subquery(
        CaseParty.objects.filter(case=OuterRef("pk"), organisation_id__in=organisations)
        .order_by("pk")
        .values("organisation__name")[:1]
    )


def recusal_annotations(user) -> dict[str, Any]:
    """Annotations of ``Case`` naming each reason ``user`` is recused from a case (None /
    False where it does not apply): one subquery or value per reason, never a query per row."""
    s = permissions.subject_of(user)
    if not s.active:
        return {}
    organisations = sorted(s.organisation_ids)
    links = DeclaredLink.objects.current().filter(member_id=s.pk)
    return {
        MEMBER_OF_REQUESTER: CaseWhen(
            When(requesting_organisation_id__in=organisations, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        if organisations
        else Value(False, output_field=BooleanField()),
        MEMBER_OF_PARTY: _first_party_name(organisations)
        if organisations
        else Value(None, output_field=CharField()),
        LINKED_REQUESTER: Exists(
            links.filter(organisation_id=OuterRef("requesting_organisation_id"))
        ),
        LINKED_PARTY: _first_party_name(links.values("organisation_id")),
        CONFLICT: Subquery(
            ConflictDeclaration.objects.filter(case=OuterRef("pk"), member_id=s.pk).values(
                "reason"
            )[:1]
        ),
    }


def reasons_of(case) -> list[str]:
    """The reasons on a case read with ``recusal_annotations`` (its requesting organisation
    loaded), in words; empty when the member is not recused."""
    reasons = []
    organisation = case.requesting_organisation.name if case.requesting_organisation_id else ""
    if getattr(case, MEMBER_OF_REQUESTER, False):
        reasons.append(REASON_MEMBER_OF_REQUESTER % {"organisation": organisation})
    if party := getattr(case, MEMBER_OF_PARTY, None):
        reasons.append(REASON_MEMBER_OF_PARTY % {"organisation": party})
    if getattr(case, LINKED_REQUESTER, False):
        reasons.append(REASON_LINK % {"organisation": organisation})
    if party := getattr(case, LINKED_PARTY, None):
        reasons.append(REASON_LINK % {"organisation": party})
    if (reason := getattr(case, CONFLICT, None)) is not None:
        reasons.append(REASON_CONFLICT % {"reason": reason})
    return reasons


def recusal_reasons(user, case) -> list[str]:
    """Why ``user`` is recused from ``case`` (one query; empty for who is not a committee
    member, or not recused)."""
    s = permissions.subject_of(user)
    if not s.active or not permissions.COMMITTEE.holds(s, case):
        return []
    annotated = (
        Case.objects.filter(pk=case.pk)
        .select_related("requesting_organisation")
        .annotate(**recusal_annotations(s))
        .first()
    )
    return reasons_of(annotated) if annotated is not None else []


def refusal_of_recused(user, case) -> Any:
    """The message for a recused member's refused decision, or "" when not recused."""
    reasons = recusal_reasons(user, case)
    if not reasons:
        return ""
    return ERROR_RECUSED % {"reasons": "; ".join(reasons)}


def sees_conflict_reasons(user) -> bool:
    """Staff and the committee read the reasons of declared conflicts in the history; the
    requesting side reads that a conflict was declared."""
    s = permissions.subject_of(user)
    return permissions.any_of(permissions.STAFF, permissions.COMMITTEE).holds(s, None)


def _ids(values) -> list[int]:
    return [v for v in values if isinstance(v, int)]


def _refs(event) -> list[tuple[str, int]]:
    """The reasons of a recorded recusal: ``data["reasons"]`` as (code, id) pairs."""
    refs = event.data.get("reasons") if isinstance(event.data, dict) else None
    return [
        (ref[0], ref[1])
        for ref in refs or ()
        if isinstance(ref, list) and len(ref) == 2 and isinstance(ref[1], int)
    ]


def event_labels(events, *, with_reasons: bool) -> dict[int, str]:
    """The history's wording of the declaration and recusal events among ``events`` (two
    queries at most, whatever their number): {event id: label}. The reason of a declared
    conflict is shown only ``with_reasons`` (staff and the committee)."""
    declared = [e for e in events if e.action == EVENT_CONFLICT_DECLARED]
    recused = [e for e in events if e.action in (EVENT_RECUSED, EVENT_LINK_ENDED)]
    if not declared and not recused:
        return {}
    declaration_ids = [e.data.get("declaration") for e in declared]
    organisation_ids = [e.data.get("organisation") for e in recused]
    for event in recused:
        for code, ref in _refs(event):
            (declaration_ids if code == REF_CONFLICT else organisation_ids).append(ref)
    reasons = {}
    if with_reasons and _ids(declaration_ids):
        reasons = dict(
            ConflictDeclaration.objects.filter(pk__in=_ids(declaration_ids)).values_list(
                "pk", "reason"
            )
        )
    names = {}
    if _ids(organisation_ids):
        names = dict(
            Organisation.objects.filter(pk__in=_ids(organisation_ids)).values_list("pk", "name")
        )
    labels: dict[int, str] = {}
    for event in declared:
        reason = reasons.get(event.data.get("declaration"))
        labels[event.pk] = (
            LABEL_CONFLICT_DECLARED_WITH_REASON % {"reason": reason}
            if reason is not None
            else str(LABEL_CONFLICT_DECLARED)
        )
    for event in recused:
        refs = _refs(event)
        if refs:
            words = [_ref_words(code, ref, names, reasons) for code, ref in refs]
            labels[event.pk] = LABEL_RECUSED % {"reasons": "; ".join(words)}
            continue
        label = LABEL_RECUSED_BY_LINK if event.action == EVENT_RECUSED else LABEL_LINK_ENDED
        labels[event.pk] = label % {"organisation": names.get(event.data.get("organisation"), "—")}
    return labels


def _ref_words(code: str, ref: int, names: dict, reasons: dict) -> str:
    if code == REF_CONFLICT:
        reason = reasons.get(ref)
        return (
            REASON_CONFLICT % {"reason": reason}
            if reason is not None
            else str(REASON_CONFLICT_DECLARED)
        )
    template = {
        REF_MEMBER_OF_REQUESTER: REASON_MEMBER_OF_REQUESTER,
        REF_MEMBER_OF_PARTY: REASON_MEMBER_OF_PARTY,
    }.get(code, REASON_LINK)
    return template % {"organisation": names.get(ref, "—")}
