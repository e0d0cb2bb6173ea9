"""The project's URLs (the CPV lookup is wired in with the advisory kind's) and a test page
that shows an intake form alone."""

from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

from .pages import intake_page

urlpatterns = [
    *project_urlpatterns,
    path("test-intake/<str:topic>/", intake_page, name="test-intake"),
]
