from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from workflows.outbox import register_handler
        from workflows.scheduling import register_check

        from . import certificates, services, sheets

        certificates.register_kinds()
        sheets.register_kinds()

        register_handler("events.email", services.registration_email_send)
        register_handler("events.cycle_email", services.cycle_email_send)
        register_check("events.expire_holds", services.holds_expire)
        register_check("events.retention", services.participants_erase_expired)
        register_check("events.reminders", services.reminders_send)
