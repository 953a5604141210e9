"""Reports in the admin are read-only: they are requested, generated and retried through
reports.services (the reports page), which keeps the status, files and snapshot consistent."""

from django.contrib import admin

from common.admin import ReadOnlyAdminMixin
from reports.models import Report


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "committee", "status", "progress", "requested_by", "requested_at"]
    list_filter = ["kind", "status", "committee"]
    date_hierarchy = "requested_at"
    readonly_fields = [field.name for field in Report._meta.fields]
