"""URL patterns of the agreement kind, served under casework's namespace, so they are
``casework:agreement-new`` etc."""

from django.urls import path

from . import views

urlpatterns = [
    path("porozumienia/nowe/", views.agreement_new, name="agreement-new"),
    path("<id:pk>/porozumienie/", views.agreement_edit, name="agreement-edit"),
    path("<id:pk>/nowe-porozumienie/", views.agreement_from_case, name="agreement-from-case"),
    path("<id:pk>/porozumienie/strony/", views.party_add_view, name="agreement-party-add"),
    path(
        "<id:pk>/porozumienie/strony/<id:party>/",
        views.party_edit_view,
        name="agreement-party-edit",
    ),
    path(
        "<id:pk>/porozumienie/strony/<id:party>/usun/",
        views.party_remove_view,
        name="agreement-party-remove",
    ),
    path("<id:pk>/porozumienie/podpis/", views.agreement_sign_view, name="agreement-sign"),
    path(
        "<id:pk>/porozumienie/podpis/plik/",
        views.agreement_sign_upload_view,
        name="agreement-sign-upload",
    ),
]
