"""The partnership agreement in the admin: read-only (changes go through the services)."""

from django.contrib import admin

from casework.admin import ReadOnlyAdmin

from .models import Agreement, AgreementParty, AgreementSignature, AgreementVersion


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["case", "start_date", "end_date", "current_version"]
    search_fields = ["case__number", "case__title"]


@admin.register(AgreementParty)
class AgreementPartyAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "organisation", "is_leader", "representation", "signed_at"]
    search_fields = ["agreement__case__number", "organisation__name"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "number", "sent_by", "sent_at", "approved_by"]
    search_fields = ["agreement__case__number", "sha256"]


@admin.register(AgreementSignature)
class AgreementSignatureAdmin(ReadOnlyAdmin):
    list_display = ["party", "version", "signer_name", "method", "signed_at"]
    search_fields = ["party__agreement__case__number", "signer_name", "sha256"]
