"""The staff API: cases as the pages show them to the user (``Case.objects.visible_to``, the
one rule of ``casework.permissions``), the transitions the user may run now, and running one
through ``transition_apply``; refusals answer with the page's codes (``TransitionRefused.
status_code``: forbidden 403, invalid or conflict 409). Events and their registrations as the
organiser's pages list them (``events.organiser``, under ``events.permissions.managed_q``):
an event the user does not organise is a 404. Tokens are managed from a session."""

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.models import Case
from casework.registry import kind_of
from events.models import Event, Session
from events.organiser import listed_registrations, managed_events
from workflows.exceptions import TransitionRefused
from workflows.services import transition_apply

from .models import ApiToken
from .permissions import SessionOnly, TokenScopeAllows
from .problems import problem
from .serializers import (
    CaseSerializer,
    RegistrationSerializer,
    StaffEventSerializer,
    TokenCreatedSerializer,
    TokenCreateSerializer,
    TokenSerializer,
    TransitionRunSerializer,
    TransitionSerializer,
)
from .views_public import param

STAFF_PERMISSIONS = (permissions.IsAuthenticated, TokenScopeAllows)


def visible_cases(user):
    """The cases of the user's queue page, in its order (a unique key last)."""
    return (
        Case.objects.visible_to(user)
        .select_related("requesting_organisation", "assignee")
        .order_by("due_date", "-created_at", "-pk")
    )


def filter_cases(qs, params):
    """The list's filters; the parity test applies the same to ``visible_to``."""
    if status_ := param(params, "status", 64):
        qs = qs.filter(status=status_)
    if kind := param(params, "kind", 32):
        qs = qs.filter(kind=kind)
    return qs


CASE_FILTERS = [
    OpenApiParameter("status", str, description=_("Status of the case (code).")),
    OpenApiParameter("kind", str, description=_("Kind of case (code).")),
]


@extend_schema(tags=["cases"], parameters=CASE_FILTERS)
class CaseList(generics.ListAPIView):
    """The cases the user may see, as on the case list page."""

    permission_classes = STAFF_PERMISSIONS
    serializer_class = CaseSerializer

    def get_queryset(self):
        return filter_cases(visible_cases(self.request.user), self.request.query_params)


@extend_schema(tags=["cases"])
class CaseDetail(generics.RetrieveAPIView):
    """One case; a case the user may not see is a 404, as on the page."""

    permission_classes = STAFF_PERMISSIONS
    serializer_class = CaseSerializer

    def get_queryset(self):
        return visible_cases(self.request.user)


def _transitions(case, user) -> list[dict]:
    if kind_of(case) is None:
        return []
    return [
        {"name": t.slug, "label": str(t.label), "irreversible": bool(t.custom.get("irreversible"))}
        for t in case.get_flow(actor=user).available_actions(user)
    ]


@extend_schema(tags=["cases"], responses=TransitionSerializer(many=True))
class CaseTransitions(APIView):
    """The transitions the user may run on the case now (the page's buttons)."""

    permission_classes = STAFF_PERMISSIONS

    def get(self, request, pk):
        case = get_object_or_404(visible_cases(request.user), pk=pk)
        return Response(_transitions(case, request.user))


TRANSITION_NAME = OpenApiParameter(
    "name",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description=_("The transition's name, as listed for the case."),
)


@extend_schema(
    tags=["cases"],
    parameters=[TRANSITION_NAME],
    request=TransitionRunSerializer,
    responses=CaseSerializer,
)
class CaseTransitionRun(APIView):
    """Run a transition (a token needs the ``act`` scope). ``expected_status`` is the status
    the caller saw: if the case has moved since, the answer is 409, as on the page."""

    permission_classes = STAFF_PERMISSIONS

    def post(self, request, pk, name):
        case = get_object_or_404(visible_cases(request.user), pk=pk)
        body = TransitionRunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            updated = transition_apply(
                case=case,
                name=name[:64],
                actor=request.user,
                expected_status=body.validated_data["expected_status"],
                data={k: v for k, v in body.validated_data["data"].items() if isinstance(v, str)},
            )
        except TransitionRefused as refused:
            return problem(refused.status_code, refused.message, errors=refused.errors or None)
        updated = Case.objects.select_related("requesting_organisation", "assignee").get(
            pk=updated.pk
        )
        return Response(CaseSerializer(updated).data)


# -- Events ---------------------------------------------------------------------------------


def managed_events_listed(user):
    """The organiser's list page's events (same rule, same order), with their sessions."""
    return (
        managed_events(user)
        .select_related("organiser")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))
        )
    )


STAFF_EVENT_FILTERS = [OpenApiParameter("kind", str, description=_("Kind of event (code)."))]


@extend_schema(tags=["events"], parameters=STAFF_EVENT_FILTERS)
class StaffEventList(generics.ListAPIView):
    """The events the user organises (their organisation's staff; coordinators: all), as on
    the organiser's page, newest first."""

    permission_classes = STAFF_PERMISSIONS
    serializer_class = StaffEventSerializer

    def get_queryset(self):
        qs = managed_events_listed(self.request.user)
        if kind := param(self.request.query_params, "kind", 32):
            qs = qs.filter(kind=kind)
        return qs


@extend_schema(tags=["events"])
class StaffEventDetail(generics.RetrieveAPIView):
    """One event the user organises; any other event is a 404, as on the organiser's pages."""

    permission_classes = STAFF_PERMISSIONS
    serializer_class = StaffEventSerializer

    def get_queryset(self):
        return managed_events_listed(self.request.user)


REGISTRATION_FILTERS = [
    OpenApiParameter("q", str, description=_("Part of a name, an e-mail or an institution.")),
    OpenApiParameter("status", str, description=_("Status of the registration (code).")),
]


@extend_schema(tags=["events"], parameters=REGISTRATION_FILTERS)
class RegistrationList(generics.ListAPIView):
    """The participants of an event the user organises, as on its participants' page (by
    name; cancelled and expired registrations are not listed)."""

    permission_classes = STAFF_PERMISSIONS
    serializer_class = RegistrationSerializer

    def get_queryset(self):
        event = get_object_or_404(Event.objects.managed_by(self.request.user), pk=self.kwargs["pk"])
        params = self.request.query_params
        qs = listed_registrations(event, param(params, "q", 100).strip())
        if status_ := param(params, "status", 16):
            qs = qs.filter(status=status_)
        return qs


# -- Tokens ---------------------------------------------------------------------------------


@extend_schema(tags=["tokens"])
class TokenList(generics.ListCreateAPIView):
    """The user's own API tokens; creating one answers with its secret, once."""

    permission_classes = (SessionOnly,)

    def get_serializer_class(self):
        return TokenCreateSerializer if self.request.method == "POST" else TokenSerializer

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user).order_by("-created_at", "-pk")

    @extend_schema(request=TokenCreateSerializer, responses={201: TokenCreatedSerializer})
    def post(self, request):
        body = TokenCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        token, secret = ApiToken.issue(user=request.user, **body.validated_data)
        data = TokenSerializer(token).data | {"secret": secret}
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["tokens"], request=None, responses=TokenSerializer)
class TokenRevoke(APIView):
    """Revoke one of the user's tokens (idempotent: the first revocation's time stays)."""

    permission_classes = (SessionOnly,)

    def post(self, request, pk):
        with transaction.atomic():
            token = get_object_or_404(
                ApiToken.objects.select_for_update().filter(user=request.user), pk=pk
            )
            if token.revoked_at is None:
                token.revoked_at = timezone.now()
                token.save(update_fields=["revoked_at"])
        return Response(TokenSerializer(token).data)
