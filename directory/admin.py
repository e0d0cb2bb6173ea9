from django.contrib import admin
from django.db import models

from .models import Membership, Organisation, TerritorialUnit


@admin.register(TerritorialUnit)
class TerritorialUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "subtype", "parent"]
    list_filter = ["kind", "subtype"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "nip", "regon", "krs", "gmina", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "nip", "regon", "krs"]
    list_select_related = ["gmina"]
    autocomplete_fields = ["gmina"]
    # Django 6 makes https the URLField's default scheme; say so now (RemovedInDjango60Warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "may_sign", "valid_from", "valid_to"]
    list_filter = ["role", "may_sign"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]
