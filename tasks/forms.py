from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import DateFormField
from common.forms import (
    CHOOSE,
    PICKER,
    BootstrapFormMixin,
    FastSelect,
    MultipleFileField,
    Picker,
)
from steering import authz
from steering.models import Agency, Document, Meeting
from steering.selectors import agency_choices
from tasks import groups
from tasks.deadlines import DeadlineError, parse_deadline
from tasks.evidence import validate_evidence
from tasks.models import Assignment, Field, Task
from tasks.status import OPEN_STATUSES, Status


class TaskForm(BootstrapFormMixin, forms.ModelForm):
    """Create or edit a task; the lead and coordinating agencies are chosen with it.

    On creation, a group of agencies (``tasks.groups``: every commune and ward, every provincial
    department) may lead or coordinate too; ``cleaned_data["leads"]`` and ``["coordinators"]``
    then hold the agencies chosen one by one and every member of the groups chosen (an agency
    both lead and coordinating leads), so the task gets one assignment per agency.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    leads = forms.ModelMultipleChoiceField(
        label=_("Lead agencies (chủ trì)"),
        queryset=Agency.objects.none(),
        required=False,
        widget=Picker(),
    )
    lead_groups = forms.MultipleChoiceField(
        label=_("Or lead: every agency of a group"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("One assignment per agency: each reports its own progress."),
    )
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Coordinating agencies (phối hợp)"),
        queryset=Agency.objects.none(),
        required=False,
        widget=Picker(),
    )
    coordinating_groups = forms.MultipleChoiceField(
        label=_("Or coordinating: every agency of a group"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Task
        fields = [
            "code",
            "title",
            "description",
            "field",
            "level",
            "is_key",
            "deadline_text",
            "expected_output",
            "source_document",
            "source_article",
            "meeting",
            "parent",
            "upstream",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "expected_output": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "code": _("Leave empty to number it automatically (57-NNN)."),
            "deadline_text": _(
                'As written in the plan: "15/08/2025", "Tháng 8/2025", "Quý III/2025", '
                '"Năm 2025", "2025-2030" or "Thường xuyên".'
            ),
        }

    def __init__(self, *args, committee, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        self.fields["code"].required = False
        # Every choice is what the user's committee may use; a forged id fails validation.
        agencies = Agency.objects.restrict(user, "use").filter(committee=committee)
        self.fields["leads"].queryset = self.fields["coordinators"].queryset = agencies
        self.fields["leads"].widget.choices = self.fields["coordinators"].widget.choices = (
            agency_choices(agencies)
        )
        self.fields["meeting"].queryset = Meeting.objects.restrict(user, "use")
        self.fields["parent"].queryset = (
            Task.objects.restrict(user, "change")
            .filter(committee=committee)
            .exclude(pk=self.instance.pk)
        )
        self.fields["upstream"].queryset = Task.objects.restrict(user).filter(
            committee_id__in=authz.upper_committee_ids(user)
        )
        self.fields["source_document"].queryset = Document.objects.restrict(user)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            for name in ("leads", "lead_groups", "coordinators", "coordinating_groups"):
                self.fields.pop(name)
            return
        # The groups with at least one agency, and their size: "… — 135 communes and wards".
        self.group_members = groups.expand(groups.AgencyGroup, agencies)
        group_choices = [
            (group.value, f"{group.label} — {groups.count_label(group, len(members))}")
            for group, members in self.group_members.items()
            if members
        ]
        self.fields["lead_groups"].choices = group_choices
        self.fields["coordinating_groups"].choices = group_choices

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or "leads" not in cleaned or "coordinators" not in cleaned:
            return cleaned
        leads = self._with_groups(cleaned["leads"], cleaned.get("lead_groups", []))
        if not leads:
            self.add_error("leads", _("Choose at least one lead agency or group."))
        lead_ids = {a.pk for a in leads}
        coordinators = [
            a
            for a in self._with_groups(
                cleaned["coordinators"], cleaned.get("coordinating_groups", [])
            )
            if a.pk not in lead_ids
        ]
        cleaned["leads"], cleaned["coordinators"] = leads, coordinators
        return cleaned

    def _with_groups(self, chosen, group_names) -> list[Agency]:
        agencies = {a.pk: a for a in chosen}
        for group in group_names:
            for agency in self.group_members[group]:
                agencies.setdefault(agency.pk, agency)
        return list(agencies.values())

    def clean_deadline_text(self):
        text = self.cleaned_data["deadline_text"]
        try:
            return parse_deadline(text).text
        except DeadlineError as exc:
            raise ValidationError(str(exc)) from exc

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = Task.objects.filter(committee=self.committee, code=code).exclude(
            pk=self.instance.pk
        )
        if code and clash.exists():
            raise ValidationError(_("Code %(code)s is already used.") % {"code": code})
        return code

    def task_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProgressForm(BootstrapFormMixin, forms.Form):
    """A progress report on ``assignment``; ``tasks.services.progress_log`` enforces the rules
    (the API goes through it too), the form explains them and shows only what applies."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    percent = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100)
    completed = forms.BooleanField(
        label=_("Report completion (the secretariat will confirm)"),
        required=False,
        help_text=_("Completion means 100%: ticking it sets the percent to 100."),
    )
    effective_date = DateFormField(
        label=_("Figures as of (completion date)"),
        help_text=_(
            "The date the figures are as of; for a completion, the date the work was completed. "
            "It decides whether the work counts as on time or late: give the real date."
        ),
    )
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("What was done: a note is required.")},
    )
    lower_reason = forms.CharField(
        label=_("Reason for the lower percent"), required=False, widget=forms.TextInput()
    )
    withdraw = forms.BooleanField(
        label=_("Withdraw the completion report"),
        required=False,
        help_text=_(
            "The completion reported awaits the secretariat's confirmation: an update other than "
            "a new completion report takes it out of the secretariat's queue."
        ),
    )
    files = MultipleFileField(
        label=_("Evidence (PDF, Word, Excel, images; up to 10 MB each)"), required=False
    )

    def __init__(self, *args, assignment: Assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_date"].initial = timezone.localdate()
        self.fields["percent"].initial = assignment.percent
        self.fields["lower_reason"].help_text = _(
            "Required if the percent is lower than the last report's %(percent)s%%."
        ) % {"percent": assignment.percent}
        if assignment.status != Status.AWAITING:
            del self.fields["withdraw"]

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            validate_evidence(upload)
        return files


class ReasonForm(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AssignmentForm(BootstrapFormMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), widget=FastSelect(PICKER)
    )
    role = forms.ChoiceField(label=_("Role"), choices=Assignment.Role.choices)
    due_date = DateFormField(label=_("Own deadline (optional)"), required=False)

    def __init__(self, *args, task: Task, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.restrict(user, "use").filter(committee_id=task.committee_id)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].widget.choices = [("", CHOOSE), *agency_choices(agencies)]


class ImportUploadForm(BootstrapFormMixin, forms.Form):
    """An annex to import; tasks without a field and outside any section get ``default_field``."""

    file = forms.FileField(
        label=_("Annex file (.xlsx, .xls or .csv, up to 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )
    default_field = forms.ChoiceField(
        label=_("Field of tasks the file does not classify"), choices=Field.choices
    )


class UrgeForm(BootstrapFormMixin, forms.Form):
    """Đôn đốc: the message to the agency (the service says when it is missing); on a task
    page, also which of its open assignments the secretariat may urge."""

    assignment = forms.ModelChoiceField(label=_("Agency"), queryset=Assignment.objects.none())
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, task: Task | None = None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if task is None:  # urging an agency on all its overdue work
            del self.fields["assignment"]
            return
        field = self.fields["assignment"]
        field.queryset = (
            Assignment.objects.restrict(user, "urge")
            .filter(task=task, status__in=OPEN_STATUSES)
            .select_related("agency", "task")
        )
        field.label_from_instance = lambda a: a.agency.short_name or a.agency.name


class ExtensionForm(BootstrapFormMixin, forms.Form):
    """Đề nghị gia hạn: the new deadline and the reason (the service checks both)."""

    new_due = DateFormField(label=_("Extend to"), required=False)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RefusalForm(BootstrapFormMixin, forms.Form):
    """Từ chối: the reason for refusing a request (the service says when it is missing)."""

    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
