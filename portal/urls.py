from django.urls import path

from . import views, views_agreements, views_catalogue, views_committee, views_public

app_name = "portal"

urlpatterns = [
    path("deklaracja-dostepnosci/", views.accessibility, name="accessibility"),
    path("rejestr/", views_public.registry, name="registry"),
    path("rejestr/<id:pk>/", views_public.registry_entry, name="registry-entry"),
    path("rejestr/eksport.<str:fmt>", views_public.registry_export, name="registry-export"),
    path("katalog-dobrych-praktyk/", views_catalogue.catalogue_list, name="catalogue"),
    path("katalog-dobrych-praktyk/<id:pk>/", views_catalogue.practice_page, name="practice"),
    path("porozumienia/", views_agreements.agreements, name="agreements"),
    path("porozumienia/<id:pk>/", views_agreements.agreement, name="agreement"),
    path("kontakt/", views_public.contact, name="contact"),
    path("komitet/", views_committee.bodies, name="committee-bodies"),
    path("komitet/<id:pk>/", views_committee.body, name="committee-body"),
    path("uchwaly/", views_committee.resolutions, name="resolutions"),
    path("uchwaly/<id:pk>/", views_committee.resolution, name="resolution"),
    path("mapa-strony/", views_public.sitemap, name="sitemap"),
    path("sitemap.xml", views_public.sitemap_xml, name="sitemap-xml"),
]
