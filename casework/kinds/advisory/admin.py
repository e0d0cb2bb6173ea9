from django.contrib import admin

from casework.admin import ReadOnlyAdmin

from .models import AdvisoryRequest, ClauseTemplate, OpinionVersion


@admin.register(AdvisoryRequest)
class AdvisoryRequestAdmin(ReadOnlyAdmin):
    list_display = ["case", "topic", "consent_to_publish", "current_version"]
    list_filter = ["topic", "consent_to_publish"]
    search_fields = ["case__number", "case__title"]


@admin.register(OpinionVersion)
class OpinionVersionAdmin(ReadOnlyAdmin):
    list_display = ["advisory", "number", "sent_by", "sent_at", "approved_by", "approved_at"]
    search_fields = ["advisory__case__number", "sha256"]


@admin.register(ClauseTemplate)
class ClauseTemplateAdmin(ReadOnlyAdmin):
    """Read-only: the coordinator edits templates on their own page, as new versions."""

    list_display = ["clause_type", "version", "title", "created_by", "created_at"]
    list_filter = ["clause_type"]
