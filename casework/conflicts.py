"""Conflicts of interest: a committee member declares a conflict on an item, or a link with
an organisation; both recuse the member (``casework.permissions.RECUSED``) and both are
written into the cases' history (``CaseEvent``, append-only), the reason kept apart in
``ConflictDeclaration`` so that the audit log holds ids, not free text."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from workflows.constants import RefusalCode

from . import permissions
from .flows import committee_users
from .forms import ConflictForm
from .models import Case, CaseEvent, CaseParty, ConflictDeclaration, DeclaredLink
from .queues.reads import approval_q
from .recusal import (
    EVENT_CONFLICT_DECLARED,
    EVENT_LINK_ENDED,
    EVENT_RECUSED,
    REF_CONFLICT,
    REF_LINK,
    REF_MEMBER_OF_PARTY,
    REF_MEMBER_OF_REQUESTER,
    recusal_reasons,
)
from .registry import kind_of
from .services import case_locked, refuse

ERROR_NOT_COMMITTEE = _("Only a committee member may declare a conflict of interest.")
ERROR_ALREADY_DECLARED = _("You have already declared a conflict of interest on this case.")
ERROR_LINKS_COMMITTEE_ONLY = _("Only committee members declare links with organisations.")
ERROR_LINK_EXISTS = _("You have already declared a link with this organisation.")
ERROR_LINK_NOT_YOURS = _("This declared link is not yours or has already ended.")


def is_committee_member(user) -> bool:
    return permissions.holds(permissions.COMMITTEE, user, None)


@transaction.atomic
def conflict_declare(*, case: Case, member: Any, reason: str) -> ConflictDeclaration:
    """``member`` declares a conflict of interest on ``case`` (which they can see): from now
    on they may not decide it. The case is locked, as a transition locks it, so a decision
    and a declaration never cross; the declaration and its event are written together."""
    locked = case_locked(case, ERROR_NOT_COMMITTEE)
    if not (permissions.can_view(member, locked) and is_committee_member(member)):
        raise refuse(ERROR_NOT_COMMITTEE)
    if ConflictDeclaration.objects.filter(case=locked, member=member).exists():
        raise refuse(ERROR_ALREADY_DECLARED, RefusalCode.INVALID)
    declaration = ConflictDeclaration.objects.create(case=locked, member=member, reason=reason)
    CaseEvent.objects.create(
        case=locked,
        actor=member,
        action=EVENT_CONFLICT_DECLARED,
        from_status=locked.status,
        to_status=locked.status,
        data={"declaration": declaration.pk},
    )
    return declaration


def cases_awaiting_decision_of(member, organisation: Organisation):
    """The items awaiting a decision that ``member`` sees and ``organisation`` requests or
    is a party to: those a link with it recuses the member from now."""
    parties = CaseParty.objects.filter(organisation=organisation).values("case_id")
    return (
        Case.objects.visible_to(member)
        .filter(approval_q())
        .filter(Q(requesting_organisation=organisation) | Q(pk__in=parties))
        .order_by("pk")
    )


@transaction.atomic
def link_declare(*, member: Any, organisation: Organisation, note: str = "") -> DeclaredLink:
    """``member`` declares a link with ``organisation``: every case it requests or is a party
    to is one the member may not decide. Each item awaiting a decision gets a recusal event."""
    if not is_committee_member(member):
        raise refuse(ERROR_LINKS_COMMITTEE_ONLY)
    if DeclaredLink.objects.current().filter(member=member, organisation=organisation).exists():
        raise refuse(ERROR_LINK_EXISTS, RefusalCode.INVALID)
    link = DeclaredLink.objects.create(member=member, organisation=organisation, note=note)
    _link_events(link, EVENT_RECUSED)
    return link


def _link_events(link: DeclaredLink, action: str) -> None:
    """Write ``action`` (a recusal, or its end) on every item awaiting a decision that the
    link's organisation requests or is a party to."""
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            actor=link.member,
            action=action,
            from_status=case.status,
            to_status=case.status,
            data={"link": link.pk, "organisation": link.organisation_id},
        )
        for case in cases_awaiting_decision_of(link.member, link.organisation)
    )


@transaction.atomic
def link_end(*, link: DeclaredLink, member: Any) -> DeclaredLink:
    """End one of ``member``'s declared links (it stays as history, with its end). The items
    awaiting a decision that it recused the member from record the end too, so that a
    decision taken after it is explained by the history."""
    locked = (
        DeclaredLink.objects.select_for_update()
        .select_related("member", "organisation")
        .filter(pk=link.pk)
        .first()
    )
    if locked is None or locked.member_id != member.pk or locked.ended_at is not None:
        raise refuse(ERROR_LINK_NOT_YOURS, RefusalCode.CONFLICT)
    locked.ended_at = timezone.now()
    locked.save(update_fields=["ended_at"])
    _link_events(locked, EVENT_LINK_ENDED)
    return locked


def conflict_context(case: Case, user: Any, form: ConflictForm | None = None) -> dict:
    """What the case page shows a committee member: why they are recused (if they are),
    their declaration or the form to declare one. Nothing for anyone else."""
    if not is_committee_member(user):
        return {}
    declared = ConflictDeclaration.objects.filter(case=case, member=user).first()
    return {
        "conflict": {
            "reasons": recusal_reasons(user, case),
            "declared": declared,
            "form": None if declared else (form or ConflictForm(auto_id="id_conflict_%s")),
        }
    }


def recusal_refs(member: Any, case: Case) -> list[list]:
    """Why ``member`` is recused from ``case``, as reference data for an event: [code, id]
    pairs (``casework.recusal.REF_*``; ids of organisations or of the declaration)."""
    s = permissions.subject_of(member)
    parties = set(CaseParty.objects.filter(case=case).values_list("organisation_id", flat=True))
    refs: list[list] = []
    if case.requesting_organisation_id in s.organisation_ids:
        refs.append([REF_MEMBER_OF_REQUESTER, case.requesting_organisation_id])
    refs += [[REF_MEMBER_OF_PARTY, org] for org in sorted(parties & s.organisation_ids)]
    linked = (
        DeclaredLink.objects.current()
        .filter(member=member, organisation_id__in={case.requesting_organisation_id, *parties})
        .values_list("organisation_id", flat=True)
    )
    refs += [[REF_LINK, org] for org in sorted(set(linked))]
    declaration = (
        ConflictDeclaration.objects.filter(case=case, member=member)
        .values_list("pk", flat=True)
        .first()
    )
    if declaration is not None:
        refs.append([REF_CONFLICT, declaration])
    return refs


def recusals_record(row) -> None:
    """Outbox handler (``RECUSALS_TOPIC``): an item has started awaiting a decision; write a
    recusal event for each committee member recused from it (``permissions.RECUSED``), with
    the reasons as reference data. Nothing if the item has moved on meanwhile."""
    case = Case.objects.filter(pk=row.payload.get("case_id")).first()
    kind = kind_of(case) if case is not None else None
    if kind is None or case.status not in kind.flow.awaiting_decision_states():
        return
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            actor=member,
            action=EVENT_RECUSED,
            from_status=case.status,
            to_status=case.status,
            data={"reasons": recusal_refs(member, case)},
        )
        for member in committee_users().order_by("pk")
        if permissions.can_view(member, case)
        and permissions.holds(permissions.RECUSED, member, case)
    )
