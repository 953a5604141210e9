from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from common.dates import DateFormField
from common.forms import StyledForm
from common.periods import Period, half_year, last_completed_quarter, quarter, year_period
from reports.models import Report, kind_of
from steering.models import Member

FIRST_YEAR = 2025  # Resolution 57-NQ/TW was issued on 22/12/2024
CUSTOM = "custom"


def _value(period: Period) -> str:
    return f"{kind_of(period)}:{period.start.isoformat()}"


def _label(period: Period) -> str:
    return period.label[0].upper() + period.label[1:]


def period_choices(today: date) -> list:
    """Every quarter, half-year and year that has ended, newest first, grouped by kind."""
    years = range(today.year, FIRST_YEAR - 1, -1)
    groups = [
        (_("Quarters"), [quarter(y, n) for y in years for n in (4, 3, 2, 1)]),
        (_("Six months"), [half_year(y, n) for y in years for n in (2, 1)]),
        (_("Years"), [year_period(y) for y in years]),
    ]
    choices = [
        (name, [(_value(p), _label(p)) for p in periods if p.end < today])
        for name, periods in groups
    ]
    return [group for group in choices if group[1]] + [(CUSTOM, _("Custom date range"))]


class ReportRequestForm(StyledForm):
    """Kind and period of a report in one choice (default: the last completed quarter), or a
    custom date range."""

    committee = forms.ModelChoiceField(label=_("Committee"), queryset=None, empty_label=None)
    period = forms.ChoiceField(label=_("Period"))
    start = DateFormField(label=_("From"), required=False)
    end = DateFormField(label=_("To"), required=False)

    def __init__(self, *args, committees, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["committee"].queryset = committees
        self.fields["period"].choices = period_choices(today)
        self.fields["period"].initial = _value(last_completed_quarter(today))
        self.fields["start"].help_text = self.fields["end"].help_text = _(
            "Only for a custom date range."
        )

    def clean(self):
        data = super().clean()
        choice = data.get("period")
        if not choice:
            return data
        if choice == CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise ValidationError(_("Give both dates of the custom range."))
            if start > end:
                raise ValidationError(_("The range must start before it ends."))
            if end >= self.today:
                raise ValidationError(_("The range must end before today."))
            data["kind"] = Report.Kind.CUSTOM
            data["start"], data["end"] = start, end
            return data
        kind, start = choice.split(":")
        periods = {
            Report.Kind.QUARTERLY: lambda d: quarter(d.year, (d.month - 1) // 3 + 1),
            Report.Kind.SIX_MONTH: lambda d: half_year(d.year, 1 if d.month <= 6 else 2),
            Report.Kind.ANNUAL: lambda d: year_period(d.year),
        }
        period = periods[kind](date.fromisoformat(start))
        data["kind"], data["start"], data["end"] = kind, period.start, period.end
        return data


class IssueForm(StyledForm):
    """Issue a draft: its number, the date it is issued and who signs (the head, or a deputy
    signing on the head's behalf)."""

    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=99999)
    issued_on = DateFormField(label=_("Date of issue"))
    signer = forms.ModelChoiceField(label=_("Signed by"), queryset=None, empty_label=None)

    def __init__(self, *args, report: Report, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.report, self.today = report, today
        signers = Member.objects.filter(
            committee=report.committee, role__in=[Member.Role.HEAD, Member.Role.DEPUTY_HEAD]
        ).exclude(active_to__lt=today)
        signers = signers.order_by(
            Case(When(role=Member.Role.HEAD, then=0), default=1), "sort_order", "pk"
        )
        self.fields["signer"].queryset = signers
        self.fields["signer"].label_from_instance = lambda member: (
            f"{member.full_name} — {member.get_role_display()}"
        )
        self.fields["number"].error_messages["required"] = _("Give the report's number.")
        self.fields["issued_on"].error_messages["required"] = _("Give the date of issue.")
        self.fields["issued_on"].initial = today
        self.fields["signer"].error_messages["required"] = _(
            "Choose who signs: the head or a deputy head of the committee."
        )

    def clean_issued_on(self):
        day = self.cleaned_data["issued_on"]
        if day > self.today:
            raise ValidationError(_("A report cannot be issued on a future date."))
        if day < self.report.period_end:
            raise ValidationError(
                _("A report cannot be issued before its period ends (%(end)s).")
                % {"end": f"{self.report.period_end:%d/%m/%Y}"}
            )
        return day

    def clean(self):
        data = super().clean()
        number, day = data.get("number"), data.get("issued_on")
        if number is None or day is None:
            return data
        taken = Report.objects.filter(
            committee=self.report.committee,
            symbol=self.report.issue_symbol(),
            issued_on__year=day.year,
            number=number,
        )
        if taken.exclude(pk=self.report.pk).exists():
            self.add_error(
                "number",
                _("Number %(number)s of %(year)s is already used by another report.")
                % {"number": number, "year": day.year},
            )
        return data
