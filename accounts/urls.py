from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wyloguj/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.profile, name="profile"),
    path("moje-dane.json", views.personal_data_export, name="export"),
    path("haslo/zmiana/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "haslo/zmiana/gotowe/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("haslo/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "haslo/reset/wyslano/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "haslo/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "haslo/reset/gotowe/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
