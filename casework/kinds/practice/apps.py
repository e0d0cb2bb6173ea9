from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    """The good-practice submission (dobra praktyka), a case kind of casework."""

    name = "casework.kinds.practice"
    label = "practice"
    verbose_name = _("Good practices")

    def ready(self):
        from casework.registry import register_kind
        from workflows.scheduling import register_check

        from . import documents, services, system_checks  # noqa: F401 (registers the check)
        from .kind import PRACTICE

        register_kind(PRACTICE)
        documents.register()
        register_check("practice.catalogue_editions", services.editions_refresh)
