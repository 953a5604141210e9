"""Communes and wards, their IT infrastructure, and the money that equips them.

Every write goes through ``communes.services``; amounts are whole VND (``int``).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.dates import DateField
from common.models import NFCTextMixin
from communes.workflow import Action, Status
from steering.authz import RestrictedQuerySet
from steering.models import Agency


class Commune(NFCTextMixin):
    """Xã, phường, đặc khu — a commune-level unit with its official administrative code."""

    class Kind(models.TextChoices):
        COMMUNE = "xa", pgettext_lazy("commune kind", "Commune")
        WARD = "phuong", _("Ward")
        SPECIAL_ZONE = "dac_khu", _("Special zone")

    committee = models.ForeignKey(
        "steering.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="communes",
        help_text=_("The provincial committee the commune reports to."),
    )
    code = models.PositiveIntegerField(_("administrative code"), unique=True)
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    province_code = models.PositiveSmallIntegerField(_("province code"))
    province_name = models.CharField(_("province"), max_length=128)
    agency = models.OneToOneField(
        Agency,
        verbose_name=_("People's Committee"),
        on_delete=models.PROTECT,
        related_name="commune",
    )
    search_text = models.CharField(max_length=128, editable=False, default="")
    # The newest survey, kept by communes.services.survey_record so lists can filter on it.
    latest_survey = models.ForeignKey(
        "Survey",
        verbose_name=_("latest survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        indexes = [models.Index(fields=["province_code", "name"])]

    def __str__(self) -> str:
        return self.name


class Survey(NFCTextMixin):
    """Khảo sát hạ tầng CNTT — the IT infrastructure of a commune as surveyed on one date."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="surveys"
    )
    surveyed_on = DateField(_("survey date"))
    computers = models.PositiveIntegerField(_("computers"))
    computers_over_5_years = models.PositiveIntegerField(_("of which older than 5 years"))
    scanners = models.PositiveIntegerField(_("scanners"))
    printers = models.PositiveIntegerField(_("printers"))
    bandwidth_mbps = models.PositiveIntegerField(_("internet bandwidth (Mbit/s)"))
    has_lan = models.BooleanField(_("local network in place"))
    cameras = models.PositiveIntegerField(_("cameras"))
    service_centre_ready = models.BooleanField(
        _("Public Administration Service Centre equipped to operate")
    )
    trained_staff = models.PositiveIntegerField(_("staff trained in digital skills"))
    notes = models.TextField(_("notes"), blank=True)
    surveyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("infrastructure survey")
        verbose_name_plural = _("infrastructure surveys")
        ordering = ["commune", "-surveyed_on"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "surveyed_on"], name="unique_survey_date"),
            models.CheckConstraint(
                condition=Q(computers_over_5_years__lte=models.F("computers")),
                name="survey_old_computers_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.surveyed_on:%d/%m/%Y}"


class FundingProgramme(NFCTextMixin):
    """Chương trình, nguồn vốn — a budget decision funding the communes' IT equipment."""

    committee = models.ForeignKey(
        "steering.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("The provincial committee whose communes the programme funds."),
    )
    name = models.CharField(_("name"), max_length=255)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = DateField(_("decision date"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    total = models.BigIntegerField(_("total (VND)"), validators=[MinValueValidator(1)])
    managing_agency = models.ForeignKey(
        Agency, verbose_name=_("managing agency"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["-fiscal_year", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gt=0), name="programme_total_positive"),
            models.UniqueConstraint(
                fields=["committee", "decision_number"], name="unique_programme_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.decision_number})"


class InvestmentRequest(NFCTextMixin):
    """Đề xuất đầu tư — a commune's request for IT equipment, reviewed, funded and accepted."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="requests"
    )
    title = models.CharField(pgettext_lazy("investment request", "title"), max_length=255)
    justification = models.TextField(_("justification"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    # Sum of the line items, written only by communes.services.
    requested_amount = models.BigIntegerField(_("requested (VND)"), default=0, editable=False)
    approved_amount = models.BigIntegerField(
        _("approved (VND)"), null=True, blank=True, editable=False
    )
    review_reason = models.TextField(_("reviewer's reason"), blank=True, editable=False)
    acceptance_record = models.TextField(_("acceptance record"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking (tasks.services.check_version): each save by communes.services adds one.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("investment request")
        verbose_name_plural = _("investment requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "commune"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0), name="request_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | Q(approved_amount__gt=0, approved_amount__lte=models.F("requested_amount")),
                name="request_approved_within_requested",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.commune} · {self.title}"


# A commune's request lists a few to a few dozen kinds of equipment; more lines than this is a
# script gone wrong (the API once took 10,000), refused by the form and the API alike.
MAX_LINE_ITEMS = 100


class LineItem(NFCTextMixin):
    """Hạng mục — one line of a request: what, how many, at what unit price."""

    class Category(models.TextChoices):
        COMPUTERS = "computers", _("Computers")
        SERVERS = "servers", _("Servers")
        NETWORK = "network", _("Network equipment")
        SCANNERS = "scanners", _("Scanners")
        CAMERAS = "cameras", _("Cameras")
        SOFTWARE = "software", _("Software licences")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    request = models.ForeignKey(
        InvestmentRequest, on_delete=models.CASCADE, related_name="items", verbose_name=_("request")
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.CharField(_("description"), max_length=255)
    quantity = models.IntegerField(
        _("quantity"), validators=[MinValueValidator(1, _("Quantity must be at least 1."))]
    )
    unit_price = models.BigIntegerField(
        _("unit price (VND)"),
        validators=[MinValueValidator(1, _("Unit price must be greater than 0 VND."))],
    )

    class Meta:
        verbose_name = _("line item")
        verbose_name_plural = _("line items")
        ordering = ["request", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="item_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="item_price_positive"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


class Attachment(NFCTextMixin):
    """Báo giá — a quotation or other file attached to a request, stored privately."""

    request = models.ForeignKey(
        InvestmentRequest,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("request"),
    )
    file = models.FileField(_("file"), upload_to="quotations/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=128)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class TransitionLog(NFCTextMixin):
    """Nhật ký xử lý — one step of a request's workflow: who moved it, when, from what to what."""

    request = models.ForeignKey(
        InvestmentRequest,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("request"),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.get_action_display()}"


class Allocation(NFCTextMixin):
    """Phân bổ kinh phí — money of a programme allocated to an approved request."""

    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    request = models.OneToOneField(
        InvestmentRequest,
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="allocation",
    )
    amount = models.BigIntegerField(_("amount (VND)"))
    decision_number = models.CharField(_("decision number"), max_length=64)
    decided_on = DateField(_("decision date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} · {self.request.commune}"


class Disbursement(NFCTextMixin):
    """Giải ngân — a payment made from an allocation."""

    allocation = models.ForeignKey(
        Allocation,
        verbose_name=_("allocation"),
        on_delete=models.PROTECT,
        related_name="disbursements",
    )
    amount = models.BigIntegerField(_("amount (VND)"))
    paid_on = DateField(_("payment date"))
    reference = models.CharField(_("reference"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.amount}"
