from django.urls import path

from . import views as views_queues

urlpatterns = [
    path("kolejka/", views_queues.queue, name="queue"),
    path("kolejka/liczniki/", views_queues.queue_counts, name="queue-counts"),
    path("kolejka/<id:pk>/przejmij/", views_queues.queue_claim, name="queue-claim"),
    path("kolejka/przydziel/", views_queues.queue_assign, name="queue-assign"),
    path("kolejka/filtry/", views_queues.saved_filter_save, name="saved-filter-save"),
    path("kolejka/filtry/<id:pk>/", views_queues.saved_filter_open, name="saved-filter"),
    path(
        "kolejka/filtry/<id:pk>/usun/",
        views_queues.saved_filter_delete,
        name="saved-filter-delete",
    ),
    path("do-zatwierdzenia/", views_queues.approvals, name="approvals"),
    path("moje-wnioski/", views_queues.my_cases, name="my-cases"),
]
