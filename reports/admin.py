"""Reports in the admin are read-only: they are requested, generated and retried through
reports.services (the reports page), which keeps the status, files and snapshot consistent."""

from django.contrib import admin

from reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "committee", "status", "progress", "requested_by", "requested_at"]
    list_filter = ["kind", "status", "committee"]
    date_hierarchy = "requested_at"
    readonly_fields = [field.name for field in Report._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
