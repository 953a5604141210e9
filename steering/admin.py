from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin
from steering.authz import CAPABILITIES, Capability, Role
from steering.models import (
    Agency,
    Committee,
    Document,
    Indicator,
    IndicatorValue,
    Meeting,
    Member,
    Profile,
)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "committee", "is_active"]
    list_filter = ["kind", "is_active", "committee"]
    search_fields = ["name", "short_name", "aliases"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "issued_on", "issuer", "committee", "title"]
    list_filter = ["kind", "committee"]
    search_fields = ["number", "title", "issuer"]
    date_hierarchy = "issued_on"
    # The file is uploaded on the document's page, where it is checked (steering.services).
    exclude = ["file", "file_name", "file_type"]


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    autocomplete_fields = ["agency", "user"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "level",
        "parent",
        "province_code",
        "establishing_decision",
        "document_format",
    ]
    list_filter = ["level", "document_format"]
    search_fields = ["name", "establishing_decision"]
    autocomplete_fields = ["parent", "agency"]
    inlines = [MemberInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position_title", "role", "committee", "agency", "active_to"]
    list_filter = ["role", "committee"]
    search_fields = ["full_name", "position_title", "agency__name"]
    autocomplete_fields = ["committee", "agency", "user"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "held_on", "kind", "committee", "conclusion_number"]
    list_filter = ["kind", "committee"]
    search_fields = ["title", "summary", "conclusion_number"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["chair", "attendees"]
    # The notice is recorded on the meeting's page, where its file is checked (steering.services).
    exclude = ["conclusion_file", "conclusion_file_name", "conclusion_file_type"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "committee", "agency"]
    list_filter = ["committee"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "committee", "agency"]


class IndicatorValueInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = IndicatorValue
    fields = ["period_end", "value", "note", "recorded_by", "recorded_at"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Indicators are set up here; their values are recorded on the indicators page."""

    list_display = ["code", "name", "committee", "unit", "target_value", "target_date", "agency"]
    list_filter = ["committee", "direction", "agency"]
    search_fields = ["code", "name", "agency__name", "agency__short_name"]
    list_select_related = ["committee", "agency"]
    autocomplete_fields = ["committee", "agency", "source_document"]
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: values go through steering.services, which keeps their history."""

    list_display = ["indicator", "period_end", "value", "recorded_by", "recorded_at"]
    list_filter = ["indicator__committee", "indicator"]
    search_fields = ["indicator__code", "indicator__name", "note"]
    list_select_related = ["indicator", "recorded_by"]
    date_hierarchy = "period_end"


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """Roles are groups named by their code; the list shows what each one is called and may do
    (``steering.authz.CAPABILITIES``), in the user's language."""

    list_display = ["name", "display_name", "capabilities"]

    @admin.display(description=_("role"))
    def display_name(self, group: Group) -> str:
        return Role(group.name).label if group.name in Role.values else "—"

    @admin.display(description=_("capabilities"))
    def capabilities(self, group: Group) -> str:
        held = CAPABILITIES.get(group.name, frozenset())
        return "; ".join(str(c.label) for c in Capability if c in held) or "—"
