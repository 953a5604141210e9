"""Admin of the communes app. Programmes are set up here; requests and money are read-only,
since every change to them goes through communes.services (and is logged there)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin
from common.money import format_vnd
from communes.models import (
    Allocation,
    Commune,
    Disbursement,
    FundingProgramme,
    InvestmentRequest,
    LineItem,
    Survey,
    TransitionLog,
)
from communes.selectors import programme_allocated


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = FundingProgramme
        fields = ["name", "decision_number", "decision_date", "fiscal_year", "total"]

    def clean_total(self):
        total = self.cleaned_data["total"]
        allocated = programme_allocated(self.instance) if self.instance.pk else 0
        if total < allocated:
            raise forms.ValidationError(
                _("%(allocated)s is already allocated from this programme.")
                % {"allocated": format_vnd(allocated)}
            )
        return total


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(SimpleHistoryAdmin):
    form = ProgrammeForm
    fields = [*ProgrammeForm.Meta.fields, "managing_agency"]
    list_display = ["name", "decision_number", "committee", "fiscal_year", "total"]
    autocomplete_fields = ["managing_agency"]


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "code", "province_name", "committee"]
    list_filter = ["kind", "committee"]
    search_fields = ["name", "search_text", "code"]


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commune", "surveyed_on", "computers", "bandwidth_mbps", "service_centre_ready"]
    list_filter = ["service_centre_ready", "has_lan"]
    search_fields = ["commune__name"]
    list_select_related = ["commune"]


class LineItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = LineItem
    extra = 0


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TransitionLog
    extra = 0


@admin.register(InvestmentRequest)
class InvestmentRequestAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["id", "commune", "title", "status", "requested_amount", "approved_amount"]
    list_filter = ["status"]
    search_fields = ["title", "commune__name"]
    list_select_related = ["commune"]
    inlines = [LineItemInline, TransitionInline]


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["decision_number", "request", "programme", "amount", "decided_on"]
    list_select_related = ["request__commune", "programme"]


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["reference", "allocation", "amount", "paid_on"]
    list_select_related = ["allocation__request__commune"]
