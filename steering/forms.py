from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.dates import DateFormField
from common.forms import BootstrapFormMixin, Picker
from common.numbers import parse_number
from common.periods import last_completed_quarter
from steering.models import Agency, Meeting
from steering.selectors import agency_choices
from steering.services import ConclusionItem, validate_item_deadline
from tasks.evidence import validate_evidence
from tasks.models import Field


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


class UploadField(forms.FileField):
    """One file, checked as every uploaded file of the portal is (type and size)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            validate_evidence(upload)
        return upload


FILE_HELP = _("PDF, Word, Excel or an image; up to %(mb)s MB.")


class ConclusionForm(BootstrapFormMixin, forms.Form):
    """Thông báo kết luận — the notice a meeting's conclusions are issued in."""

    number = forms.CharField(label=_("Notice number"), max_length=64)
    issued_on = DateFormField(label=_("Date issued"))
    file = UploadField(label=_("Notice file"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        initial = {"number": meeting.conclusion_number, "issued_on": meeting.conclusion_date}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["file"].help_text = FILE_HELP % {"mb": settings.UPLOAD_MAX_FILE_BYTES >> 20}


class ConclusionItemForm(BootstrapFormMixin, forms.Form):
    """Nội dung kết luận — one conclusion item and whom it is assigned to."""

    title = forms.CharField(
        label=_("Conclusion (task title)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    field = forms.ChoiceField(label=_("Field"), choices=[("", "—"), *Field.choices])
    leads = forms.ModelMultipleChoiceField(
        label=_("Lead agencies (chủ trì)"),
        queryset=Agency.objects.none(),
        widget=Picker(),
    )
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Coordinating agencies (phối hợp)"),
        queryset=Agency.objects.none(),
        required=False,
        widget=Picker(),
    )
    deadline = DateFormField(label=_("Deadline"))

    def __init__(self, *args, meeting: Meeting, agencies, agency_choices: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        for name in ("leads", "coordinators"):
            self.fields[name].queryset = agencies
            self.fields[name].widget.choices = agency_choices

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        validate_item_deadline(self.meeting, deadline)
        return deadline

    def item(self) -> ConclusionItem:
        data = self.cleaned_data
        leads = list(data["leads"])
        lead_ids = {a.pk for a in leads}
        return ConclusionItem(
            title=data["title"],
            field=data["field"],
            leads=leads,
            coordinators=[a for a in data["coordinators"] if a.pk not in lead_ids],
            deadline=data["deadline"],
        )


class BaseConclusionItemFormSet(forms.BaseFormSet):
    """The items of one notice; rows left empty are ignored."""

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        agencies = Agency.objects.restrict(user, "use").filter(committee_id=meeting.committee_id)
        # Every row's two lists show the agencies of one query.
        choices = agency_choices(agencies)
        form_kwargs = {"meeting": meeting, "agencies": agencies, "agency_choices": choices}
        super().__init__(*args, form_kwargs=form_kwargs, **kwargs)

    def items(self) -> list[ConclusionItem]:
        return [form.item() for form in self.forms if form.has_changed()]

    def error_lines(self) -> list[str]:
        """Every error, naming its row and field: "Item 2, Deadline: …"."""
        lines = [str(error) for error in self.non_form_errors()]
        for number, form in enumerate(self.forms, start=1):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                where = gettext("Conclusion item %(number)s") % {"number": number}
                lines += [
                    f"{where}, {label}: {error}" if label else f"{where}: {error}"
                    for error in errors
                ]
        return lines


ConclusionItemFormSet = forms.formset_factory(
    ConclusionItemForm,
    formset=BaseConclusionItemFormSet,
    extra=3,
    max_num=50,
    validate_max=True,
    absolute_max=50,
)


class DocumentFileForm(BootstrapFormMixin, forms.Form):
    file = UploadField(label=_("Document file"))
