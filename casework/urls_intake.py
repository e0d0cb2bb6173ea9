"""URL patterns of the intake, relative to casework's.

The integrator adds them to ``casework/urls.py`` (``urlpatterns += urls_intake.urlpatterns``),
so they are named ``casework:cpv-search`` and ``casework:cpv-pick``.
"""

from django.urls import path

from . import views_intake

urlpatterns = [
    path("cpv/szukaj/", views_intake.cpv_search_view, name="cpv-search"),
    path("cpv/wybierz/", views_intake.cpv_pick_view, name="cpv-pick"),
]
