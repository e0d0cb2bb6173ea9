from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("weryfikacja/", views.verify, name="verify"),
    path("<id:pk>/", views.document_detail, name="detail"),
    path("<id:pk>/status/", views.document_status, name="status"),
    path("<id:pk>/pobierz/", views.document_download, name="download"),
    path("<id:pk>/ponow/", views.document_retry, name="retry"),
    path("<id:pk>/korekta/", views.document_correct, name="correct"),
    path("<id:pk>/uniewaznij/", views.document_revoke, name="revoke"),
]
