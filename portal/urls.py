from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("deklaracja-dostepnosci/", views.accessibility, name="accessibility"),
]
