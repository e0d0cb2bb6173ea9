"""The committee's pages: for its members (meetings, materials, circular votes), its
secretary (schedule, agenda, attendance, minutes) and its chair (votes, circular procedure).

Who may: ``committee.permissions``. A body, meeting or procedure the user may not see answers
404; one they see but may not act on answers 404 for the action too (deny by default).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import permissions as perms
from .calendar import meeting_calendar
from .constants import PRESENT_STATUSES, ItemStatus, MeetingStatus, MinutesStatus, ProcedureStatus
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    BallotForm,
    DecideForm,
    MeetingForm,
    MinutesForm,
    ProcedureForm,
    ResolutionForm,
    VotesForm,
)
from .models import AgendaItem, Body, CircularProcedure, Meeting, Minutes
from .services import (
    ERROR_ATTENDANCE_FINAL,
    CommitteeRefused,
    agenda_item_add,
    attendance_final,
    attendance_record,
    meeting_cancel,
    meeting_schedule,
    minutes_approve,
    minutes_save,
    procedure_decision,
    procedure_open,
    procedure_recused,
    procedure_vote,
    resolution_adopt,
    votes_record,
)


def _visible(user, queryset, pk, body_of=lambda obj: obj.body):
    """The object and its body, or 404 when the user may not see that body. ``pk`` comes
    from the ``<id:pk>`` converter, which already refuses an id beyond a bigint (404)."""
    obj = get_object_or_404(queryset, pk=pk)
    body = body_of(obj)
    if not perms.may_see_body(user, body):
        raise Http404
    return obj, body


def _refused(request, exc: CommitteeRefused):
    messages.error(request, str(exc.message))


@login_required
def body_list(request):
    bodies = Body.objects.filter(perms.visible_bodies_q(request.user)).select_related(
        "organisation"
    )
    return render(request, "committee/body_list.html", {"bodies": bodies})


@login_required
def body_detail(request, pk: int):
    body, _b = _visible(
        request.user, Body.objects.select_related("organisation"), pk, lambda obj: obj
    )
    context = {
        "body": body,
        "seats": perms.seats(body),
        "meetings": body.meetings.all()[:50],
        "procedures": body.procedures.all()[:50],
        "resolutions": body.resolutions.all()[:50],
        "may_organise": perms.may_organise(request.user, body),
        "may_chair": perms.may_chair(request.user, body),
    }
    return render(request, "committee/body_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk: int):
    body, _b = _visible(
        request.user, Body.objects.select_related("organisation"), pk, lambda obj: obj
    )
    if not perms.may_organise(request.user, body):
        raise Http404
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_schedule(body=body, actor=request.user, **form.cleaned_data)
        except CommitteeRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The meeting is scheduled and the members invited."))
            return redirect("committee:meeting", meeting.pk)
    return render(request, "committee/meeting_form.html", {"body": body, "form": form})


def _meeting(request, pk):
    return _visible(request.user, Meeting.objects.select_related("body__organisation"), pk)


@login_required
def meeting_detail(request, pk: int):
    meeting, body = _meeting(request, pk)
    items = list(meeting.items.select_related("case", "resolution"))
    context = {
        "meeting": meeting,
        "body": body,
        "items": items,
        "attendance": meeting.attendance.select_related("membership__user"),
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "may_organise": perms.may_organise(request.user, body),
        "may_chair": perms.may_chair(request.user, body),
        "may_record_votes": perms.may_record_votes(request.user, body),
        "attendance_open": meeting.status != MeetingStatus.CANCELLED
        and not attendance_final(meeting),
        "resolvable": [i for i in items if i.status == ItemStatus.PASSED and not i.resolution_id],
    }
    return render(request, "committee/meeting_detail.html", context)


@login_required
def meeting_ics(request, pk: int):
    meeting, _body = _meeting(request, pk)
    response = HttpResponse(meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="posiedzenie.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def agenda_add(request, pk: int):
    meeting, body = _meeting(request, pk)
    if not perms.may_organise(request.user, body) or meeting.status != MeetingStatus.PLANNED:
        raise Http404
    form = AgendaItemForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_item_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        except CommitteeRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The item is on the agenda."))
            return redirect("committee:meeting", meeting.pk)
    return render(request, "committee/agenda_form.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def meeting_cancel_view(request, pk: int):
    meeting, body = _meeting(request, pk)
    if not perms.may_organise(request.user, body) or meeting.status != MeetingStatus.PLANNED:
        raise Http404
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Confirm that the meeting is cancelled."))
        return redirect("committee:meeting", meeting.pk)
    try:
        meeting_cancel(meeting=meeting, actor=request.user)
    except CommitteeRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The meeting is cancelled and the members told."))
    return redirect("committee:meeting", meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    meeting, body = _meeting(request, pk)
    if not perms.may_organise(request.user, body) or meeting.status == MeetingStatus.CANCELLED:
        raise Http404
    if attendance_final(meeting):
        # The meeting has voted under it: not offered; a form left open is told why.
        messages.error(request, str(ERROR_ATTENDANCE_FINAL))
        return redirect("committee:meeting", meeting.pk)
    seats = perms.seats(body, meeting.starts_at.date())
    current = {a.membership_id: a.status for a in meeting.attendance.all()}
    form = AttendanceForm(request.POST or None, seats=seats, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            attendance_record(meeting=meeting, actor=request.user, statuses=form.statuses())
        except CommitteeRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The attendance is recorded."))
            return redirect("committee:meeting", meeting.pk)
    return render(request, "committee/attendance_form.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def item_votes(request, pk: int):
    item, body = _visible(
        request.user,
        AgendaItem.objects.filter(meeting__isnull=False).select_related("meeting__body", "case"),
        pk,
        lambda obj: obj.meeting.body,
    )
    if not perms.may_record_votes(request.user, body):
        raise Http404
    if item.status != ItemStatus.PENDING or item.meeting.status != MeetingStatus.HELD:
        raise Http404
    present = item.meeting.attendance.filter(status__in=PRESENT_STATUSES).values("membership_id")
    voters = [
        s.user
        for s in perms.voting_seats(body, item.meeting.starts_at.date()).filter(pk__in=present)
        if not perms.is_recused(s.user, item.case)
    ]
    current = {v.member_id: v.choice for v in item.votes.all()}
    form = VotesForm(request.POST or None, voters=voters, current=current)
    decide = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and decide.is_valid():
        try:
            item = votes_record(
                item=item,
                actor=request.user,
                votes=form.votes(),
                decide=decide.cleaned_data["decide"],
            )
            if item.status != ItemStatus.PENDING:
                messages.success(
                    request,
                    _("The vote is counted: %(status)s.") % {"status": item.get_status_display()},
                )
            else:
                messages.success(request, _("The votes are recorded."))
        except CommitteeRefused as exc:
            _refused(request, exc)
        else:
            return redirect("committee:meeting", item.meeting_id)
    return render(
        request, "committee/votes_form.html", {"item": item, "form": form, "decide": decide}
    )


@login_required
@require_http_methods(["GET", "POST"])
def resolution_create(request, pk: int):
    meeting, body = _meeting(request, pk)
    if not perms.may_organise(request.user, body):
        raise Http404
    items = meeting.items.filter(status=ItemStatus.PASSED, resolution__isnull=True)
    if not items.exists():
        raise Http404
    form = ResolutionForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            resolution = resolution_adopt(actor=request.user, **form.cleaned_data)
        except CommitteeRefused as exc:
            _refused(request, exc)
        else:
            messages.success(
                request, _("Resolution no. %(number)s is adopted.") % {"number": resolution.number}
            )
            return redirect("committee:meeting", meeting.pk)
    return render(request, "committee/resolution_form.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting, body = _meeting(request, pk)
    if not perms.may_organise(request.user, body) or meeting.status != MeetingStatus.HELD:
        raise Http404
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.status != MinutesStatus.DRAFT:
        raise Http404
    form = MinutesForm(
        request.POST or None,
        initial={"text": minutes.text if minutes else ""},
        may_approve=perms.may_chair(request.user, body),
    )
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data.get("approve", False)
        try:
            with transaction.atomic():  # the text and its approval: both or neither
                minutes = minutes_save(
                    meeting=meeting, actor=request.user, text=form.cleaned_data["text"]
                )
                if approve:
                    minutes_approve(minutes=minutes, actor=request.user)
        except CommitteeRefused as exc:
            _refused(request, exc)
        else:
            if approve:
                messages.success(request, _("The minutes are approved and issued as a PDF."))
            else:
                messages.success(request, _("The minutes are saved."))
            return redirect("committee:meeting", meeting.pk)
    return render(request, "committee/minutes_form.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def procedure_create(request, pk: int):
    body, _b = _visible(
        request.user, Body.objects.select_related("organisation"), pk, lambda obj: obj
    )
    if not perms.may_chair(request.user, body):
        raise Http404
    form = ProcedureForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            procedure = procedure_open(body=body, actor=request.user, **form.cleaned_data)
        except CommitteeRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The circular procedure is open; the members are asked."))
            return redirect("committee:procedure", procedure.pk)
    return render(request, "committee/procedure_form.html", {"body": body, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def procedure_detail(request, pk: int):
    procedure, body = _visible(
        request.user, CircularProcedure.objects.select_related("body__organisation"), pk
    )
    own_vote = procedure.votes.filter(member=request.user).first()
    may_vote = (
        procedure.status == ProcedureStatus.OPEN
        and own_vote is None
        and perms.has_vote(request.user, body)
        and not procedure_recused(procedure, request.user)
    )
    form = BallotForm(request.POST or None)
    if request.method == "POST":
        if not may_vote:
            raise Http404
        if form.is_valid():
            try:
                procedure_vote(
                    procedure=procedure, member=request.user, choice=form.cleaned_data["choice"]
                )
            except CommitteeRefused as exc:
                _refused(request, exc)
            else:
                messages.success(request, _("Your vote is recorded."))
            return redirect("committee:procedure", procedure.pk)
    context = {
        "procedure": procedure,
        "body": body,
        "items": procedure.items.select_related("case"),
        "own_vote": own_vote,
        "may_vote": may_vote,
        "recused": procedure_recused(procedure, request.user),
        "form": form,
        "decision": procedure_decision(procedure),
        "votes": procedure.votes.select_related("member").order_by("cast_at"),
    }
    return render(request, "committee/procedure_detail.html", context)
