"""The test kind's pages, served under casework's namespace (``casework:testkind-new``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("test/nowy/", views.test_case_new, name="testkind-new"),
]
