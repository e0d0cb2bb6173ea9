from django.urls import include, path

from . import conflict_views, views
from .queues import urls as queue_urls
from .registry import registered_kinds

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("<id:pk>/", views.case_detail, name="case-detail"),
    path("<id:pk>/usun/", views.case_draft_delete_view, name="draft-delete"),
    path("<id:pk>/akcja/<slug:name>/", views.case_transition_view, name="case-transition"),
    path("<id:pk>/komentarze/", views.case_comments, name="case-comments"),
    path("<id:pk>/historia/", views.case_events, name="case-events"),
    path(
        "<id:pk>/konflikt-interesow/",
        conflict_views.conflict_declare_view,
        name="conflict-declare",
    ),
    path("powiazania/", conflict_views.declared_links, name="declared-links"),
    path(
        "powiazania/<id:pk>/zakoncz/",
        conflict_views.declared_link_end,
        name="declared-link-end",
    ),
    path("<id:pk>/dokumenty/", views.case_documents, name="case-documents"),
    path("<id:pk>/zalaczniki/", views.attachment_upload, name="attachment-upload"),
    path("zalaczniki/<id:pk>/", views.attachment_download, name="attachment"),
    path("powiadomienia/", views.notification_list, name="notifications"),
    path("powiadomienia/<id:pk>/", views.notification_read, name="notification-read"),
    *queue_urls.urlpatterns,
    # Each kind's own pages (starting a case, editing its draft ...), in this namespace.
    *(path("", include(kind.urls)) for kind in registered_kinds().values() if kind.urls),
]
