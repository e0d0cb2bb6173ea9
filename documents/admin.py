from django.contrib import admin

from .models import Document, DocumentEvent, Notice


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: the register is written by the services alone."""

    list_display = ["__str__", "kind", "version", "status", "is_public", "issued_at"]
    list_filter = ["kind", "status", "is_public"]
    search_fields = ["verification_code", "sha256"]
    readonly_fields = [f.name for f in Document._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentEvent)
class DocumentEventAdmin(admin.ModelAdmin):
    """Read-only: corrections and revocations are appended by the services alone."""

    list_display = ["document", "action", "at", "actor"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in DocumentEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "reference", "created_at"]
