"""The staff API: cases as the pages show them to the user (``Case.objects.visible_to``, the
one rule of ``casework.permissions``), the transitions the user may run now, and running one
through ``transition_apply``; refusals answer with the page's codes (``TransitionRefused.
status_code``: forbidden 403, invalid or conflict 409). Tokens are managed from a session."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.models import Case
from casework.registry import kind_of
from workflows.exceptions import TransitionRefused
from workflows.services import transition_apply

from .models import ApiToken
from .permissions import SessionOnly, TokenScopeAllows
from .problems import problem
from .serializers import (
    CaseSerializer,
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
