from django.contrib import admin

from .models import Body, CircularProcedure, Meeting, Minutes, Resolution


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "parent", "term_start", "term_end", "is_public"]
    list_filter = ["kind", "is_public"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "starts_at", "status"]
    list_filter = ["status", "body"]
    readonly_fields = ["created_by"]


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    """Resolutions are adopted by vote (committee.services); the admin only reads them."""

    list_display = ["number", "body", "title", "adopted_on"]
    list_filter = ["body", "year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CircularProcedure)
class CircularProcedureAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "deadline", "status"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "status", "approved_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
