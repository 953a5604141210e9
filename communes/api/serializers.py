from rest_framework import serializers

from common.dates import DateAPIField
from common.models import max_length
from communes.forms import programmes_for
from communes.models import (
    MAX_LINE_ITEMS,
    Allocation,
    Commune,
    Disbursement,
    FundingProgramme,
    InvestmentRequest,
    LineItem,
    TransitionLog,
)
from communes.services import ItemData
from communes.workflow import INPUTS, Action
from steering.api.base import VERSION_HELP


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
            "version",
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
        queryset=FundingProgramme.objects.none(), required=False
    )
    amount = serializers.IntegerField(required=False)
    decision_number = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=max_length(Allocation, "decision_number"),
    )
    decided_on = DateAPIField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the programmes of the request's own province: another's id is "does not exist".
        # (No request when the schema is generated.)
        if "request" in self.context:
            self.fields["programme"].queryset = programmes_for(
                self.context["request"].user, self.context["investment"]
            )

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


# Inputs. These only parse JSON into what the services take: types, presence, the category's
# choices. Every rule (positive quantities and prices, at least one line, who may file or edit
# which request and when, what is left of an allocation) is checked by communes.services and
# the models' validators, which give the messages.


class LineItemInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=LineItem.Category.choices)
    description = serializers.CharField(
        allow_blank=True, max_length=max_length(LineItem, "description")
    )
    quantity = serializers.IntegerField()
    unit_price = serializers.IntegerField(help_text="Whole VND.")


class RequestInputSerializer(serializers.Serializer):
    """A request's text and line items; the items replace all the current ones."""

    title = serializers.CharField(
        allow_blank=True, max_length=max_length(InvestmentRequest, "title")
    )
    justification = serializers.CharField(allow_blank=True)
    items = LineItemInputSerializer(many=True, max_length=MAX_LINE_ITEMS)
    version = serializers.IntegerField(
        required=False, min_value=1, help_text=VERSION_HELP
    )  # on updates; a new request has none

    def service_kwargs(self, instance: InvestmentRequest | None = None) -> dict:
        """title, justification and items; on a partial update, the request's own where absent."""
        data = self.validated_data
        kwargs = {name: data[name] for name in ("title", "justification") if name in data}
        if "items" in data:
            kwargs["items"] = [dict(item) for item in data["items"]]
        if instance is not None:
            kwargs.setdefault("title", instance.title)
            kwargs.setdefault("justification", instance.justification)
            if "items" not in kwargs:
                kwargs["items"] = [
                    {name: getattr(item, name) for name in ItemData.__annotations__}
                    for item in instance.items.all()
                ]
        return kwargs


class RequestCreateInputSerializer(RequestInputSerializer):
    """A new request of a commune (the commune's own officer files it, as a draft)."""

    commune = serializers.PrimaryKeyRelatedField(queryset=Commune.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            self.fields["commune"].queryset = Commune.objects.restrict(self.context["request"].user)


class DisbursementInputSerializer(serializers.Serializer):
    amount = serializers.IntegerField(help_text="Whole VND.")
    paid_on = DateAPIField()
    reference = serializers.CharField(
        allow_blank=True, max_length=max_length(Disbursement, "reference")
    )


class DisbursementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disbursement
        fields = ["id", "allocation", "amount", "paid_on", "reference", "created_at"]
