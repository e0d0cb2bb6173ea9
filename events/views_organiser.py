"""The organiser's pages: their events, the participants with check-in per session (made for
a phone at the door: search, one button per person), and the list as CSV/XLSX.

Who may: ``events.permissions`` (deny by default; an event the user does not organise
answers 404, as a case the user may not see does)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .certificates import certificates_issue
from .constants import EventKind
from .exports import participants_csv, participants_xlsx
from .forms import EventForm, session_formset
from .links import registration_from_token
from .models import Event, Exhibitor, ExhibitorStatus, Registration
from .organiser import listed_registrations, managed_events
from .permissions import organiser_choices
from .services import RegistrationRefused, check_in, check_in_undo
from .sheets import attendance_sheet_request

#: Ids posted in a form beyond a 64-bit integer name nothing (and must not reach the
#: database: SQLite raises OverflowError for them). Ids in the path need no check: the
#: ``<id:…>`` converter refuses them (404).
MAX_ID = 2**63 - 1


def _managed(user, pk: int):
    return get_object_or_404(Event.objects.managed_by(user), pk=pk)


@login_required
def organiser_events(request):
    events = managed_events(request.user)
    return render(request, "events/organiser_events.html", {"events": events})


@login_required
def participants(request, pk: int):
    event = _managed(request.user, pk)
    sessions = list(event.sessions.all())
    session = next((s for s in sessions if str(s.pk) == request.GET.get("session")), None)
    session = session or (sessions[0] if sessions else None)
    query = request.GET.get("q", "").strip()[:100]
    rows = [
        {
            "registration": r,
            "present": session is not None
            and any(a.session_id == session.pk for a in r.attendances.all()),
        }
        for r in listed_registrations(event, query)
    ]
    return render(
        request,
        "events/participants.html",
        {"event": event, "sessions": sessions, "session": session, "rows": rows, "q": query},
    )


@login_required
@require_POST
def participant_check_in(request, pk: int, registration_pk: int):
    event = _managed(request.user, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    session = (
        event.sessions.filter(pk=request.POST.get("session") or 0).first()
        if (
            request.POST.get("session", "").isascii()
            and request.POST.get("session", "").isdigit()
            and int(request.POST["session"]) <= MAX_ID
        )
        else None
    )
    if session is None:
        messages.error(request, _("Choose a session of this event."))
    elif request.POST.get("undo"):
        check_in_undo(registration, session)
        messages.success(request, _("%(name)s: check-in undone.") % {"name": registration.name})
    else:
        try:
            check_in(registration, session, request.user)
        except RegistrationRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    url = redirect("events:participants", pk=event.pk)
    url["Location"] += f"?session={session.pk if session else ''}"
    return url


@login_required
def participants_export(request, pk: int, fmt: str):
    event = _managed(request.user, pk)
    regs = listed_registrations(event)
    if fmt == "csv":
        body, content_type = participants_csv(event, regs), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = participants_xlsx(event, regs)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="uczestnicy-{event.pk}.{fmt}"'
    return response


@login_required
@require_POST
def certificates_issue_view(request, pk: int):
    event = _managed(request.user, pk)
    issued = certificates_issue(event, request.user)
    if issued:
        messages.success(
            request,
            ngettext(
                "%(n)s certificate is being issued; participants get its link by e-mail.",
                "%(n)s certificates are being issued; participants get their links by e-mail.",
                issued,
            )
            % {"n": issued},
        )
    else:
        messages.info(
            request,
            _("No new certificates: only those present at every session get one, and once."),
        )
    return redirect("events:participants", pk=event.pk)


@login_required
@require_POST
def attendance_sheet_view(request, pk: int):
    """Queue the session's attendance sheet as a PDF document; its page shows progress."""
    event = _managed(request.user, pk)
    raw = request.POST.get("session", "")
    session = (
        event.sessions.filter(pk=int(raw)).first()
        if raw.isascii() and raw.isdigit() and int(raw) <= MAX_ID
        else None
    )
    if session is None:
        messages.error(request, _("Choose a session of this event."))
        return redirect("events:participants", pk=event.pk)
    document = attendance_sheet_request(session, request.user)
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_http_methods(["GET", "POST"])
def check_in_by_code(request, token: str):
    """The QR on a participant's confirmation opens this page for the organiser at the door:
    the participant, and one button per session. Anyone else gets 404."""
    registration = registration_from_token(token, "checkin")
    if (
        registration is None
        or not Event.objects.managed_by(request.user).filter(pk=registration.event_id).exists()
    ):
        raise Http404
    event = registration.event
    if request.method == "POST":
        raw = request.POST.get("session", "")
        session = (
            event.sessions.filter(pk=int(raw)).first()
            if raw.isascii() and raw.isdigit() and int(raw) <= MAX_ID
            else None
        )
        if session is None:
            messages.error(request, _("Choose a session of this event."))
        else:
            try:
                check_in(registration, session, request.user)
            except RegistrationRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.name}
                )
        return redirect(request.path)
    present = set(registration.attendances.values_list("session_id", flat=True))
    return render(
        request,
        "events/check_in_code.html",
        {
            "event": event,
            "registration": registration,
            "sessions": [(s, s.pk in present) for s in event.sessions.all()],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int | None = None):
    """Create (``pk`` None) or edit an event with its sessions, as its organiser."""
    organisers = organiser_choices(request.user)
    if pk is None:
        if not organisers.exists():
            raise Http404
        event = None
    else:
        event = _managed(request.user, pk)
    form = EventForm(request.POST or None, instance=event, organisers=organisers)
    sessions = session_formset(request.POST or None, instance=event, prefix="sessions")
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        with transaction.atomic():
            event = form.save()
            sessions.instance = event
            sessions.save()
        messages.success(request, _("The event “%(title)s” is saved.") % {"title": event.title})
        return redirect("events:participants", pk=event.pk)
    return render(
        request, "events/event_form.html", {"form": form, "sessions": sessions, "event": event}
    )


@login_required
def exhibitors(request, pk: int):
    event = _managed(request.user, pk)
    if event.kind != EventKind.FAIR:
        raise Http404
    stands = event.exhibitors.select_related("entry__organisation", "applied_by")
    return render(request, "events/exhibitors.html", {"event": event, "stands": stands})


@login_required
@require_POST
def exhibitor_decide(request, pk: int, exhibitor_pk: int):
    event = _managed(request.user, pk)
    stand = get_object_or_404(Exhibitor, pk=exhibitor_pk, event=event)
    decision = request.POST.get("decision")
    if decision not in (ExhibitorStatus.ACCEPTED, ExhibitorStatus.REJECTED):
        messages.error(request, _("Choose to accept or to reject."))
    else:
        services.exhibitor_decide(stand=stand, decision=decision)
        messages.success(
            request,
            (_("%(entity)s: stand accepted.") if decision == ExhibitorStatus.ACCEPTED
             else _("%(entity)s: stand rejected.")) % {"entity": stand.entry},
        )  # fmt: skip
    return redirect("events:exhibitors", pk=event.pk)
