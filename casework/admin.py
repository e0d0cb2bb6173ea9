from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from .constants import DRAFT
from .models import (
    Attachment,
    Case,
    CaseComment,
    CaseEvent,
    CaseParty,
    CasePause,
    ConflictDeclaration,
    DeclaredLink,
    Notification,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["at", "action", "from_status", "to_status", "actor", "data"]


class CasePauseInline(ReadOnlyInline):
    model = CasePause


@admin.register(Case)
class CaseAdmin(GuardedModelAdmin):
    """Cases are read here; their state moves only through the flows (and the DB enforces it).
    Per-object permissions (a case shared with an expert) are granted from this page too."""

    list_display = ["number", "title", "kind", "status", "assignee", "due_date"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["number", "title", "requesting_organisation__name"]
    # Everything is read-only: who owns, who sees and when it is due change only through the
    # flows (reassign, extend_deadline …), which log an event and notify. What stays here is
    # the per-object permission page of guardian.
    readonly_fields = [
        "kind",
        "number",
        "title",
        "requesting_organisation",
        "filed_by",
        "channel",
        "date_received",
        "is_complex",
        "assignee",
        "status",
        "resume_status",
        "deadline_days",
        "deadline_unit",
        "clock_started_on",
        "extension_days",
        "due_date",
        "created_at",
        "updated_at",
    ]
    inlines = [CaseEventInline, CasePauseInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Only a draft that never started may go; a filed case has events (PROTECT).
        return super().has_delete_permission(request, obj) and (obj is None or obj.status == DRAFT)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written only by the services: the log, hashes, versions, files and who may read a
    comment must not be edited by hand."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        """A missing object, like the admin's own answer to an id that is not a number.
        A primary key that is a foreign key (one row per case) is compared without
        Django's integer-range guard, and SQLite raises ``OverflowError`` on an id beyond
        64 bits: that id names no row."""
        try:
            return super().get_object(request, object_id, from_field)
        except OverflowError:
            return None


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "case", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    search_fields = ["case__number"]


@admin.register(CaseComment)
class CaseCommentAdmin(ReadOnlyAdmin):
    # Read-only: flipping ``is_internal`` here would show staff notes to the requester.
    list_display = ["case", "author", "is_internal", "created_at"]
    list_filter = ["is_internal"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "case", "verb", "created", "read_at", "emailed_at"]
    list_filter = ["verb"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "case", "kind", "size", "visibility", "uploaded_at"]
    list_filter = ["kind", "visibility"]
    search_fields = ["original_name", "sha256", "case__number"]


@admin.register(CaseParty)
class CasePartyAdmin(ReadOnlyAdmin):
    list_display = ["case", "organisation", "is_leader", "joined_at"]
    search_fields = ["case__number", "organisation__name"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(ReadOnlyAdmin):
    # Read-only: a declaration recuses its member and is an event of the case.
    list_display = ["case", "member", "declared_at"]
    search_fields = ["case__number"]


@admin.register(DeclaredLink)
class DeclaredLinkAdmin(ReadOnlyAdmin):
    # Read-only: members declare and end their links themselves (casework.conflicts).
    list_display = ["member", "organisation", "declared_at", "ended_at"]
    search_fields = ["organisation__name"]
