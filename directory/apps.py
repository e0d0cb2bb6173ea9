from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from django.db.models.signals import post_save

        from .models import Organisation
        from .registry.services import organisation_saved

        # Connected here, not where the receiver is defined, so that the registry's models
        # need not import its services (which import the models).
        post_save.connect(organisation_saved, sender=Organisation, dispatch_uid="registry_reindex")
