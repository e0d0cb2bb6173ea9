from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.public_page, name="public"),
    path("wykres/<slug:slug>.svg", views.public_chart, name="public_chart"),
    path("panel/", views.coordinator_page, name="coordinator"),
    path("panel/wykres/<slug:slug>.svg", views.coordinator_chart, name="chart"),
    path("panel/postep/", views.progress_entry_add, name="progress"),
    path("panel/sprawozdanie/", views.annual_report_issue, name="annual"),
    path("panel/eksport/grantodawca.<str:fmt>", views.funder_export, name="funder_export"),
    path("panel/eksport/<slug:slug>.<str:fmt>", views.coordinator_export, name="export"),
]
