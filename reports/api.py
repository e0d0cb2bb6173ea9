"""The public indicators as open data: reports' own read-only REST views, wired under
``/api/public/indicators/`` by ``config/urls.py``.

The indicators are computed here (``reports.indicators``) and nothing may import reports, so
the ``api`` app cannot serve them; and reports may not import ``api`` (the two are
independent apps of the top layer). These views follow the API's conventions without
importing it: problem details, throttling and the rest are the project's REST framework
settings (``REST_FRAMEWORK`` in ``config/settings.py``), which apply to every DRF view; the
OpenAPI schema is generated from the root URLconf, so these operations are in it. What the
public sees is the public page's rule: ``public_indicators()``, aggregates only (the status
breakdown of requests is not public). The period is the public page's form (default: this
calendar year); a bad period is a 400 with the form's messages, not a silent default."""

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from documents import spreadsheets

from .forms import PeriodForm
from .indicators import Indicator, Period, public_indicators, public_results, public_snapshot


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class RowSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.IntegerField()


class FigureSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField(help_text=_("Formatted in the request's language."))


class IndicatorSerializer(serializers.Serializer):
    """One indicator over the period: its definition, the table (and chart) rows, the total
    and the extra figures shown above the table (e.g. a median)."""

    slug = serializers.SlugField()
    title = serializers.CharField()
    definition = serializers.CharField()
    period = PeriodSerializer()
    label_header = serializers.CharField()
    value_header = serializers.CharField()
    summary = serializers.CharField()
    #: None where the rows do not add up (e.g. agreements in force and those that ended: the
    #: same agreement may be in two rows), as the page shows no total then.
    total = serializers.IntegerField(allow_null=True)
    figures = FigureSerializer(many=True)
    rows = RowSerializer(many=True)


def indicator_values(indicator: Indicator, period: Period) -> dict:
    """The indicator over ``period`` as the API gives it, its figures the public page's (the
    same cache: ``public_snapshot``)."""
    result = public_results(period)[indicator.slug]
    return {
        "slug": indicator.slug,
        "title": str(indicator.title),
        "definition": str(indicator.definition),
        "period": {"start": period.start, "end": period.end},
        "label_header": str(result.label_header),
        "value_header": str(result.value_header),
        "summary": str(result.summary),
        "total": result.total,
        "figures": [{"label": str(k), "value": str(v)} for k, v in result.figures],
        "rows": [{"label": str(k), "value": v} for k, v in result.rows],
    }


def _period(request) -> Period:
    form = PeriodForm(request.query_params or None)
    if form.is_bound and not form.is_valid():
        raise serializers.ValidationError(
            {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        )
    return form.period()


PERIOD = [
    OpenApiParameter(
        "start", OpenApiTypes.DATE, description=_("First day of the period (default: 1 January).")
    ),
    OpenApiParameter(
        "end", OpenApiTypes.DATE, description=_("Last day of the period (default: 31 December).")
    ),
]


class PublicIndicatorView(APIView):
    """Anonymous and read-only, like the rest of the public API."""

    authentication_classes = ()
    permission_classes = (permissions.AllowAny,)


@extend_schema(tags=["public"], parameters=PERIOD, responses=IndicatorSerializer(many=True))
class IndicatorList(PublicIndicatorView):
    """The programme's public indicators over a period (default: this calendar year), as on
    the public indicators page: totals only, no figure identifies a person."""

    def get(self, request):
        period = _period(request)
        values = [indicator_values(i, period) for i in public_indicators()]
        return Response(IndicatorSerializer(values, many=True).data)


SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    enum=[i.slug for i in public_indicators()],
    description=_("The indicator."),
)


@extend_schema(tags=["public"], parameters=[SLUG, *PERIOD], responses=IndicatorSerializer)
class IndicatorDetail(PublicIndicatorView):
    """One public indicator over a period; an indicator that is not public is a 404."""

    def get(self, request, slug):
        indicator = next((i for i in public_indicators() if i.slug == slug), None)
        if indicator is None:
            raise Http404
        return Response(IndicatorSerializer(indicator_values(indicator, _period(request))).data)


#: The dumps' columns: one record per row of every public indicator's table.
DUMP_COLUMNS = ("indicator", "title", "period_start", "period_end", "row_key", "row", "value")


def dump_records(period: Period) -> list[dict]:
    """Every public indicator's rows over ``period``, as the dumps write them."""
    records = []
    results = public_results(period)
    for indicator in public_indicators():
        result = results[indicator.slug]
        keys = result.keys or [""] * len(result.rows)
        for key, (label, value) in zip(keys, result.rows, strict=True):
            records.append(
                {
                    "indicator": indicator.slug,
                    "title": str(indicator.title),
                    "period_start": period.start.isoformat(),
                    "period_end": period.end.isoformat(),
                    "row_key": key,
                    "row": str(label),
                    "value": value,
                }
            )
    return records


def dump_metadata(period: Period, records: list[dict], request) -> dict:
    """What a national open-data portal (dane.gov.pl) harvests with a bulk dump, as the API's
    other datasets give it; the figures are the public page's, computed when first asked for
    and kept for ``ESFLOW_INDICATORS_CACHE_SECONDS``: "last modified" is when they were
    computed."""
    name, url = settings.ESFLOW_OPEN_DATA_LICENCE
    query = f"?start={period.start.isoformat()}&end={period.end.isoformat()}"
    return {
        "slug": "indicators",
        "title": str(_("Indicators of the social-economy programme")),
        "description": str(
            _(
                "The programme's public indicators over a period, one record per row of each "
                "indicator's table (the definitions are at /api/public/indicators/)."
            )
        ),
        "licence": name,
        "licence_url": url,
        "update_frequency": str(_("continuously (computed when asked for)")),
        "last_modified": public_snapshot(period).computed_at.isoformat(),
        "records": len(records),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "csv_url": request.build_absolute_uri(reverse("reports_api:indicator-csv") + query),
        "json_url": request.build_absolute_uri(reverse("reports_api:indicator-json") + query),
    }


@extend_schema(
    tags=["public"],
    parameters=PERIOD,
    responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
)
class IndicatorDumpCsv(PublicIndicatorView):
    """Every public indicator's rows over a period as CSV (UTF-8, comma-separated, a header
    row), as the API's other datasets are dumped."""

    def get(self, request):
        records = dump_records(_period(request))
        table = [DUMP_COLUMNS, *([r[c] for c in DUMP_COLUMNS] for r in records)]
        body = spreadsheets.csv_bytes(table, delimiter=",", bom=False, reversible=True)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="esflow-indicators.csv"'
        return response


@extend_schema(
    tags=["public"],
    parameters=PERIOD,
    responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT)},
)
class IndicatorDumpJson(PublicIndicatorView):
    """Every public indicator's rows over a period as JSON: ``{"metadata": {…}, "records":
    [{…}, …]}``, with the metadata of an open-data dump."""

    def get(self, request):
        period = _period(request)
        records = dump_records(period)
        response = JsonResponse(
            {"metadata": dump_metadata(period, records, request), "records": records},
            json_dumps_params={"ensure_ascii": False},
        )
        response["Content-Disposition"] = 'attachment; filename="esflow-indicators.json"'
        return response
