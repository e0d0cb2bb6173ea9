from django.contrib import admin

from .models import Activity, ProgressEntry, Task


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
