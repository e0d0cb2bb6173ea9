from django.contrib import admin
from django.db import models

from .models import Event, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "module", "capacity", "is_published"]
    list_filter = ["kind", "module", "is_published"]
    search_fields = ["title"]
    inlines = [SessionInline]
    autocomplete_fields = ["organiser", "gmina"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: statuses change only through ``events.services`` (the place count)."""

    list_display = ["event", "name", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
