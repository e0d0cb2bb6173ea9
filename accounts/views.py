import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_GET, require_POST

from .forms import LanguageForm, LoginForm, PasswordResetForm
from .services import user_export


def language_cookie_set(response, language: str):
    """Remember ``language`` for the pages (Django's LocaleMiddleware reads this cookie)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        """After signing in, the pages follow the user's language: the one chosen with the
        switcher on this browser before signing in (the latest choice, so it is saved as the
        preference), else the one of the profile."""
        response = super().form_valid(form)
        user = form.get_user()
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen in dict(settings.LANGUAGES) and chosen != user.preferred_language:
            user.preferred_language = chosen
            user.save(update_fields=["preferred_language"])
        return language_cookie_set(response, user.preferred_language)


@require_POST
def set_language(request):
    """The header's language switcher: Django's ``set_language``, and for a signed-in user the
    choice is also saved as their preference (pages on every device, and their e-mails)."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if (
        request.user.is_authenticated
        and translation.check_for_language(language)
        and language in dict(settings.LANGUAGES)
        and request.user.preferred_language != language
    ):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        return {"site_name": settings.ESFLOW_SITE_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def profile(request):
    """The signed-in person's own account page: language, password, their data."""
    user = request.user
    if request.method == "POST":
        form = LanguageForm(request.POST, instance=user)
        if form.is_valid():
            form.save()
            translation.activate(user.preferred_language)
            messages.success(request, _("Your language was saved."))
            return language_cookie_set(redirect("accounts:profile"), user.preferred_language)
        return render(request, "accounts/profile.html", {"language_form": form}, status=400)
    return render(request, "accounts/profile.html", {"language_form": LanguageForm(instance=user)})


@login_required
@require_GET
def personal_data_export(request):
    """The signed-in person downloads everything esflow holds about them, as JSON."""
    data = user_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="esflow-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response
