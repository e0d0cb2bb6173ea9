"""The project's URLs with the intake lookup wired in, as the integrator will wire it."""

from django.urls import include, path

import casework.urls
import casework.urls_intake
from config.urls import urlpatterns as project_urlpatterns

from .pages import intake_page

urlpatterns = [
    pattern for pattern in project_urlpatterns if str(getattr(pattern, "pattern", "")) != "sprawy/"
] + [
    path(
        "sprawy/",
        include((casework.urls.urlpatterns + casework.urls_intake.urlpatterns, "casework")),
    ),
    path("test-intake/<str:topic>/", intake_page, name="test-intake"),
]
