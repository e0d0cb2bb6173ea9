from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    """The advisory request (wniosek o doradztwo), a case kind of casework."""

    name = "casework.kinds.advisory"
    label = "advisory"
    verbose_name = _("Advisory requests")

    def ready(self):
        from casework.registry import register_kind

        from . import documents
        from .kind import ADVISORY

        register_kind(ADVISORY)
        documents.register()
