from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from accounts.admin import for_superusers_only

from .constants import OutboxStatus
from .models import NumberCounter, OutboxRow

# django-tasks-db's task results: English labels, read by the technical administrator only.
for_superusers_only(DBTaskResult)


@admin.register(OutboxRow)
class OutboxRowAdmin(admin.ModelAdmin):
    list_display = ["topic", "key", "status", "attempts", "created_at", "done_at"]
    list_filter = ["status", "topic"]
    search_fields = ["key", "topic"]
    date_hierarchy = "created_at"
    actions = ["retry"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Retry the selected failed jobs"))
    def retry(self, request, queryset):
        # Failed rows only: a pending or running row is already on its way.
        count = queryset.filter(status=OutboxStatus.FAILED).update(
            status=OutboxStatus.PENDING, attempts=0, available_at=timezone.now()
        )
        message = ngettext(
            "%(count)d job will be retried.", "%(count)d jobs will be retried.", count
        )
        self.message_user(request, message % {"count": count})


@admin.register(NumberCounter)
class NumberCounterAdmin(admin.ModelAdmin):
    list_display = ["kind", "year", "last"]
    list_filter = ["kind", "year"]

    def get_readonly_fields(self, request, obj=None):
        return ["kind", "year", "last"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
