from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "committee"
    verbose_name = _("Committee")

    def ready(self):
        from casework.decisions import register_resolution_confirmer
        from workflows.outbox import register_handler
        from workflows.scheduling import register_check

        from . import documents, services

        documents.register_kinds()
        register_resolution_confirmer(services.resolution_confirms)
        register_handler(services.EMAIL_TOPIC, services.committee_email_send)
        register_check("committee.procedures_close", services.procedures_close_due)
        register_check("committee.procedures_remind", services.procedures_remind)
