from rest_framework import serializers

from common.dates import DateAPIField
from common.models import max_length
from steering.api.base import VERSION_HELP
from tasks.groups import AgencyGroup
from tasks.models import Assignment, Evidence, Extension, ProgressUpdate, Task

VERSION = {"required": False, "min_value": 1, "help_text": VERSION_HELP}


class AssignmentSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name", read_only=True)
    agency_id = serializers.IntegerField(read_only=True)
    task = serializers.IntegerField(source="task_id", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "task",
            "agency_id",
            "agency",
            "role",
            "status",
            "percent",
            "completed_on",
            "due_date",
            "version",
            "updated_at",
        ]


class TaskSerializer(serializers.ModelSerializer):
    category = serializers.CharField(read_only=True)
    due_soon = serializers.BooleanField(read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "committee",
            "code",
            "title",
            "field",
            "level",
            "is_key",
            "deadline_text",
            "due_date",
            "recurring",
            "status",
            "percent",
            "completed_on",
            "category",
            "due_soon",
            "version",
            "updated_at",
            "assignments",
        ]


class TaskDetailSerializer(TaskSerializer):
    class Meta(TaskSerializer.Meta):
        fields = [
            *TaskSerializer.Meta.fields,
            "description",
            "expected_output",
            "source_document",
            "source_article",
            "meeting",
            "parent",
            "upstream",
        ]


def _text(name: str, **kwargs):
    return serializers.CharField(
        max_length=max_length(Task, name), allow_blank=True, required=False, **kwargs
    )


def _id(**kwargs):
    return serializers.IntegerField(required=False, allow_null=True, min_value=1, **kwargs)


class TaskInputSerializer(serializers.Serializer):
    """A task as the task form takes it; the form's and the service's rules decide (the same
    agencies, meetings, documents and tasks to choose from, the deadline written as in plans,
    a unique code). On update every field is optional; leads and groups only on creation."""

    code = _text("code", help_text="Empty: numbered automatically (57-NNN).")
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True, required=False)
    field = serializers.ChoiceField(choices=Task._meta.get_field("field").choices)
    level = serializers.ChoiceField(
        choices=Task._meta.get_field("level").choices, default=Task._meta.get_field("level").default
    )
    is_key = serializers.BooleanField(required=False)
    deadline_text = _text(
        "deadline_text",
        help_text='As in plans: "15/08/2025", "Quý III/2025", "Năm 2025", "Thường xuyên".',
    )
    expected_output = serializers.CharField(allow_blank=True, required=False)
    source_document = _id()
    source_article = _text("source_article")
    meeting = _id()
    parent = _id()
    upstream = _id()
    leads = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        help_text="Agency ids (at least one; lead_groups add the agencies of groups).",
    )
    lead_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=AgencyGroup.choices), required=False
    )
    coordinators = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, help_text="Agency ids."
    )
    coordinating_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=AgencyGroup.choices), required=False
    )
    version = serializers.IntegerField(**VERSION)


class AssignmentInputSerializer(serializers.Serializer):
    """Assign an agency of the task's committee (or change its role and own deadline)."""

    agency = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=Assignment.Role.choices)
    due_date = DateAPIField(required=False, allow_null=True)


class AssignmentUpdateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Assignment.Role.choices, required=False)
    due_date = DateAPIField(required=False, allow_null=True)
    version = serializers.IntegerField(**VERSION)


class ProgressInputSerializer(serializers.Serializer):
    """A progress report (JSON, or multipart with evidence ``files``); the rules are in
    tasks.services.progress_log, the evidence checks those of the page."""

    percent = serializers.IntegerField(min_value=0, max_value=100)
    completed = serializers.BooleanField(default=False)
    effective_date = DateAPIField()
    note = serializers.CharField(
        allow_blank=True, default="", help_text="Required (what was done)."
    )
    lower_reason = serializers.CharField(
        allow_blank=True, default="", help_text="Required when percent is below the last report's."
    )
    withdraw = serializers.BooleanField(
        default=False,
        help_text="Withdraw a completion awaiting confirmation (required to log other progress).",
    )
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text="Evidence: PDF, Word, Excel, PNG or JPEG, up to 10 MB each (multipart).",
    )
    version = serializers.IntegerField(**VERSION)


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)
    author = serializers.CharField(source="author.username", read_only=True, allow_null=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "assignment",
            "kind",
            "status",
            "percent",
            "effective_date",
            "note",
            "author",
            "created_at",
            "evidence",
        ]


class ExtensionSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.username", read_only=True)

    class Meta:
        model = Extension
        fields = [
            "id",
            "assignment",
            "requested_by",
            "requested_at",
            "previous_due",
            "new_due",
            "reason",
            "status",
            "decided_at",
            "decision_note",
        ]


class ExtensionInputSerializer(serializers.Serializer):
    new_due = DateAPIField(help_text="After the current deadline, not in the past.")
    reason = serializers.CharField(help_text="Why more time is needed.")


class RefusalInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the request is refused.")
