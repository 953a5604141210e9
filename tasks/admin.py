"""Admin views of the register are read-only: every write goes through tasks.services (in the
portal's pages), so roll-ups, the log and the history stay consistent."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin
from tasks.models import Assignment, Evidence, ProgressUpdate, Reminder, Task


class AssignmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Assignment
    fields = ["agency", "role", "status", "percent", "completed_on", "due_date"]
    extra = 0


@admin.register(Task)
class TaskAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["code", "title", "committee", "field", "status", "percent", "due_date"]
    list_filter = ["committee", "field", "level", "status", "is_key"]
    search_fields = ["code", "title", "search_text"]
    date_hierarchy = "due_date"
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["task", "agency", "role", "status", "percent", "completed_on"]
    list_filter = ["role", "status", "agency__kind"]
    search_fields = ["task__code", "task__title", "agency__name"]
    list_select_related = ["task", "agency"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["assignment", "kind", "status", "percent", "effective_date", "author"]
    list_filter = ["kind", "status"]
    search_fields = ["assignment__task__code", "note"]
    list_select_related = ["assignment__task", "assignment__agency", "author"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "content_type", "size", "update"]
    search_fields = ["original_name"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sent_on", "agency", "overdue_count", "due_soon_count"]
    list_filter = ["sent_on"]
    search_fields = ["agency__name", "recipients"]
