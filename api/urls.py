from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views_public as public
from . import views_staff as staff

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("public/registry/", public.RegistryEntryList.as_view(), name="registry-list"),
    path("public/registry/<id:pk>/", public.RegistryEntryDetail.as_view(), name="registry-detail"),
    path("public/events/", public.EventList.as_view(), name="event-list"),
    path("public/events/<id:pk>/", public.EventDetail.as_view(), name="event-detail"),
    path("public/practices/", public.PracticeList.as_view(), name="practice-list"),
    path("public/practices/<id:pk>/", public.PracticeDetail.as_view(), name="practice-detail"),
    path("public/agreements/", public.AgreementList.as_view(), name="agreement-list"),
    path("public/agreements/<id:pk>/", public.AgreementDetail.as_view(), name="agreement-detail"),
    path("public/resolutions/", public.ResolutionList.as_view(), name="resolution-list"),
    path(
        "public/resolutions/<id:pk>/",
        public.ResolutionDetail.as_view(),
        name="resolution-detail",
    ),
    path("public/datasets/", public.DatasetList.as_view(), name="dataset-list"),
    path("public/datasets/<slug:slug>/", public.DatasetDetail.as_view(), name="dataset-detail"),
    path("public/datasets/<slug:slug>/dump.csv", public.DatasetCsv.as_view(), name="dataset-csv"),
    path(
        "public/datasets/<slug:slug>/dump.json", public.DatasetJson.as_view(), name="dataset-json"
    ),
    path("cases/", staff.CaseList.as_view(), name="case-list"),
    path("cases/<id:pk>/", staff.CaseDetail.as_view(), name="case-detail"),
    path("cases/<id:pk>/transitions/", staff.CaseTransitions.as_view(), name="case-transitions"),
    path(
        "cases/<id:pk>/transitions/<slug:name>/",
        staff.CaseTransitionRun.as_view(),
        name="case-transition-run",
    ),
    path("events/", staff.StaffEventList.as_view(), name="staff-event-list"),
    path("events/<id:pk>/", staff.StaffEventDetail.as_view(), name="staff-event-detail"),
    path(
        "events/<id:pk>/registrations/",
        staff.RegistrationList.as_view(),
        name="staff-registration-list",
    ),
    path("tokens/", staff.TokenList.as_view(), name="token-list"),
    path("tokens/<id:pk>/revoke/", staff.TokenRevoke.as_view(), name="token-revoke"),
    re_path(r"", public.NotFound.as_view()),
]
