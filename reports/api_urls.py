"""The public indicators' open-data API, included by ``config/urls.py`` under
``/api/public/indicators/`` (before the ``api`` app's own addresses)."""

from django.urls import path

from . import api

app_name = "reports_api"

urlpatterns = [
    path("", api.IndicatorList.as_view(), name="indicator-list"),
    path("<slug:slug>/", api.IndicatorDetail.as_view(), name="indicator-detail"),
]
