from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from workflows.outbox import register_handler
        from workflows.scheduling import register_check

        from . import jobs, kinds, services, system_checks  # noqa: F401 (registers checks)
        from .constants import RENDER_TOPIC

        kinds.register()
        register_check("documents.render_stale", services.documents_render_stale)
        register_check("documents.sweep_orphans", services.documents_sweep_orphans)
        register_handler(RENDER_TOPIC, jobs.handle_render)
