"""URL patterns of the good-practice kind, served under casework's namespace, so they are
``casework:practice-new`` etc."""

from django.urls import path

from . import views

urlpatterns = [
    path("praktyki/nowa/", views.practice_new, name="practice-new"),
    path("<id:pk>/praktyka/", views.practice_edit, name="practice-edit"),
    path("<id:pk>/ocena/", views.practice_score_view, name="practice-score"),
    path("praktyki/katalog/wydanie/", views.edition_issue_view, name="practice-edition-issue"),
    path("<id:pk>/praktyka/zdjecia/", views.practice_photos, name="practice-photos"),
    path(
        "<id:pk>/praktyka/zdjecia/<id:photo_pk>/usun/",
        views.practice_photo_remove,
        name="practice-photo-remove",
    ),
    path(
        "<id:pk>/praktyka/zdjecia/<id:photo_pk>/przesun/",
        views.practice_photo_move,
        name="practice-photo-move",
    ),
    path("praktyki/zdjecia/<id:pk>/<str:size>/", views.practice_photo, name="practice-photo"),
]
