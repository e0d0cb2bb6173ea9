"""Public, read-only open data: anonymous, throttled per address. Querysets come from
``api.datasets`` (the portal's own readers) and are ordered by a unique key last."""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.registry.public import EXPORT_COLUMNS, PublicProfile, plain

from .datasets import DATASETS, events_queryset, metadata, registry_queryset
from .serializers import DatasetSerializer, EventSerializer, RegistryEntrySerializer


def param(params, name: str, limit: int) -> str:
    """A query parameter as a filter may use it: at most ``limit`` characters, without NUL
    (PostgreSQL refuses NUL in a string: a 500 instead of an empty result)."""
    return params.get(name, "").replace("\x00", "")[:limit]


class PublicMixin:
    authentication_classes = ()
    permission_classes = (permissions.AllowAny,)


ENTRY_FILTERS = [
    OpenApiParameter("q", str, description=_("Part of the entity's name.")),
    OpenApiParameter("pes_category", str, description=_("Category of the entity (code).")),
    OpenApiParameter(
        "powiat",
        str,
        description=_("TERYT code of the powiat (entities that publish their address)."),
    ),
]


@extend_schema(tags=["public"], parameters=ENTRY_FILTERS)
class RegistryEntryList(PublicMixin, generics.ListAPIView):
    """Published registry entries, with only the field groups each entity agreed to publish."""

    serializer_class = RegistryEntrySerializer

    def get_queryset(self):
        qs = registry_queryset()
        params = self.request.query_params
        if q := param(params, "q", 100).strip():
            qs = qs.filter(organisation__name__icontains=q)
        if category := param(params, "pes_category", 64):
            qs = qs.filter(pes_category=category)
        if powiat := param(params, "powiat", 16):
            # Only entities that publish their address may be found by where they are.
            qs = qs.filter(consent_address=True, powiat_code=powiat)
        return qs


@extend_schema(tags=["public"])
class RegistryEntryDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = RegistryEntrySerializer

    def get_queryset(self):
        return registry_queryset()


EVENT_FILTERS = [
    OpenApiParameter("kind", str, description=_("Kind of event (code).")),
    OpenApiParameter("module", int, description=_("Workshop module (1-4).")),
]


@extend_schema(tags=["public"], parameters=EVENT_FILTERS)
class EventList(PublicMixin, generics.ListAPIView):
    """Published events with their sessions; registrations are never shown."""

    serializer_class = EventSerializer

    def get_queryset(self):
        qs = events_queryset()
        params = self.request.query_params
        if kind := param(params, "kind", 32):
            qs = qs.filter(kind=kind)
        module = params.get("module", "")
        if module.isdigit() and len(module) < 6:
            qs = qs.filter(module=int(module))
        return qs


@extend_schema(tags=["public"])
class EventDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = EventSerializer

    def get_queryset(self):
        return events_queryset()


class NotFound(PublicMixin, APIView):
    """Any other address under /api/: a 404 as problem details, not the site's HTML page."""

    schema = None

    def get(self, request, *args, **kwargs):
        raise Http404

    post = put = patch = delete = get


def _dataset(slug: str):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404 from None


SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, enum=list(DATASETS), description=_("The dataset.")
)


@extend_schema(tags=["public"], responses=DatasetSerializer(many=True))
class DatasetList(PublicMixin, APIView):
    """Every public dataset with its metadata and the addresses of its dumps."""

    def get(self, request):
        return Response([metadata(d, request) for d in DATASETS.values()])


@extend_schema(tags=["public"], parameters=[SLUG], responses=DatasetSerializer)
class DatasetDetail(PublicMixin, APIView):
    def get(self, request, slug):
        return Response(metadata(_dataset(slug), request))


def _event_row(event) -> dict:
    sessions = list(event.sessions.all())
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "module": event.module,
        "organiser": event.organiser.name,
        "gmina": event.gmina.name if event.gmina else "",
        "address": event.address,
        "online_url": event.online_url,
        "capacity": event.capacity,
        "registration_opens_at": event.registration_opens_at.isoformat(),
        "registration_closes_at": event.registration_closes_at.isoformat(),
        "starts_at": sessions[0].starts_at.isoformat() if sessions else "",
        "ends_at": max(s.ends_at for s in sessions).isoformat() if sessions else "",
        "sessions": len(sessions),
    }


EVENT_COLUMNS = (
    "id", "title", "kind", "module", "organiser", "gmina", "address", "online_url", "capacity",
    "registration_opens_at", "registration_closes_at", "starts_at", "ends_at", "sessions",
)  # fmt: skip


def dump_rows(slug: str) -> tuple[tuple[str, ...], list[dict]]:
    """A dataset's rows as the dumps write them: the portal's export row for an entry."""
    dataset = _dataset(slug)
    if slug == "registry":
        return EXPORT_COLUMNS, [PublicProfile(e).flat() for e in dataset.queryset()]
    return EVENT_COLUMNS, [
        {k: plain(v) for k, v in _event_row(e).items()} for e in dataset.queryset()
    ]


@extend_schema(
    tags=["public"],
    parameters=[SLUG],
    responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
)
class DatasetCsv(PublicMixin, APIView):
    """The whole dataset as CSV (UTF-8, comma-separated, a header row)."""

    def get(self, request, slug):
        columns, rows = dump_rows(slug)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="esflow-{slug}.csv"'
        return response


@extend_schema(
    tags=["public"],
    parameters=[SLUG],
    responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT)},
)
class DatasetJson(PublicMixin, APIView):
    """The whole dataset as JSON: ``{"metadata": {…}, "records": [{…}, …]}``."""

    def get(self, request, slug):
        meta = metadata(_dataset(slug), request)
        _, rows = dump_rows(slug)
        response = JsonResponse(
            {"metadata": DatasetSerializer(meta).data, "records": rows},
            json_dumps_params={"ensure_ascii": False},
        )
        response["Content-Disposition"] = f'attachment; filename="esflow-{slug}.json"'
        return response
