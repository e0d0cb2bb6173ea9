"""The public indicators' open-data API, included by ``config/urls.py`` under
``/api/public/indicators/`` (before the ``api`` app's own addresses)."""

from django.urls import path

from . import api

app_name = "reports_api"

urlpatterns = [
    path("", api.IndicatorList.as_view(), name="indicator-list"),
    path("dump.csv", api.IndicatorDumpCsv.as_view(), name="indicator-csv"),
    path("dump.json", api.IndicatorDumpJson.as_view(), name="indicator-json"),
    path("<slug:slug>/", api.IndicatorDetail.as_view(), name="indicator-detail"),
]
