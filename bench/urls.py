"""The project's URLs plus the baseline views (only the benchmark runner uses this)."""

from django.urls import path

from config.urls import urlpatterns as project

from . import baselines

urlpatterns = [
    path("bench/queue/", baselines.queue),
    path("bench/registry/", baselines.registry),
    *project,
]
