"""Forms of the communes pages. The business rules are in ``communes.services`` (and the
models' validators); these forms only parse what people type and show the services' errors."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from common.dates import DateFormField
from common.forms import BootstrapFormMixin, DateInput, FastSelect, MultipleFileField
from common.models import max_length
from common.money import format_amount
from communes.models import (
    MAX_LINE_ITEMS,
    Allocation,
    Disbursement,
    FundingProgramme,
    InvestmentRequest,
    LineItem,
    Survey,
)
from communes.workflow import INPUTS
from tasks.evidence import validate_evidence

_SEPARATORS = re.compile(r"[.\s\u00a0₫đ]|VND", re.IGNORECASE)


class MoneyField(forms.IntegerField):
    """Whole VND, typed as people write it: "12.500.000", "12 500 000 ₫" or "12500000"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = _SEPARATORS.sub("", value)
        return super().to_python(value)

    def prepare_value(self, value):
        """A prefilled amount reads "2.100.100.000", as typed."""
        return format_amount(value) if isinstance(value, int) else value


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class RequestForm(BootstrapFormMixin, forms.ModelForm):
    files = MultipleFileField(
        label=_("Quotations (PDF, Word, Excel, images; up to 10 MB each)"), required=False
    )

    class Meta:
        model = InvestmentRequest
        fields = ["title", "justification"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 3})}

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            validate_evidence(upload)
        return files


class LineItemForm(BootstrapFormMixin, forms.ModelForm):
    unit_price = MoneyField(label=_("Unit price (VND)"))

    class Meta:
        model = LineItem
        fields = ["category", "description", "quantity", "unit_price"]
        widgets = {"category": FastSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"].widget.attrs["inputmode"] = "numeric"


class LineItemFormSet(BaseInlineFormSet):
    default_error_messages = {
        "too_few_forms": ngettext_lazy(
            "Add at least %(num)d line item.", "Add at least %(num)d line items.", "num"
        ),
        "too_many_forms": ngettext_lazy(
            "A request has at most %(num)d line item.",
            "A request has at most %(num)d line items.",
            "num",
        ),
    }

    def items(self) -> list[dict]:
        """The rows kept (not removed), as the services take them."""
        return [
            {name: form.cleaned_data[name] for name in LineItemForm.Meta.fields}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


LineItems = inlineformset_factory(
    InvestmentRequest,
    LineItem,
    form=LineItemForm,
    formset=LineItemFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=MAX_LINE_ITEMS,
    absolute_max=MAX_LINE_ITEMS,
    validate_max=True,
    can_delete=True,
)


class ActionForm(BootstrapFormMixin, forms.Form):
    """The inputs of one workflow step; fields a step does not take are removed."""

    approved_amount = MoneyField(label=_("Approved amount (VND)"), required=False)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    programme = forms.ModelChoiceField(
        label=_("Funding programme"), queryset=FundingProgramme.objects.none(), widget=FastSelect
    )
    amount = MoneyField(label=_("Amount (VND)"))
    decision_number = forms.CharField(
        label=_("Decision number"),
        required=False,
        max_length=max_length(Allocation, "decision_number"),
    )
    decided_on = DateFormField(label=_("Decision date"))
    acceptance_record = forms.CharField(
        label=_("Acceptance record"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Number and date of the acceptance record, and what was accepted."),
    )

    def __init__(self, *args, action: str, user, investment, prefix: str | None = None, **kwargs):
        super().__init__(*args, prefix=prefix or action, **kwargs)
        self.action = action
        keep = INPUTS.get(action, ())
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "programme" in self.fields:
            self.fields["programme"].queryset = programmes_for(user, investment)
        # The reviewer starts from what was asked, finance from what was approved.
        if "approved_amount" in self.fields:
            self.fields["approved_amount"].initial = investment.requested_amount
        if "amount" in self.fields:
            self.fields["amount"].initial = investment.approved_amount


def programmes_for(user, investment) -> QuerySet[FundingProgramme]:
    """The programmes the user may allocate to this request: its own province's."""
    return FundingProgramme.objects.restrict(user, "allocate").filter(
        committee_id=investment.commune.committee_id
    )


class DisbursementForm(BootstrapFormMixin, forms.Form):
    amount = MoneyField(label=_("Amount (VND)"))
    paid_on = DateFormField(label=_("Payment date"))
    reference = forms.CharField(
        label=_("Reference (payment order number)"),
        max_length=max_length(Disbursement, "reference"),
    )


class SurveyForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "surveyed_on",
            "computers",
            "computers_over_5_years",
            "scanners",
            "printers",
            "bandwidth_mbps",
            "has_lan",
            "cameras",
            "service_centre_ready",
            "trained_staff",
            "notes",
        ]
        widgets = {"surveyed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
