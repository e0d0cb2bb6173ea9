"""Public, read-only open data: anonymous, throttled per address. Querysets come from
``api.datasets`` (the portal's own readers) and are ordered by a unique key last."""

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.kinds.agreement.constants import ENDED_STATES
from casework.kinds.agreement.public import public_view, public_views
from casework.kinds.practice import catalogue
from casework.kinds.practice.public import public_values
from committee.public import resolution_document, with_documents
from directory.registry.public import EXPORT_COLUMNS, PublicProfile, plain
from documents import spreadsheets

from .datasets import (
    DATASETS,
    agreements_queryset,
    events_queryset,
    metadata,
    practices_queryset,
    registry_queryset,
    resolutions_queryset,
)
from .serializers import (
    AgreementSerializer,
    DatasetSerializer,
    EventSerializer,
    PracticeSerializer,
    RegistryEntrySerializer,
    ResolutionSerializer,
    absolute,
    document_url,
    resolution_items,
)


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
        if module.isascii() and module.isdigit() and len(module) < 6:
            qs = qs.filter(module=int(module))
        return qs


@extend_schema(tags=["public"])
class EventDetail(PublicMixin, generics.RetrieveAPIView):
    serializer_class = EventSerializer

    def get_queryset(self):
        return events_queryset()


PRACTICE_FILTERS = [
    OpenApiParameter(
        "q", str, description=_("Words of the practice, as the catalogue's search finds them.")
    ),
    OpenApiParameter("area", str, description=_("Thematic area (code).")),
    OpenApiParameter("powiat", str, description=_("TERYT code of the powiat of a place.")),
    OpenApiParameter("gmina", str, description=_("TERYT code of the gmina of a place.")),
    OpenApiParameter(
        "organisation_kind", str, description=_("Kind of the submitting organisation (code).")
    ),
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": 2000, "maximum": 2100},
        description=_("Year of publication."),
    ),
]


def _year(params) -> int | None:
    raw = params.get("year", "")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4 and 2000 <= int(raw) <= 2100):
        raise serializers.ValidationError({"year": [_("Give a year between 2000 and 2100.")]})
    return int(raw)


@extend_schema(tags=["public"], parameters=PRACTICE_FILTERS)
class PracticeList(PublicMixin, generics.ListAPIView):
    """The catalogue of good practices (published and archived), newest publication first
    (with ``q``: the best matches first), with the catalogue's search and filters."""

    serializer_class = PracticeSerializer

    def get_queryset(self):
        params = self.request.query_params
        query = param(params, "q", 100).strip()
        qs = catalogue.filter_practices(
            catalogue.search(practices_queryset(), query),
            area=param(params, "area", 32),
            powiat=param(params, "powiat", 16),
            gmina=param(params, "gmina", 16),
            kind=param(params, "organisation_kind", 32),
            year=_year(params),
        )
        # A query without a searchable word selects nothing and has no ``score`` to order by.
        if query and "score" in qs.query.annotations:
            qs = qs.order_by("-score", "-current_version__approved_at", "-pk")
        return qs


@extend_schema(tags=["public"])
class PracticeDetail(PublicMixin, generics.RetrieveAPIView):
    """One practice of the catalogue; any other case is a 404."""

    serializer_class = PracticeSerializer

    def get_queryset(self):
        return practices_queryset()


AGREEMENT_STATUSES = ("in_force", "past")

AGREEMENT_FILTERS = [
    OpenApiParameter(
        "status",
        str,
        enum=list(AGREEMENT_STATUSES),
        description=_("In force, or past (expired or terminated)."),
    ),
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": 2000, "maximum": 2100},
        description=_("Year the agreement came into force."),
    ),
]


@extend_schema(tags=["public"], parameters=AGREEMENT_FILTERS)
class AgreementList(PublicMixin, generics.ListAPIView):
    """The register of partnership agreements (in force and past), newest start first."""

    serializer_class = AgreementSerializer

    def get_queryset(self):
        qs = agreements_queryset()
        params = self.request.query_params
        status = params.get("status", "")
        if status and status not in AGREEMENT_STATUSES:
            raise serializers.ValidationError({"status": [_("Give in_force or past.")]})
        if status == "in_force":
            qs = qs.exclude(case__status__in=ENDED_STATES)
        elif status == "past":
            qs = qs.filter(case__status__in=ENDED_STATES)
        if (year := _year(params)) is not None:
            qs = qs.filter(in_force_version__start_date__startswith=f"{year}-")
        return qs

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = self.get_serializer(public_views(page), many=True).data
        return self.get_paginated_response(data)


@extend_schema(tags=["public"])
class AgreementDetail(PublicMixin, generics.RetrieveAPIView):
    """One agreement of the register; any other case is a 404."""

    serializer_class = AgreementSerializer

    def get_queryset(self):
        return agreements_queryset()

    def get_object(self):
        return public_view(super().get_object(), with_document=True)


RESOLUTION_FILTERS = [
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": 2000, "maximum": 2100},
        description=_("Year of adoption."),
    ),
]


@extend_schema(tags=["public"], parameters=RESOLUTION_FILTERS)
class ResolutionList(PublicMixin, generics.ListAPIView):
    """The register of resolutions of the committee's public bodies, newest first."""

    serializer_class = ResolutionSerializer

    def get_queryset(self):
        qs = resolutions_queryset()
        if (year := _year(self.request.query_params)) is not None:
            qs = qs.filter(year=year)
        return qs

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = self.get_serializer(with_documents(page), many=True).data
        return self.get_paginated_response(data)


@extend_schema(tags=["public"])
class ResolutionDetail(PublicMixin, generics.RetrieveAPIView):
    """One resolution of the register; any other is a 404."""

    serializer_class = ResolutionSerializer

    def get_queryset(self):
        return resolutions_queryset()

    def get_object(self):
        resolution = super().get_object()
        return resolution, resolution_document(resolution)


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


PRACTICE_COLUMNS = (
    "id", "number", "title", "status", "organisation", "organisation_kind", "partners", "area",
    "gminas", "gmina_teryt", "powiats", "period_start", "period_end", "problem", "solution",
    "results", "figures", "costs", "funding_sources", "replication", "links", "published_at",
    "contact_name", "contact_email", "contact_phone", "photos",
)  # fmt: skip


def _practice_row(practice, request) -> dict:
    """A practice as one flat row (lists joined with "; "; the contact only with consent)."""
    v = public_values(practice)
    contact = v["contact"] or {}
    published_at = v["published_at"]
    return {
        "id": v["id"],
        "number": v["number"],
        "title": v["title"],
        "status": v["status"],
        "organisation": v["organisation"]["name"],
        "organisation_kind": v["organisation"]["kind"],
        "partners": "; ".join(v["partners"]),
        "area": v["area"],
        "gminas": "; ".join(g["name"] for g in v["gminas"]),
        "gmina_teryt": "; ".join(g["code"] for g in v["gminas"]),
        "powiats": "; ".join(sorted({g["powiat"] for g in v["gminas"] if g["powiat"]})),
        "period_start": v["period_start"],
        "period_end": v["period_end"],
        "problem": v["problem"],
        "solution": v["solution"],
        "results": v["results"],
        "figures": "; ".join(v["figures"]),
        "costs": v["costs"],
        "funding_sources": v["funding_sources"],
        "replication": v["replication"],
        "links": "; ".join(v["links"]),
        "published_at": published_at.isoformat() if published_at else None,
        "contact_name": contact.get("name", ""),
        "contact_email": contact.get("email", ""),
        "contact_phone": contact.get("phone", ""),
        "photos": "; ".join(absolute(request, p["url"]) for p in v["photos"]),
    }


AGREEMENT_COLUMNS = (
    "id", "number", "title", "status", "in_force", "goals", "start_date", "end_date",
    "parties", "leader", "document_url",
)  # fmt: skip


def _agreement_row(agreement, request) -> dict:
    """An agreement of the register as one flat row (the parties' names joined with "; ")."""
    return {
        "id": agreement.pk,
        "number": agreement.number,
        "title": agreement.title,
        "status": agreement.status,
        "in_force": agreement.in_force,
        "goals": agreement.goals,
        "start_date": agreement.start_date.isoformat() if agreement.start_date else None,
        "end_date": agreement.end_date.isoformat() if agreement.end_date else None,
        "parties": "; ".join(p["name"] or "" for p in agreement.parties),
        "leader": "; ".join(p["name"] or "" for p in agreement.parties if p["leader"]),
        "document_url": document_url(request, agreement.document),
    }


RESOLUTION_COLUMNS = (
    "id", "number", "body_name", "adopted_on", "circular_procedure", "title", "text",
    "items", "document_url", "verification_code",
)  # fmt: skip


def _resolution_row(resolution, document, request) -> dict:
    """A resolution as one flat row; its items as "matter (for/against/abstaining)"."""
    items = []
    for item in resolution_items(resolution):
        count = item["count"]
        if count:
            counted = f"{count['votes_for']}/{count['votes_against']}/{count['abstaining']}"
            items.append(f"{item['matter']} ({counted})")
        else:
            items.append(item["matter"])
    return {
        "id": resolution.pk,
        "number": resolution.number,
        "body_name": resolution.body.name,
        "adopted_on": resolution.adopted_on.isoformat(),
        "circular_procedure": resolution.procedure_id is not None,
        "title": resolution.title,
        "text": resolution.text,
        "items": "; ".join(items),
        "document_url": document_url(request, document),
        "verification_code": document.verification_code if document else None,
    }


def dump_rows(slug: str, request) -> tuple[tuple[str, ...], list[dict]]:
    """A dataset's rows as the dumps write them: the portal's export row for an entry."""
    dataset = _dataset(slug)
    if slug == "registry":
        return EXPORT_COLUMNS, [PublicProfile(e).flat() for e in dataset.queryset()]
    if slug == "agreements":
        return AGREEMENT_COLUMNS, [
            {k: plain(v) for k, v in _agreement_row(a, request).items()}
            for a in public_views(dataset.queryset())
        ]
    if slug == "resolutions":
        return RESOLUTION_COLUMNS, [
            {k: plain(v) for k, v in _resolution_row(r, d, request).items()}
            for r, d in with_documents(dataset.queryset())
        ]
    if slug == "practices":
        return PRACTICE_COLUMNS, [
            {k: plain(v) for k, v in _practice_row(p, request).items()} for p in dataset.queryset()
        ]
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
        columns, rows = dump_rows(slug, request)
        # The shared writer: a text that begins like a formula is neutralised (reversibly,
        # for programs: one leading apostrophe is removed to get the text back).
        table = [columns, *([row.get(c, "") for c in columns] for row in rows)]
        body = spreadsheets.csv_bytes(table, delimiter=",", bom=False, reversible=True)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
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
        _, rows = dump_rows(slug, request)
        response = JsonResponse(
            {"metadata": DatasetSerializer(meta).data, "records": rows},
            json_dumps_params={"ensure_ascii": False},
        )
        response["Content-Disposition"] = f'attachment; filename="esflow-{slug}.json"'
        return response
