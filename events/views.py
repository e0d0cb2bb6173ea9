"""Public pages of events: the calendar, an event's page, registration and the e-mail links.

Registration is open to everyone (signed in or not); what a participant gave is never shown on
a public page: the signed links in their e-mails are the only way back to a registration.
"""

import calendar
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .calendar import event_calendar, events_feed
from .certificates import certificate_document
from .constants import HOLDS_PLACE, EventKind, RegistrationStatus
from .forms import CalendarFilterForm, ExhibitorForm, RegistrationForm
from .links import certificate_from_token, registration_from_token
from .models import Event, Exhibitor, ExhibitorStatus, Session
from .permissions import exhibitor_entries
from .services import (
    RegistrationRefused,
    cancel,
    check_in_qr,
    confirm,
    register,
    registration_open,
)
from .throttle import address_throttled, email_throttled


def _published(pk: int) -> Event:
    """A published event (``pk`` from ``<id:pk>``, whose converter already refuses an id
    beyond a bigint: 404)."""
    return get_object_or_404(
        Event.objects.published()
        .select_related("gmina", "organiser")
        .annotate(held=Count("registrations", filter=Q(registrations__status__in=HOLDS_PLACE))),
        pk=pk,
    )


def event_list(request):
    form = CalendarFilterForm(request.GET or None)
    events = (
        Event.objects.published()
        .annotate(first_start=Min("sessions__starts_at"))
        .select_related("gmina")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("starts_at")))
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["module"]:
            events = events.filter(module=data["module"])
        if data["powiat"]:
            events = events.filter(gmina__parent=data["powiat"])
    now = timezone.now()
    past = request.GET.get("past") == "1"
    if past:
        events = events.filter(first_start__lt=now).order_by("-first_start", "-pk")
    else:
        events = events.filter(Q(first_start__gte=now) | Q(first_start__isnull=True))
        events = events.order_by("first_start", "pk")
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    return render(request, "events/list.html", {"form": form, "page": page, "past": past})


def event_detail(request, pk: int):
    event = _published(pk)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "sessions": event.sessions.all(),
            "places_left": max(event.capacity - event.held, 0),
            "exhibitors": event.exhibitors.filter(status=ExhibitorStatus.ACCEPTED)
            .select_related("entry__organisation")
            .filter(entry__published=True),
            "hosts": event.hosts.filter(published=True).select_related("organisation"),
            "open": registration_open(event),
        },
    )


@require_http_methods(["GET", "POST"])
def event_register(request, pk: int):
    event = _published(pk)
    if not registration_open(event):
        messages.error(request, _("Registration for this event is closed."))
        return redirect("events:detail", pk=event.pk)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "language": get_language()}
        if address_throttled(request.META.get("REMOTE_ADDR", "")) or email_throttled(data["email"]):
            form.add_error(None, _("Too many registrations in a short time. Try again in an hour."))
        else:
            try:
                registration = register(event, data=data, user=request.user)
            except RegistrationRefused as refused:
                form.add_error(None, refused.message)
            else:
                qr = check_in_qr(registration) if registration.status == "confirmed" else None
                return render(
                    request,
                    "events/registered.html",
                    {"event": event, "registration": registration, "qr": qr},
                )
    return render(request, "events/register.html", {"event": event, "form": form})


def _registration_or_404(token: str, action: str):
    registration = registration_from_token(token, action)
    if registration is None or not registration.event.is_published:
        raise Http404
    return registration


@require_http_methods(["GET", "POST"])
def registration_confirm(request, token: str):
    """GET shows what will be confirmed (mail scanners follow links: only POST changes)."""
    registration = _registration_or_404(token, "confirm")
    if request.method == "POST":
        try:
            registration = confirm(registration)
        except RegistrationRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your place is confirmed. See you at the event."))
        return redirect("events:detail", pk=registration.event_id)
    return render(
        request,
        "events/registration_action.html",
        {"registration": registration, "event": registration.event, "action": "confirm"},
    )


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    registration = _registration_or_404(token, "cancel")
    if request.method == "POST":
        try:
            cancel(registration)
        except RegistrationRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your registration is cancelled."))
        return redirect("events:detail", pk=registration.event_id)
    return render(
        request,
        "events/registration_action.html",
        {
            "registration": registration,
            "event": registration.event,
            "action": "cancel",
            "cancelled": registration.status == RegistrationStatus.CANCELLED,
        },
    )


def event_ics(request, pk: int):
    event = _published(pk)
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wydarzenie-{event.pk}.ics"'
    return response


def event_feed(request):
    events = Event.objects.published().prefetch_related("sessions").select_related("gmina")
    return HttpResponse(
        events_feed(events, _("Social-economy events")), content_type="text/calendar; charset=utf-8"
    )


def certificate_download(request, token: str):
    """The certificate from the e-mail's signed link: the PDF once it is rendered, else a
    page saying it is being prepared."""
    certificate = certificate_from_token(token)
    if certificate is None:
        raise Http404
    document = certificate_document(certificate)
    if document is None or not document.is_ready:
        return render(request, "events/certificate_pending.html", {"certificate": certificate})
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _month(raw: str) -> datetime.date:
    """The first day of the month ``YYYY-MM`` asks for; this month for anything else."""
    try:
        year, month = (int(p) for p in raw.split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return timezone.localdate().replace(day=1)


def event_month(request):
    """The calendar as a month: a table of weeks, each day listing its sessions."""
    form = CalendarFilterForm(request.GET or None)
    first = _month(request.GET.get("m", ""))
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(weeks[0][0], datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(weeks[-1][-1], datetime.time.max, tzinfo=tz)
    sessions = Session.objects.filter(
        event__is_published=True, starts_at__gte=start, starts_at__lte=end
    ).select_related("event")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            sessions = sessions.filter(event__kind=data["kind"])
        if data["module"]:
            sessions = sessions.filter(event__module=data["module"])
        if data["powiat"]:
            sessions = sessions.filter(event__gmina__parent=data["powiat"])
    by_day: dict[datetime.date, list] = {}
    for session in sessions.order_by("starts_at"):
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    query = request.GET.copy()
    query.pop("m", None)
    return render(
        request,
        "events/month.html",
        {
            "form": form,
            "first": first,
            "weeks": [
                [(day, by_day.get(day, []), day.month == first.month) for day in week]
                for week in weeks
            ],
            "previous": previous.strftime("%Y-%m"),
            "following": following.strftime("%Y-%m"),
            "filters": query.urlencode(),
            "weekdays": [_weekday(n) for n in range(7)],
        },
    )


def _weekday(n: int) -> str:
    from django.utils.dates import WEEKDAYS

    return str(WEEKDAYS[n])


@login_required
@require_http_methods(["GET", "POST"])
def exhibitor_apply(request, pk: int):
    """A registry entity applies for a stand at a fair; the organiser decides."""
    event = _published(pk)
    if event.kind != EventKind.FAIR:
        raise Http404
    entries = exhibitor_entries(request.user)
    form = ExhibitorForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                Exhibitor.objects.create(
                    event=event,
                    entry=form.cleaned_data["entry"],
                    offer=form.cleaned_data["offer"],
                    applied_by=request.user,
                )
        except IntegrityError:
            form.add_error("entry", _("This entity has already applied for a stand at this fair."))
        else:
            messages.success(request, _("Your application is sent; the organiser will decide."))
            return redirect("events:detail", pk=event.pk)
    return render(
        request,
        "events/exhibitor_apply.html",
        {"event": event, "form": form, "has_entries": entries.exists()},
    )
