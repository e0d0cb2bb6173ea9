from django.urls import path

from . import urls_intake, urls_queues, views

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("doradztwo/nowy/", views.advisory_new, name="advisory-new"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/wniosek/", views.advisory_edit, name="advisory-edit"),
    path("<int:pk>/usun/", views.case_draft_delete_view, name="draft-delete"),
    path("<int:pk>/akcja/<slug:name>/", views.case_transition, name="case-transition"),
    path("<int:pk>/opinia/", views.opinion_save, name="opinion-save"),
    path("<int:pk>/komentarze/", views.case_comments, name="case-comments"),
    path("<int:pk>/historia/", views.case_events, name="case-events"),
    path("<int:pk>/dokumenty/", views.case_documents, name="case-documents"),
    path("<int:pk>/zalaczniki/", views.attachment_upload, name="attachment-upload"),
    path("zalaczniki/<int:pk>/", views.attachment_download, name="attachment"),
    path("powiadomienia/", views.notification_list, name="notifications"),
    path("powiadomienia/<int:pk>/", views.notification_read, name="notification-read"),
]

urlpatterns += urls_intake.urlpatterns
urlpatterns += urls_queues.urlpatterns
