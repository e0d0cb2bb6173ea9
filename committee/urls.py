from django.urls import path

from . import views

app_name = "committee"

urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("<id:pk>/", views.body_detail, name="body"),
    path("<id:pk>/posiedzenia/nowe/", views.meeting_create, name="meeting-create"),
    path("<id:pk>/tryb-obiegowy/nowy/", views.procedure_create, name="procedure-create"),
    path("posiedzenia/<id:pk>/", views.meeting_detail, name="meeting"),
    path("posiedzenia/<id:pk>/posiedzenie.ics", views.meeting_ics, name="meeting-ics"),
    path("posiedzenia/<id:pk>/porzadek/", views.agenda_add, name="agenda-add"),
    path("posiedzenia/<id:pk>/obecnosc/", views.attendance, name="attendance"),
    path("posiedzenia/<id:pk>/odwolaj/", views.meeting_cancel_view, name="meeting-cancel"),
    path("posiedzenia/<id:pk>/protokol/", views.minutes_edit, name="minutes"),
    path("punkty/<id:pk>/glosowanie/", views.item_votes, name="item-votes"),
    path("posiedzenia/<id:pk>/uchwala/", views.resolution_create, name="resolution-create"),
    path("tryb-obiegowy/<id:pk>/", views.procedure_detail, name="procedure"),
]
