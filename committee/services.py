"""Every write of the committee: meetings, agendas, attendance, votes, resolutions, minutes and
the circular procedure. Each runs in a transaction with the row it changes locked (the
meeting or the procedure), so concurrent writes to one meeting or procedure are decided one
after another; the unique constraints on votes and attendance are the last line.

Decisions are the pure rules of ``committee.rules``; an adopted resolution moves the cases it
decides through ``transition_apply`` as the system actor, naming the resolution, which the
``approve`` transition checks with ``casework.decisions`` (registered in ``apps.py``).
"""

import datetime
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from casework.models import Case
from casework.registry import ApprovalMode, approval_mode_of, kind_of, kinds_in_resolution_mode
from workflows.actors import system_actor
from workflows.exceptions import TransitionRefused
from workflows.outbox import outbox_add
from workflows.services import transition_apply

from . import permissions as perms
from .constants import (
    PRESENT_STATUSES,
    AttendanceStatus,
    BodyKind,
    ItemStatus,
    MeetingStatus,
    MinutesStatus,
    ProcedureStatus,
    VoteChoice,
)
from .models import (
    AgendaItem,
    Attendance,
    Body,
    CircularProcedure,
    Meeting,
    Minutes,
    Resolution,
    Vote,
)
from .rules import Choice, Decision, Majority, Outcome, Seat, decide_seats

EMAIL_TOPIC = "committee.email"
RESOLUTION_COUNTER = "committee.res.%s"
APPROVAL_STATE = "in_approval"

ERROR_FORBIDDEN = gettext_lazy("You may not do this in this body.")
ERROR_NOT_PLANNED = gettext_lazy("The meeting has already been held or was cancelled.")
ERROR_NOT_HELD = gettext_lazy("Record the attendance before the votes.")
ERROR_NO_VOTE = gettext_lazy("This person has no vote in this body.")
ERROR_RECUSED = gettext_lazy("This member is recused from the item and does not vote on it.")
ERROR_ALREADY_VOTED = gettext_lazy("This member has already voted.")
ERROR_NOT_PRESENT = gettext_lazy("Only members present at the meeting vote on its items.")
ERROR_ITEM_DECIDED = gettext_lazy("The item has already been decided.")
ERROR_NO_VOTE_ITEM = gettext_lazy("This item is not put to the vote.")
ERROR_NOT_PASSED = gettext_lazy("A resolution is adopted only on items that passed the vote.")
ERROR_ALREADY_RESOLVED = gettext_lazy("An item already has its resolution.")
ERROR_ONE_MEETING = gettext_lazy("A resolution decides items of one meeting.")
ERROR_NO_ITEMS = gettext_lazy("Choose at least one item.")
ERROR_CLOSED = gettext_lazy("The circular procedure is closed.")
ERROR_DEADLINE_PAST = gettext_lazy("The deadline must be in the future.")
ERROR_PROCEDURE_PAST = gettext_lazy("The deadline for votes has passed.")
ERROR_CASE_NOT_AWAITING = gettext_lazy(
    "The case is not awaiting a decision of the committee by resolution."
)
ERROR_CASE_MOVED = gettext_lazy("Case %(number)s can no longer be approved: %(reason)s")
ERROR_CASE_ON_AGENDA = gettext_lazy("The case is already awaiting a vote.")
ERROR_ENDS_BEFORE_START = gettext_lazy("The meeting must end after it starts.")
ERROR_NO_PLACE = gettext_lazy("Give a place or an online meeting link.")
ERROR_MINUTES_APPROVED = gettext_lazy("Approved minutes are not changed.")
ERROR_NOT_MEMBER = gettext_lazy("This person has no seat in this body.")
ERROR_ATTENDANCE_FINAL = gettext_lazy(
    "The attendance is final: the meeting has already voted under it."
)


class CommitteeRefused(Exception):
    """A committee write refused; ``message`` is translated and safe to show."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _require(condition: bool, message) -> None:
    if not condition:
        raise CommitteeRefused(message)


def _quorum(body: Body) -> Fraction:
    return Fraction(body.quorum_percent, 100)


# Meetings and agendas ------------------------------------------------------------------------


def cases_awaiting_resolution(body: Body | None = None):
    """Cases in approval whose kind is decided by resolution and which no item awaiting a
    vote holds yet (on a planned agenda, in an open procedure): what goes on the next agenda
    (the committee's own business; a thematic group decides no cases)."""
    kinds = kinds_in_resolution_mode()
    if body is not None and body.kind != BodyKind.COMMITTEE:
        return Case.objects.none()
    held = AgendaItem.objects.filter(status=ItemStatus.PENDING, case__isnull=False).values(
        "case_id"
    )
    return (
        Case.objects.filter(kind__in=kinds, status=APPROVAL_STATE)
        .exclude(pk__in=held)
        .order_by("pk")
    )


def meeting_schedule(
    *,
    body: Body,
    actor: Any,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online_url: str = "",
    add_awaiting: bool = True,
) -> Meeting:
    """Schedule a meeting; the cases awaiting the body's resolution go on its agenda, and every
    seat is invited (an e-mail with the meeting as an iCalendar file)."""
    _require(perms.may_organise(actor, body), ERROR_FORBIDDEN)
    _require(ends_at > starts_at, ERROR_ENDS_BEFORE_START)
    _require(bool(place.strip() or online_url.strip()), ERROR_NO_PLACE)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip(),
            online_url=online_url.strip(),
            created_by=actor,
        )
        if add_awaiting:
            for case in cases_awaiting_resolution(body).select_for_update():
                _item_create(meeting=meeting, case=case)
        for seat in perms.seats(body):
            _email(seat.user_id, "invitation", meeting=meeting.pk)
    return meeting


def meeting_cancel(*, meeting: Meeting, actor: Any) -> Meeting:
    """Cancel a planned meeting: its items are taken off (the cases on it await the next
    meeting or a circular procedure again) and every seat is told."""
    _require(perms.may_organise(actor, meeting.body), ERROR_FORBIDDEN)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require(meeting.status == MeetingStatus.PLANNED, ERROR_NOT_PLANNED)
        meeting.items.all().delete()
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status"])
        for seat in perms.seats(meeting.body):
            _email(seat.user_id, "cancelled", meeting=meeting.pk)
    return meeting


def _next_position(meeting: Meeting) -> int:
    """The next number on the agenda. Read with the meeting row locked (``agenda_item_add``)
    or for a meeting being created (``meeting_schedule``), so two items added at once get
    two numbers; the unique constraint on (meeting, position) is the last line."""
    return (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1


def _item_create(*, meeting=None, procedure=None, case=None, title="", materials="", vote=True):
    body = meeting.body if meeting is not None else procedure.body
    majority = procedure.majority if procedure is not None else body.majority
    return AgendaItem.objects.create(
        meeting=meeting,
        procedure=procedure,
        position=_next_position(meeting) if meeting is not None else 1,
        title=title or (f"{case.number} — {case.title}" if case is not None else ""),
        case=case,
        version=_current_version_sha(case) if case is not None else "",
        materials=materials,
        needs_vote=vote,
        majority=majority,
    )


def _check_case(case: Case) -> None:
    _require(
        case.status == APPROVAL_STATE and approval_mode_of(case.kind) == ApprovalMode.RESOLUTION,
        ERROR_CASE_NOT_AWAITING,
    )
    _require(
        not AgendaItem.objects.filter(case=case, status=ItemStatus.PENDING).exists(),
        ERROR_CASE_ON_AGENDA,
    )


def agenda_item_add(
    *,
    meeting: Meeting,
    actor: Any,
    title: str = "",
    case: Case | None = None,
    materials: str = "",
    needs_vote: bool = True,
) -> AgendaItem:
    """Add a case awaiting the body's decision, or a free item, to a planned meeting."""
    _require(perms.may_organise(actor, meeting.body), ERROR_FORBIDDEN)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require(meeting.status == MeetingStatus.PLANNED, ERROR_NOT_PLANNED)
        if case is not None:
            case = Case.objects.select_for_update().get(pk=case.pk)
            _check_case(case)
            needs_vote = True
        return _item_create(
            meeting=meeting, case=case, title=title, materials=materials, vote=needs_vote
        )


def attendance_final(meeting: Meeting) -> bool:
    """The attendance may no longer change: the quorum and the majorities of the meeting's
    votes were counted under it. That is from the first vote recorded on any of its items
    (not from the meeting being held: recording the attendance is what makes it held, and the
    secretary may still correct it before the chair opens the votes), or from an item counted
    without votes (no quorum), or once its minutes, which record it, are approved."""
    return (
        Vote.objects.filter(item__meeting=meeting).exists()
        or meeting.items.filter(needs_vote=True).exclude(status=ItemStatus.PENDING).exists()
        or Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists()
    )


def attendance_record(*, meeting: Meeting, actor: Any, statuses: dict[int, str]) -> Meeting:
    """Record who attended (by membership id); the meeting is then held and votes may be
    recorded. Every seat gets a status (an unmentioned one: absent). It may be corrected
    until the meeting votes (``attendance_final``); the votes lock the meeting row too, so a
    correction and a first vote arriving at once are decided one after the other."""
    _require(perms.may_organise(actor, meeting.body), ERROR_FORBIDDEN)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require(meeting.status != MeetingStatus.CANCELLED, ERROR_NOT_PLANNED)
        _require(not attendance_final(meeting), ERROR_ATTENDANCE_FINAL)
        seat_ids = {s.pk for s in perms.seats(meeting.body, meeting.starts_at.date())}
        unknown = set(statuses) - seat_ids
        _require(not unknown, ERROR_NOT_MEMBER)
        for membership_id in seat_ids:
            status = statuses.get(membership_id, AttendanceStatus.ABSENT)
            _require(status in AttendanceStatus.values, ERROR_NOT_MEMBER)
            Attendance.objects.update_or_create(
                meeting=meeting,
                membership_id=membership_id,
                defaults={"status": status, "recorded_by": actor},
            )
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
    return meeting


def _voting_seat(body: Body, member: Any, on: datetime.date):
    seat = perms.voting_seats(body, on).filter(user=member).order_by("pk").first()
    _require(seat is not None, ERROR_NO_VOTE)
    return seat


def vote_record(*, item: AgendaItem, actor: Any, member: Any, choice: str) -> Vote:
    """The chair records a present member's named vote on a meeting's item."""
    meeting = item.meeting
    _require(meeting is not None, ERROR_NO_VOTE_ITEM)
    _require(perms.may_record_votes(actor, meeting.body), ERROR_FORBIDDEN)
    _require(choice in VoteChoice.values, ERROR_NO_VOTE_ITEM)
    with transaction.atomic():
        # The meeting first (as attendance_record does), then the item.
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .get(pk=item.pk)
        )
        _require(item.meeting.status == MeetingStatus.HELD, ERROR_NOT_HELD)
        _require(item.needs_vote, ERROR_NO_VOTE_ITEM)
        _require(item.status == ItemStatus.PENDING, ERROR_ITEM_DECIDED)
        seat = _voting_seat(item.meeting.body, member, item.meeting.starts_at.date())
        _require(
            Attendance.objects.filter(
                meeting=item.meeting, membership=seat, status__in=PRESENT_STATUSES
            ).exists(),
            ERROR_NOT_PRESENT,
        )
        _require(not perms.is_recused(member, item.case), ERROR_RECUSED)
        vote, _created = Vote.objects.update_or_create(
            item=item,
            member=member,
            defaults={"membership": seat, "choice": choice, "recorded_by": actor},
        )
    return vote


def votes_record(*, item: AgendaItem, actor: Any, votes, decide: bool = False) -> AgendaItem:
    """The chair's form: several named votes on an item, and optionally the count, all or
    nothing (one refused vote stores none of them)."""
    with transaction.atomic():
        for member, choice in votes:
            vote_record(item=item, actor=actor, member=member, choice=choice)
        if decide:
            item = item_decide(item=item, actor=actor)
    item.refresh_from_db()
    return item


def _result_of(decision: Decision) -> dict:
    c = decision.count
    return {
        "outcome": decision.outcome.value,
        "eligible": c.eligible,
        "present": c.present,
        "recused": c.recused,
        "for": c.votes_for,
        "against": c.votes_against,
        "abstain": c.abstentions,
        "casting_vote": decision.casting_vote,
    }


def item_seats(item: AgendaItem) -> list[Seat]:
    """The seats of a meeting's item as the rules count them."""
    meeting = item.meeting
    attendance = {a.membership_id: a.status for a in meeting.attendance.all()}
    votes = {v.member_id: v.choice for v in item.votes.all()}
    result = []
    for seat in perms.seats(meeting.body, meeting.starts_at.date()):
        result.append(
            Seat(
                votes=seat.role in perms.VOTING_ROLES,
                present=attendance.get(seat.pk) in PRESENT_STATUSES,
                recused=perms.is_recused(seat.user, item.case),
                chair=seat.role == "chair",
                choice=Choice(votes[seat.user_id]) if seat.user_id in votes else None,
            )
        )
    return result


def item_decide(*, item: AgendaItem, actor: Any) -> AgendaItem:
    """Close the vote on an item: the rules decide it from the attendance and the votes."""
    meeting = item.meeting
    _require(meeting is not None, ERROR_NO_VOTE_ITEM)
    _require(perms.may_record_votes(actor, meeting.body), ERROR_FORBIDDEN)
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("meeting__body")
            .get(pk=item.pk)
        )
        _require(item.meeting.status == MeetingStatus.HELD, ERROR_NOT_HELD)
        _require(item.status == ItemStatus.PENDING, ERROR_ITEM_DECIDED)
        if not item.needs_vote:
            item.status = ItemStatus.NOTED
        else:
            decision = decide_seats(
                item_seats(item), Majority(item.majority), quorum=_quorum(item.meeting.body)
            )
            item.status = decision.outcome.value
            item.result = _result_of(decision)
        item.save(update_fields=["status", "result"])
    return item


# Resolutions --------------------------------------------------------------------------------


def _number(body: Body, at: datetime.datetime) -> tuple[int, int, str]:
    from workflows.numbering import number_allocate

    year, seq = number_allocate(kind=RESOLUTION_COUNTER % body.pk, at=at)
    return year, seq, body.resolution_pattern.format(seq=seq, year=year)


def _current_version_sha(case: Case) -> str:
    kind = kind_of(case)
    model = kind.version_model if kind else None
    if model is None:
        return ""
    version = (
        model.objects.filter(**{f"{model.owner_field}_id": case.pk}).order_by("-number").first()
    )
    return version.sha256 if version else ""


def _move_cases(resolution: Resolution, items, *, strict: bool) -> list[str]:
    """The cases the resolution decides are approved by the system actor, naming it, in the
    very version the body voted on (``AgendaItem.version``: a version changed since is a
    conflict, never silently approved). ``strict`` (a meeting's adoption): a case that can no
    longer be approved refuses the whole resolution. Else (a circular procedure closed by
    ``tick``) such a case is left where it is and its number returned."""
    items = [item for item in items if item.case_id is not None]
    system = system_actor() if items else None
    skipped = []
    for item in items:
        case = Case.objects.get(pk=item.case_id)
        try:
            with transaction.atomic():
                transition_apply(
                    case=case,
                    name="approve",
                    actor=system,
                    expected_status=APPROVAL_STATE,
                    data={"version": item.version, "resolution": resolution.pk},
                )
        except TransitionRefused as exc:
            if strict:
                raise CommitteeRefused(
                    ERROR_CASE_MOVED % {"number": case.number, "reason": exc.message}
                ) from None
            skipped.append(case.number)
    return skipped


def resolution_adopt(
    *, items, actor: Any, title: str, text: str, at: datetime.datetime | None = None
) -> Resolution:
    """Adopt one resolution on items of one meeting that passed the vote (one resolution may
    decide several items); the cases it decides move on, and the members are told."""
    items = list(items)
    _require(bool(items), ERROR_NO_ITEMS)
    meeting_ids = {i.meeting_id for i in items}
    _require(len(meeting_ids) == 1 and None not in meeting_ids, ERROR_ONE_MEETING)
    meeting = Meeting.objects.select_related("body").get(pk=meeting_ids.pop())
    _require(perms.may_organise(actor, meeting.body), ERROR_FORBIDDEN)
    at = at or timezone.now()
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        locked = list(AgendaItem.objects.select_for_update().filter(pk__in=[i.pk for i in items]))
        _require(all(i.status == ItemStatus.PASSED for i in locked), ERROR_NOT_PASSED)
        _require(all(i.resolution_id is None for i in locked), ERROR_ALREADY_RESOLVED)
        year, seq, number = _number(meeting.body, at)
        resolution = Resolution.objects.create(
            body=meeting.body,
            year=year,
            seq=seq,
            number=number,
            title=title,
            text=text,
            adopted_on=timezone.localdate(meeting.starts_at),
            meeting=meeting,
            result={str(i.pk): i.result for i in locked},
            adopted_by=actor,
        )
        AgendaItem.objects.filter(pk__in=[i.pk for i in locked]).update(resolution=resolution)
        _move_cases(resolution, locked, strict=True)
        _request_document(resolution_document_kind(), resolution, actor, body=meeting.body)
        for seat in perms.seats(meeting.body):
            _email(seat.user_id, "resolution", resolution=resolution.pk)
    return resolution


def resolution_confirms(case, resolution_id: int) -> str | None:
    """``casework.decisions``' confirmer: the resolution's number if it decides ``case``."""
    resolution = Resolution.objects.filter(pk=resolution_id, items__case=case).first()
    if resolution is None:
        return None
    return resolution.number


# Circular procedure ----------------------------------------------------------------------------


def procedure_open(
    *,
    body: Body,
    actor: Any,
    title: str,
    draft: str,
    deadline: datetime.datetime,
    cases=(),
    now: datetime.datetime | None = None,
) -> CircularProcedure:
    """The chair puts a draft resolution to every member in writing, until ``deadline``; the
    cases it would decide are its items."""
    _require(perms.may_chair(actor, body), ERROR_FORBIDDEN)
    _require(deadline > (now or timezone.now()), ERROR_DEADLINE_PAST)
    with transaction.atomic():
        procedure = CircularProcedure.objects.create(
            body=body,
            title=title,
            draft=draft,
            deadline=deadline,
            majority=body.circular_majority,
            opened_by=actor,
        )
        if cases:
            for case in Case.objects.select_for_update().filter(pk__in=[c.pk for c in cases]):
                _check_case(case)
                _item_create(procedure=procedure, case=case)
        else:
            _item_create(procedure=procedure, title=title)
        for seat in perms.voting_seats(body):
            _email(seat.user_id, "procedure_opened", procedure=procedure.pk)
    return procedure


def procedure_recused(procedure: CircularProcedure, user) -> bool:
    return any(perms.is_recused(user, item.case) for item in procedure.items.all())


def procedure_vote(
    *,
    procedure: CircularProcedure,
    member: Any,
    choice: str,
    now: datetime.datetime | None = None,
) -> Vote:
    """A member votes online in an open procedure, once (a second vote is refused, also when
    two arrive at once: the procedure row is locked and the vote is unique)."""
    _require(choice in VoteChoice.values, ERROR_NO_VOTE_ITEM)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            procedure = CircularProcedure.objects.select_for_update().get(pk=procedure.pk)
            _require(procedure.status == ProcedureStatus.OPEN, ERROR_CLOSED)
            _require(now < procedure.deadline, ERROR_PROCEDURE_PAST)
            seat = _voting_seat(procedure.body, member, timezone.localdate(now))
            _require(not procedure_recused(procedure, member), ERROR_RECUSED)
            _require(
                not Vote.objects.filter(procedure=procedure, member=member).exists(),
                ERROR_ALREADY_VOTED,
            )
            vote = Vote.objects.create(
                procedure=procedure,
                member=member,
                membership=seat,
                choice=choice,
                recorded_by=member,
            )
    except IntegrityError:
        raise CommitteeRefused(ERROR_ALREADY_VOTED) from None
    if _decided_early(procedure):
        procedure_close(procedure=procedure, now=now)
    return vote


def procedure_seats(procedure: CircularProcedure, on: datetime.date | None = None) -> list[Seat]:
    votes = {v.member_id: v.choice for v in procedure.votes.all()}
    return [
        Seat(
            votes=True,
            present=True,
            recused=procedure_recused(procedure, seat.user),
            chair=seat.role == "chair",
            choice=Choice(votes[seat.user_id]) if seat.user_id in votes else None,
        )
        for seat in perms.voting_seats(procedure.body, on)
    ]


def procedure_decision(procedure: CircularProcedure) -> Decision:
    """The procedure as counted now: every member with a vote counts, quorum does not apply
    (an absolute majority of the members is what the regulamin asks in writing)."""
    return decide_seats(procedure_seats(procedure), Majority(procedure.majority), quorum=None)


def _decided_early(procedure: CircularProcedure) -> bool:
    """Passed before the deadline: the majority is reached and no later vote can undo it
    (for an absolute majority of members, more than half already voted for)."""
    decision = procedure_decision(procedure)
    return (
        decision.passed
        and not decision.casting_vote
        and Majority(procedure.majority) != Majority.SIMPLE
    )


def procedure_close(*, procedure: CircularProcedure, now: datetime.datetime | None = None):
    """Close a procedure (its majority reached, or its deadline passed): passed, it becomes a
    numbered resolution that moves its cases; failed, it is closed. Everyone is told."""
    now = now or timezone.now()
    with transaction.atomic():
        procedure = CircularProcedure.objects.select_for_update().get(pk=procedure.pk)
        if procedure.status != ProcedureStatus.OPEN:
            return procedure
        decision = procedure_decision(procedure)
        if not decision.passed and now < procedure.deadline:
            return procedure
        items = list(procedure.items.select_for_update())
        result = _result_of(decision)
        AgendaItem.objects.filter(procedure=procedure).update(
            status=decision.outcome.value, result=result
        )
        procedure.status = ProcedureStatus.PASSED if decision.passed else ProcedureStatus.FAILED
        procedure.closed_at = now
        procedure.save(update_fields=["status", "closed_at"])
        if decision.passed:
            year, seq, number = _number(procedure.body, now)
            resolution = Resolution.objects.create(
                body=procedure.body,
                year=year,
                seq=seq,
                number=number,
                title=procedure.title,
                text=procedure.draft,
                adopted_on=timezone.localdate(now),
                procedure=procedure,
                result={"procedure": result},
                adopted_by=system_actor(),
            )
            AgendaItem.objects.filter(procedure=procedure).update(resolution=resolution)
            skipped = _move_cases(resolution, items, strict=False)
            if skipped:
                resolution.result["not_moved"] = skipped
                resolution.save(update_fields=["result"])
            _request_document(
                resolution_document_kind(), resolution, system_actor(), body=procedure.body
            )
        for seat in perms.seats(procedure.body):
            _email(seat.user_id, "procedure_closed", procedure=procedure.pk)
    return procedure


def procedures_close_due(now: datetime.datetime | None = None) -> int:
    """``tick``: close the procedures whose deadline has passed."""
    now = now or timezone.now()
    due = CircularProcedure.objects.filter(status=ProcedureStatus.OPEN, deadline__lte=now)
    closed = 0
    for procedure in due:
        procedure_close(procedure=procedure, now=now)
        closed += 1
    return closed


def procedures_remind(now: datetime.datetime | None = None) -> int:
    """``tick``: remind once the members who have not voted, a day (configurable) before."""
    now = now or timezone.now()
    hours = getattr(settings, "ESFLOW_COMMITTEE_REMINDER_HOURS", 24)
    soon = CircularProcedure.objects.filter(
        status=ProcedureStatus.OPEN,
        reminded_at__isnull=True,
        deadline__gt=now,
        deadline__lte=now + datetime.timedelta(hours=hours),
    )
    sent = 0
    for procedure in soon:
        with transaction.atomic():
            locked = CircularProcedure.objects.select_for_update().get(pk=procedure.pk)
            if locked.reminded_at is not None:
                continue
            voted = set(locked.votes.values_list("member_id", flat=True))
            for seat in perms.voting_seats(locked.body):
                if seat.user_id not in voted:
                    _email(seat.user_id, "procedure_reminder", procedure=locked.pk)
                    sent += 1
            locked.reminded_at = now
            locked.save(update_fields=["reminded_at"])
    return sent


# Minutes ------------------------------------------------------------------------------------


def minutes_save(*, meeting: Meeting, actor: Any, text: str) -> Minutes:
    """The secretary drafts (or redrafts) a held meeting's minutes."""
    _require(perms.may_organise(actor, meeting.body), ERROR_FORBIDDEN)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require(meeting.status == MeetingStatus.HELD, ERROR_NOT_HELD)
        minutes = Minutes.objects.filter(meeting=meeting).first()
        if minutes is None:
            return Minutes.objects.create(meeting=meeting, text=text, drafted_by=actor)
        _require(minutes.status == MinutesStatus.DRAFT, ERROR_MINUTES_APPROVED)
        minutes.text = text
        minutes.save(update_fields=["text"])
        return minutes


def minutes_approve(*, minutes: Minutes, actor: Any) -> Minutes:
    """The chair approves the minutes; they are issued as a verifiable PDF."""
    _require(perms.may_chair(actor, minutes.meeting.body), ERROR_FORBIDDEN)
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=minutes.meeting_id)
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        _require(minutes.status == MinutesStatus.DRAFT, ERROR_MINUTES_APPROVED)
        minutes.status = MinutesStatus.APPROVED
        minutes.approved_at = timezone.now()
        minutes.save(update_fields=["status", "approved_at"])
        _request_document(minutes_document_kind(), minutes, actor, body=minutes.meeting.body)
    return minutes


# Documents and e-mails --------------------------------------------------------------------------


def resolution_document_kind() -> str:
    from .documents import RESOLUTION_DOCUMENT

    return RESOLUTION_DOCUMENT


def minutes_document_kind() -> str:
    from .documents import MINUTES_DOCUMENT

    return MINUTES_DOCUMENT


def _request_document(kind: str, source, actor, *, body) -> None:
    """A resolution's or minutes' PDF: public for a body listed on the portal; for any other
    body, only for who may open its internal pages (``BodyRecordQuerySet.visible_to``)."""
    from documents.services import document_request

    document_request(kind=kind, source=source, actor=actor, public=body.is_public)


def _email(user_id: int, what: str, **refs) -> None:
    key = "-".join([what, str(user_id), *(f"{k}{v}" for k, v in sorted(refs.items()))])
    outbox_add(topic=EMAIL_TOPIC, key=key, payload={"user_id": user_id, "what": what, **refs})


SUBJECTS = {
    "invitation": gettext_lazy("Invitation to a meeting"),
    "cancelled": gettext_lazy("The meeting is cancelled"),
    "resolution": gettext_lazy("Resolution adopted"),
    "procedure_opened": gettext_lazy("Circular procedure: your vote is asked"),
    "procedure_reminder": gettext_lazy("Circular procedure: reminder of the deadline"),
    "procedure_closed": gettext_lazy("Circular procedure: the result"),
}


def committee_email_send(row) -> None:
    """Outbox handler: one e-mail to one seat (an invitation carries the meeting as an
    iCalendar file)."""
    from django.contrib.auth import get_user_model

    from .calendar import meeting_calendar

    payload = row.payload
    user = get_user_model().objects.filter(pk=payload["user_id"], is_active=True).first()
    if user is None or not user.email:
        return
    what = payload["what"]
    meeting = procedure = resolution = None
    if "meeting" in payload:
        meeting = Meeting.objects.select_related("body__organisation").get(pk=payload["meeting"])
    if "procedure" in payload:
        procedure = CircularProcedure.objects.get(pk=payload["procedure"])
    if "resolution" in payload:
        resolution = Resolution.objects.get(pk=payload["resolution"])
    base = settings.ESFLOW_BASE_URL.rstrip("/")
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        link = ""
        if meeting is not None:
            link = base + reverse("committee:meeting", args=[meeting.pk])
        elif procedure is not None:
            link = base + reverse("committee:procedure", args=[procedure.pk])
        elif resolution is not None and resolution.meeting_id:
            link = base + reverse("committee:meeting", args=[resolution.meeting_id])
        body = render_to_string(
            "committee/email/message.txt",
            {
                "what": what,
                "meeting": meeting,
                "procedure": procedure,
                "resolution": resolution,
                "link": link,
                "outcome": Outcome,
            },
        )
        message = EmailMessage(str(SUBJECTS[what]), body, None, [user.email])
        if meeting is not None and what == "invitation":
            message.attach("posiedzenie.ics", meeting_calendar(meeting), "text/calendar")
        message.send()
