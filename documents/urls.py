from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("weryfikacja/", views.verify, name="verify"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/status/", views.document_status, name="status"),
    path("<int:pk>/pobierz/", views.document_download, name="download"),
    path("<int:pk>/ponow/", views.document_retry, name="retry"),
    path("<int:pk>/korekta/", views.document_correct, name="correct"),
    path("<int:pk>/uniewaznij/", views.document_revoke, name="revoke"),
]
