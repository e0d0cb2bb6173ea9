from django.urls import path

from . import urls_intake, urls_queues, views

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/akcja/<slug:name>/", views.case_transition, name="case-transition"),
]

urlpatterns += urls_intake.urlpatterns
urlpatterns += urls_queues.urlpatterns
