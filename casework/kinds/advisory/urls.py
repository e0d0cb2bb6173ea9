"""URL patterns of the advisory kind, served under casework's namespace (``casework/urls.py``
includes every registered kind's ``urls``), so they are ``casework:advisory-new`` etc."""

from django.urls import path

from . import views, views_intake

urlpatterns = [
    path("doradztwo/nowy/", views.advisory_new, name="advisory-new"),
    path("<id:pk>/wniosek/", views.advisory_edit, name="advisory-edit"),
    path("<id:pk>/opinia/", views.opinion_save, name="opinion-save"),
    path("doradztwo/klauzule/", views.clause_templates, name="clause-templates"),
    path(
        "doradztwo/klauzule/<slug:clause_type>/",
        views.clause_template_edit,
        name="clause-template-edit",
    ),
    path("cpv/szukaj/", views_intake.cpv_search_view, name="cpv-search"),
    path("doradztwo/prog/", views_intake.band_view, name="advisory-band"),
    path("cpv/wybierz/", views_intake.cpv_pick_view, name="cpv-pick"),
]
