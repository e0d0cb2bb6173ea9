from django.urls import path

from . import views, views_committee, views_public

app_name = "portal"

urlpatterns = [
    path("deklaracja-dostepnosci/", views.accessibility, name="accessibility"),
    path("rejestr/", views_public.registry, name="registry"),
    path("rejestr/<id:pk>/", views_public.registry_entry, name="registry-entry"),
    path("rejestr/eksport.<str:fmt>", views_public.registry_export, name="registry-export"),
    path("kontakt/", views_public.contact, name="contact"),
    path("komitet/", views_committee.bodies, name="committee-bodies"),
    path("komitet/<id:pk>/", views_committee.body, name="committee-body"),
    path("uchwaly/", views_committee.resolutions, name="resolutions"),
    path("uchwaly/<id:pk>/", views_committee.resolution, name="resolution"),
    path("mapa-strony/", views_public.sitemap, name="sitemap"),
    path("sitemap.xml", views_public.sitemap_xml, name="sitemap-xml"),
]
