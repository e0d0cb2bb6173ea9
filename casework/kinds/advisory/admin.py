from django.contrib import admin

from casework.admin import ReadOnlyAdmin

from .models import AdvisoryRequest, OpinionVersion


@admin.register(AdvisoryRequest)
class AdvisoryRequestAdmin(ReadOnlyAdmin):
    list_display = ["case", "topic", "consent_to_publish", "current_version"]
    list_filter = ["topic", "consent_to_publish"]
    search_fields = ["case__number", "case__title"]


@admin.register(OpinionVersion)
class OpinionVersionAdmin(ReadOnlyAdmin):
    list_display = ["advisory", "number", "sent_by", "sent_at", "approved_by", "approved_at"]
    search_fields = ["advisory__case__number", "sha256"]
