"""The committee: agencies, committees, members, meetings, legal documents, indicators, user
profiles."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import DateField
from common.models import NFCTextMixin
from common.text import fold
from steering.authz import RestrictedQuerySet


class Agency(NFCTextMixin):
    """Cơ quan, đơn vị — a body that can lead or coordinate tasks.

    An agency belongs to the committee whose tasks it is assigned (its tenant): every province
    has its own "Sở Khoa học và Công nghệ". A province is itself an agency of the central
    committee, and a commune's People's Committee an agency of its province, so a higher
    committee assigns work to a lower one as to any other body (see ``Committee.agency``).
    """

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Provincial department")
        COMMUNE = "commune", _("Commune People's Committee")
        PARTY = "party", _("Party body")
        ENTERPRISE = "enterprise", _("Enterprise")
        CENTRAL = "central", _("Central body")
        PROVINCE = "province", _("Province")

    committee = models.ForeignKey(
        "Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="agencies",
        help_text=_("The committee that assigns work to this agency."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other names staff write for this agency, one per line."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unique_agency_name")
        ]

    def __str__(self) -> str:
        return self.name

    def match_keys(self) -> set[str]:
        """Folded forms of every name this agency answers to (for matching Excel cells)."""
        names = [self.name, self.short_name, *self.aliases.splitlines()]
        return {fold(n) for n in names if n.strip()}


class Document(NFCTextMixin):
    """Văn bản — a legal document the work is based on, such as Resolution 57-NQ/TW."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        PLAN = "plan", _("Plan")
        DECISION = "decision", _("Decision")
        DIRECTIVE = "directive", _("Directive")
        CONCLUSION = "conclusion", _("Conclusion")
        PROGRAMME = "programme", _("Action programme")
        NOTICE = "notice", _("Notice")
        OTHER = "other", _("Other")

    committee = models.ForeignKey(
        "Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("The committee whose register cites it; committees below it may cite it too."),
    )
    number = models.CharField(_("number"), max_length=64)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    issued_on = DateField(_("date issued"))
    issuer = models.CharField(_("issuer"), max_length=255)
    title = models.TextField(_("title"))
    # Stored under MEDIA_ROOT, which no URL serves; views.document_file streams it.
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_type = models.CharField(max_length=128, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="unique_document_number")
        ]

    def __str__(self) -> str:
        return self.number


class DocumentFormat(models.TextChoices):
    """The two formats of Vietnamese official documents."""

    PARTY = "party", _("Party (Guidance 36-HD/VPTW)")
    STATE = "state", _("State (Decree 30/2020/ND-CP)")


class Committee(NFCTextMixin):
    """Ban Chỉ đạo — a steering committee at the central, provincial or commune level.

    Committees are the tenants: every record belongs to one committee, a user works in one
    committee and reads its subtree (``steering.authz``). The provincial committee is the unit of
    isolation: provinces never see each other; the central committee sees them all.
    """

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central")
        PROVINCE = "province", _("Provincial")
        COMMUNE = "commune", _("Commune")

    name = models.CharField(_("name"), max_length=255)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="represented_committees",
        help_text=_(
            "The body the committee above assigns this committee's work to: for a province, the "
            "province (an agency of the central committee); for a commune, its People's "
            "Committee."
        ),
    )
    province_code = models.PositiveSmallIntegerField(
        _("province code"),
        null=True,
        blank=True,
        help_text=_("Official code of the province whose communes this committee follows."),
    )
    establishing_decision = models.CharField(_("establishing decision"), max_length=64, blank=True)
    established_on = DateField(_("established on"), null=True, blank=True)
    document_format = models.CharField(
        _("document format"),
        max_length=8,
        choices=DocumentFormat.choices,
        default=DocumentFormat.STATE,
        help_text=_(
            "The format of the committee's documents: Party (Guidance 36-HD/VPTW) for a committee "
            "of a Party committee, State (Decree 30/2020/ND-CP) for one of a People's Committee."
        ),
    )
    superior_body = models.CharField(
        _("superior body"),
        max_length=255,
        blank=True,
        help_text=_(
            'Printed above the committee\'s name in its documents, e.g. "TỈNH ỦY GIA LAI" or '
            '"ỦY BAN NHÂN DÂN PHƯỜNG PLEIKU". Empty: the body its head leads.'
        ),
    )
    document_symbol = models.CharField(
        _("document symbol"),
        max_length=16,
        default="BCĐ",
        help_text=_(
            'The committee\'s abbreviation in document numbers, e.g. "BCĐ" in "40-TB/BCĐ".'
        ),
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_committee_name"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(parent=None), name="unique_root_committee"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Member(NFCTextMixin):
    """Thành viên Ban Chỉ đạo — a person on a committee, in a committee role."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head")
        DEPUTY_HEAD = "deputy_head", _("Deputy head")
        STANDING = "standing", _("Standing member")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=128)
    position_title = models.CharField(_("position"), max_length=255)
    role = models.CharField(_("committee role"), max_length=16, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    active_from = DateField(_("active from"), null=True, blank=True)
    active_to = DateField(_("active to"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["committee", "sort_order", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "full_name", "position_title"], name="unique_member_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.position_title})"


class Meeting(NFCTextMixin):
    """Phiên họp — a meeting of a committee, with its conclusion notice."""

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly review")
        SIX_MONTH = "six_month", _("Six-month review")
        REGULAR = "regular", _("Regular meeting")
        EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=255)
    held_on = DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    location = models.CharField(_("location"), max_length=255, blank=True)
    chair = models.ForeignKey(
        Member,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_meetings",
    )
    attendees = models.ManyToManyField(
        Member, verbose_name=_("attendees"), blank=True, related_name="meetings_attended"
    )
    conclusion_number = models.CharField(_("conclusion notice number"), max_length=64, blank=True)
    conclusion_date = DateField(_("conclusion notice date"), null=True, blank=True)
    # Stored under MEDIA_ROOT, which no URL serves; views.meeting_conclusion_file streams it.
    conclusion_file = models.FileField(
        _("conclusion notice file"), upload_to="conclusions/%Y/%m/", blank=True
    )
    conclusion_file_name = models.CharField(_("file name"), max_length=255, blank=True)
    conclusion_file_type = models.CharField(max_length=128, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "title"], name="unique_meeting_title")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Indicator(NFCTextMixin):
    """Chỉ tiêu — a figure the committee follows against a target, e.g. records digitised."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(
        _("unit"), max_length=32, help_text=_('As reports write it: "hồ sơ", "%", "điểm".')
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    target_value = models.DecimalField(
        _("target"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    target_date = DateField(
        _("target date"), help_text=_("When the target is to be reached, e.g. 31/12/2025.")
    )
    source_document = models.ForeignKey(
        Document,
        verbose_name=_("source document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("responsible agency"), on_delete=models.PROTECT
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["committee", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class IndicatorValue(NFCTextMixin):
    """Kết quả thực hiện chỉ tiêu — the actual value of an indicator at the end of a period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    period_end = DateField(_("period end"))
    value = models.DecimalField(
        _("actual value"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_end"], name="unique_indicator_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} ({self.period_end:%d/%m/%Y})"


class Profile(models.Model):
    """Links a user account to the committee they work for and, for officers, their agency."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), null=True, blank=True, on_delete=models.PROTECT
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT
    )
    # The language of e-mails and other messages sent to the user; empty: the portal's default.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user profile")
        verbose_name_plural = _("user profiles")

    def __str__(self) -> str:
        return str(self.user)
