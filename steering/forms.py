from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import DateFormField
from common.forms import BootstrapFormMixin
from common.numbers import parse_number
from common.periods import last_completed_quarter
from steering.models import Meeting


class IndicatorValueForm(BootstrapFormMixin, forms.Form):
    """The actual value of an indicator at the end of a period."""

    period_end = DateFormField(label=_("Period end"))
    value = forms.CharField(
        label=_("Actual value"),
        max_length=32,
        help_text=_('Written as "2.900.000" or "44,05".'),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_end"].initial = last_completed_quarter(timezone.localdate()).end

    def clean_value(self):
        try:
            return parse_number(self.cleaned_data["value"])
        except ValueError as exc:
            raise ValidationError(_("Enter a number, e.g. 2.900.000 or 44,05.")) from exc


class MeetingFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", ""), *Meeting.Kind.choices], required=False)


class DocumentSearchForm(forms.Form):
    """The search box; Django's CharField also refuses NUL characters the database would not."""

    q = forms.CharField(required=False, max_length=200)
