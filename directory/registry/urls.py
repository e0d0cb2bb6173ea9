from django.urls import path

from . import views

urlpatterns = [
    path("rejestr/", views.staff_list, name="registry-staff"),
    path("rejestr/moje/", views.my_entries, name="registry-mine"),
    path("rejestr/weryfikacja/", views.bulk_verify, name="registry-bulk-verify"),
    path("rejestr/import/", views.import_entries, name="registry-import"),
    path("rejestr/propozycje/", views.proposal_list, name="registry-proposals"),
    path("rejestr/propozycje/<id:pk>/", views.proposal_review, name="registry-proposal"),
    path("rejestr/<id:pk>/", views.staff_entry, name="registry-entry"),
    path("rejestr/<id:pk>/edycja/", views.staff_entry_edit, name="registry-edit"),
    path("rejestr/<id:pk>/historia/", views.entry_history, name="registry-history"),
    path("rejestr/<id:pk>/zmiana/", views.proposal_new, name="registry-propose"),
]
