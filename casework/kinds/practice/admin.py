from django.contrib import admin

from casework.admin import ReadOnlyAdmin

from .models import GoodPractice, PracticePhoto, PracticeVersion, ReviewCriterion


@admin.register(GoodPractice)
class GoodPracticeAdmin(ReadOnlyAdmin):
    list_display = ["case", "area", "current_version"]
    list_filter = ["area"]
    search_fields = ["case__number", "case__title"]


@admin.register(PracticeVersion)
class PracticeVersionAdmin(ReadOnlyAdmin):
    list_display = ["practice", "number", "average", "sent_by", "sent_at", "approved_by"]
    search_fields = ["practice__case__number", "sha256"]


@admin.register(PracticePhoto)
class PracticePhotoAdmin(ReadOnlyAdmin):
    """Photos are added and removed only through the practice's pages (the upload service
    re-encodes them): here they are only read."""

    list_display = ["practice", "position", "alt_text", "author", "licence", "people_shown"]
    list_filter = ["licence", "people_shown"]
    search_fields = ["practice__case__number", "alt_text", "author"]


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(admin.ModelAdmin):
    """The criteria are data the office keeps: add one, rename one, or take one out of use
    (``is_active``); a criterion already scored cannot be deleted (its scores protect it)."""

    list_display = ["code", "name", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]
