from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework")

    def ready(self):
        from workflows.flows import NOTIFY_TOPIC
        from workflows.outbox import register_handler
        from workflows.scheduling import register_check

        from . import checks, system_checks  # noqa: F401 (registers the check)
        from .conflicts import recusals_record
        from .notifications import notification_deliver
        from .recusal import RECUSALS_TOPIC

        register_handler(NOTIFY_TOPIC, notification_deliver)
        register_handler(RECUSALS_TOPIC, recusals_record)
        register_check("casework.automatic_transitions", checks.automatic_transitions_run)
        register_check("casework.deadline_reminders", checks.deadline_reminders_send)
        register_check("casework.deadline_escalations", checks.deadline_escalations_send)
        # Case kinds register themselves (casework.kinds.register_kind) in their own apps.
