from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementConfig(AppConfig):
    """The partnership agreement (porozumienie partnerskie), a case kind of casework."""

    name = "casework.kinds.agreement"
    label = "agreement"
    verbose_name = _("Partnership agreements")

    def ready(self):
        from casework.registry import register_kind
        from workflows.scheduling import register_check

        from . import checks, documents
        from .kind import AGREEMENT

        register_kind(AGREEMENT)
        documents.register()
        register_check("agreement.signing_reminders", checks.signing_reminders_send)
        register_check("agreement.expiry_reminders", checks.expiry_reminders_send)
