from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apitokens import services
from apitokens.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators see every token (never its key) and may revoke any."""

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = list_display
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # the key is shown to its user only: made on their page or by the command

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.token_revoke(token)
