from rest_framework import serializers

from communes.models import Allocation, FundingProgramme, InvestmentRequest, LineItem, TransitionLog
from communes.workflow import INPUTS, Action


class LineItemSerializer(serializers.ModelSerializer):
    amount = serializers.IntegerField(read_only=True)

    class Meta:
        model = LineItem
        fields = ["category", "description", "quantity", "unit_price", "amount"]


class TransitionLogSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username")

    class Meta:
        model = TransitionLog
        fields = ["action", "from_status", "to_status", "user", "at", "note"]


class AllocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Allocation
        fields = ["id", "programme", "amount", "decision_number", "decided_on"]


class RequestSerializer(serializers.ModelSerializer):
    commune = serializers.CharField(source="commune.name")
    commune_code = serializers.IntegerField(source="commune.code")

    class Meta:
        model = InvestmentRequest
        fields = [
            "id",
            "commune",
            "commune_code",
            "title",
            "status",
            "requested_amount",
            "approved_amount",
            "created_at",
        ]


class RequestDetailSerializer(RequestSerializer):
    items = LineItemSerializer(many=True, read_only=True)
    transitions = TransitionLogSerializer(many=True, read_only=True)
    allocation = AllocationSerializer(read_only=True)

    class Meta(RequestSerializer.Meta):
        fields = [
            *RequestSerializer.Meta.fields,
            "justification",
            "review_reason",
            "acceptance_record",
            "items",
            "allocation",
            "transitions",
        ]


class TransitionInputSerializer(serializers.Serializer):
    """A workflow step and its inputs; the rules are in communes.services."""

    action = serializers.ChoiceField(choices=Action.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    approved_amount = serializers.IntegerField(required=False, allow_null=True, default=None)
    acceptance_record = serializers.CharField(required=False, allow_blank=True, default="")
    programme = serializers.PrimaryKeyRelatedField(
        queryset=FundingProgramme.objects.all(), required=False
    )
    amount = serializers.IntegerField(required=False)
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(required=False)

    def validate(self, attrs):
        if attrs["action"] == Action.ALLOCATE:
            missing = {
                name: [serializers.Field.default_error_messages["required"]]
                for name in ("programme", "amount", "decided_on")
                if name not in attrs
            }
            if missing:
                raise serializers.ValidationError(missing)
        return attrs

    def service_kwargs(self) -> dict:
        """The inputs the chosen step takes (the same as the web form's)."""
        data = self.validated_data
        return {name: data[name] for name in INPUTS.get(data["action"], ())}
