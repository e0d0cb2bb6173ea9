from django.urls import path

from . import views, views_organiser

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("miesiac/", views.event_month, name="month"),
    path("kalendarz.ics", views.event_feed, name="feed"),
    path("<id:pk>/", views.event_detail, name="detail"),
    path("<id:pk>/wydarzenie.ics", views.event_ics, name="ics"),
    path("<id:pk>/zapisy/", views.event_register, name="register"),
    path("zgloszenie/<str:token>/potwierdz/", views.registration_confirm, name="confirm"),
    path("zgloszenie/<str:token>/rezygnacja/", views.registration_cancel, name="cancel"),
    path("zaswiadczenie/<str:token>/", views.certificate_download, name="certificate"),
    path("organizator/", views_organiser.organiser_events, name="organiser"),
    path("organizator/nowe/", views_organiser.event_edit, name="create"),
    path("<id:pk>/edycja/", views_organiser.event_edit, name="edit"),
    path("<id:pk>/wystawcy/", views_organiser.exhibitors, name="exhibitors"),
    path(
        "<id:pk>/wystawcy/<id:exhibitor_pk>/decyzja/",
        views_organiser.exhibitor_decide,
        name="exhibitor-decide",
    ),
    path("<id:pk>/stoisko/", views.exhibitor_apply, name="exhibitor-apply"),
    path("obecnosc/<str:token>/", views_organiser.check_in_by_code, name="check-in-code"),
    path(
        "<id:pk>/lista-obecnosci/", views_organiser.attendance_sheet_view, name="attendance-sheet"
    ),
    path("<id:pk>/zaswiadczenia/", views_organiser.certificates_issue_view, name="certificates"),
    path("<id:pk>/uczestnicy/", views_organiser.participants, name="participants"),
    path(
        "<id:pk>/uczestnicy/<id:registration_pk>/obecnosc/",
        views_organiser.participant_check_in,
        name="check-in",
    ),
    path(
        "<id:pk>/uczestnicy.<str:fmt>",
        views_organiser.participants_export,
        name="participants-export",
    ),
]
