from django.urls import path  # noqa: F401

from .registry.urls import urlpatterns as registry_urlpatterns

app_name = "directory"

urlpatterns: list = [*registry_urlpatterns]
