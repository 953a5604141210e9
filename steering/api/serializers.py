from rest_framework import serializers

from common.dates import DateAPIField
from common.models import max_length
from steering.models import Agency, Committee, Document, Indicator, IndicatorValue, Meeting, Member
from tasks.models import Assignment, Field, Level, Task
from tasks.status import Category, Status


class CommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name", "level", "parent", "agency", "province_code"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "committee", "name", "short_name", "kind", "is_active"]


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Member
        fields = [
            "id",
            "committee",
            "full_name",
            "position_title",
            "role",
            "agency",
            "active_from",
            "active_to",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = [
            "id",
            "committee",
            "title",
            "held_on",
            "kind",
            "location",
            "chair",
            "conclusion_number",
            "conclusion_date",
            "summary",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "committee", "number", "kind", "issued_on", "issuer", "title"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "period_end", "value", "note", "recorded_at"]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "committee",
            "code",
            "name",
            "unit",
            "direction",
            "target_value",
            "target_date",
            "agency",
        ]


class IndicatorValueInputSerializer(serializers.Serializer):
    """The page's form: the value as a number (a string like "2.900.000" or "44,05" is the
    page's; the API takes a JSON number)."""

    period_end = DateAPIField()
    value = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0)
    note = serializers.CharField(allow_blank=True, default="", max_length=2000)


# --- Roll-up export ---------------------------------------------------------------------


class RollupAssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agency_id = serializers.IntegerField()
    agency = serializers.CharField()
    role = serializers.ChoiceField(choices=Assignment.Role.choices)
    deadline = serializers.DateField(allow_null=True)
    # The progress log is the leads': a coordinating agency's are null.
    status = serializers.ChoiceField(
        choices=Status.choices, allow_null=True, help_text="As of the day; leads only."
    )
    percent = serializers.IntegerField(min_value=0, max_value=100, allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    category = serializers.ChoiceField(
        choices=Category.choices, allow_null=True, help_text="Leads only (null: coordinating)."
    )


class RollupTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(max_length=max_length(Task, "code"))
    title = serializers.CharField()
    field = serializers.ChoiceField(choices=Field.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    is_key = serializers.BooleanField()
    deadline_text = serializers.CharField()
    deadline = serializers.DateField(allow_null=True, help_text="Extensions granted included.")
    extended = serializers.BooleanField()
    status = serializers.ChoiceField(choices=Status.choices, help_text="As of the day.")
    percent = serializers.IntegerField(min_value=0, max_value=100)
    completed_on = serializers.DateField(allow_null=True)
    category = serializers.ChoiceField(choices=Category.choices)
    assignments = RollupAssignmentSerializer(many=True)


class RollupIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    target = serializers.FloatField()
    actual = serializers.FloatField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    rate = serializers.FloatField(allow_null=True, help_text="Achievement, percent.")
    met = serializers.BooleanField(allow_null=True)


class RollupSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    completed = serializers.IntegerField()
    in_progress = serializers.IntegerField(help_text="Awaiting confirmation included.")
    not_started = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    categories = serializers.DictField(child=serializers.IntegerField())


class RollupSerializer(serializers.Serializer):
    committee = CommitteeSerializer()
    period_start = serializers.DateField(allow_null=True)
    as_of = serializers.DateField(help_text="The day the figures are as of (the period's end).")
    summary = RollupSummarySerializer()
    tasks = RollupTaskSerializer(many=True)
    indicators = RollupIndicatorSerializer(many=True)
