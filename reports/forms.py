from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.dates import DateFormField
from common.forms import StyledForm
from common.periods import Period, half_year, last_completed_quarter, quarter, year_period
from reports.models import Report, kind_of

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
