from django.contrib import admin

from casework.admin import ReadOnlyAdmin

from .models import GoodPractice, PracticeVersion, ReviewCriterion


@admin.register(GoodPractice)
class GoodPracticeAdmin(ReadOnlyAdmin):
    list_display = ["case", "area", "current_version"]
    list_filter = ["area"]
    search_fields = ["case__number", "case__title"]


@admin.register(PracticeVersion)
class PracticeVersionAdmin(ReadOnlyAdmin):
    list_display = ["practice", "number", "average", "sent_by", "sent_at", "approved_by"]
    search_fields = ["practice__case__number", "sha256"]


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(admin.ModelAdmin):
    """The criteria are data the office keeps: add one, rename one, or take one out of use
    (``is_active``); a criterion already scored cannot be deleted (its scores protect it)."""

    list_display = ["code", "name", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]
