from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import User


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """Write the e-mail in the recipient's language, not in the language of the page the
        reset was asked from (anyone may ask for anyone's reset)."""
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or None
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class LanguageForm(forms.ModelForm):
    """The language of the user's pages and e-mails."""

    class Meta:
        model = User
        fields = ["preferred_language"]
        labels = {"preferred_language": _("Language of pages and e-mails")}
        widgets = {"preferred_language": forms.RadioSelect}
