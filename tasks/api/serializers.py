from rest_framework import serializers

from common.dates import DateAPIField
from tasks.models import Assignment, ProgressUpdate, Task


class AssignmentSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")

    class Meta:
        model = Assignment
        fields = [
            "id",
            "agency",
            "role",
            "status",
            "percent",
            "completed_on",
            "due_date",
            "version",
        ]


class TaskSerializer(serializers.ModelSerializer):
    category = serializers.CharField(read_only=True)
    due_soon = serializers.BooleanField(read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
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
        ]


class TaskDetailSerializer(TaskSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "description", "expected_output", "assignments"]


class ProgressInputSerializer(serializers.Serializer):
    """Input of a progress report; the rules are in tasks.services.progress_log."""

    percent = serializers.IntegerField(min_value=0, max_value=100)
    completed = serializers.BooleanField(default=False)
    effective_date = DateAPIField()
    note = serializers.CharField(allow_blank=True, default="")
    lower_reason = serializers.CharField(
        allow_blank=True, default="", help_text="Required when percent is below the last report's."
    )
    withdraw = serializers.BooleanField(
        default=False,
        help_text="Withdraw a completion awaiting confirmation (required to log other progress).",
    )
    version = serializers.IntegerField(
        min_value=1,
        help_text="The assignment's version as last read; another's save since then answers 409.",
    )


class ProgressUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["id", "kind", "status", "percent", "effective_date", "note", "created_at"]
