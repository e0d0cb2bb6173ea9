from django.contrib import admin

from .forms import FunderColumnForm
from .models import Activity, FunderColumn, ProgressEntry, Task


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    inlines = [ActivityInline]


class ProgressEntryInline(admin.TabularInline):
    model = ProgressEntry
    extra = 1
    autocomplete_fields = ["entered_by"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "task", "planned_quantity", "period_start", "period_end", "source"]
    list_filter = ["task"]
    inlines = [ProgressEntryInline]


@admin.register(FunderColumn)
class FunderColumnAdmin(admin.ModelAdmin):
    form = FunderColumnForm
    list_display = ["position", "funder_name", "indicator", "row"]
    list_editable = ["position"]
    list_display_links = ["funder_name"]
