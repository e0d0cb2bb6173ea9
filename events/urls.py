from django.urls import path

from . import views, views_organiser

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("miesiac/", views.event_month, name="month"),
    path("kalendarz.ics", views.event_feed, name="feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/wydarzenie.ics", views.event_ics, name="ics"),
    path("<int:pk>/zapisy/", views.event_register, name="register"),
    path("zgloszenie/<str:token>/potwierdz/", views.registration_confirm, name="confirm"),
    path("zgloszenie/<str:token>/rezygnacja/", views.registration_cancel, name="cancel"),
    path("zaswiadczenie/<str:token>/", views.certificate_download, name="certificate"),
    path("organizator/", views_organiser.organiser_events, name="organiser"),
    path("obecnosc/<str:token>/", views_organiser.check_in_by_code, name="check-in-code"),
    path(
        "<int:pk>/lista-obecnosci/", views_organiser.attendance_sheet_view, name="attendance-sheet"
    ),
    path("<int:pk>/zaswiadczenia/", views_organiser.certificates_issue_view, name="certificates"),
    path("<int:pk>/uczestnicy/", views_organiser.participants, name="participants"),
    path(
        "<int:pk>/uczestnicy/<int:registration_pk>/obecnosc/",
        views_organiser.participant_check_in,
        name="check-in",
    ),
    path(
        "<int:pk>/uczestnicy.<str:fmt>",
        views_organiser.participants_export,
        name="participants-export",
    ),
]
