from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.urls import register_converter

        from .converters import IdConverter

        # Once, before any URLconf is imported: every app's urls.py may use <id:pk>.
        register_converter(IdConverter, "id")
