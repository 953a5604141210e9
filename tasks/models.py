"""The task register: tasks, their assignments to agencies, and the append-only progress log.

A task's status, percent and completion date are a roll-up of its lead assignments, kept by
``tasks.services``; timeliness categories are computed in the database by
``TaskQuerySet.with_timeliness`` (see ``tasks.status``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import DateField
from common.models import NFCTextMixin
from jobs.models import Job, JobStatus
from steering.authz import RestrictedQuerySet
from steering.models import Agency, Committee, Document, Meeting
from tasks.status import FINISHED_STATUSES, Status, assignment_category, task_category


class Field(models.TextChoices):
    SCIENCE_TECHNOLOGY = "science_technology", _("Science and technology")
    INNOVATION = "innovation", _("Innovation")
    DIGITAL_GOVERNMENT = "digital_government", _("Digital transformation: digital government")
    DIGITAL_ECONOMY = "digital_economy", _("Digital transformation: digital economy")
    DIGITAL_SOCIETY = "digital_society", _("Digital transformation: digital society")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    HUMAN_RESOURCES = "human_resources", _("Human resources")
    INSTITUTIONS = "institutions", _("Institutions and policy")


class Level(models.TextChoices):
    CENTRAL = "central", _("Assigned by the central level")
    PROVINCE = "province", _("Provincial")
    COMMUNE = "commune", _("Commune")


class TaskQuerySet(RestrictedQuerySet):
    def with_timeliness(self, today):
        """Annotate ``category`` and ``due_soon`` computed in the database as of ``today``."""
        return self.annotate(**task_category(today))


class AssignmentQuerySet(RestrictedQuerySet):
    def with_timeliness(self, today):
        return self.annotate(**assignment_category(today))


class Task(NFCTextMixin):
    """Nhiệm vụ — a task of the committee's Resolution 57 register."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="tasks"
    )
    code = models.CharField(_("code"), max_length=32)
    title = models.TextField(_("task"))
    description = models.TextField(_("description"), blank=True)
    source_document = models.ForeignKey(
        Document, verbose_name=_("source document"), null=True, blank=True, on_delete=models.PROTECT
    )
    source_article = models.CharField(_("article / section"), max_length=128, blank=True)
    field = models.CharField(_("field"), max_length=32, choices=Field.choices)
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.PROVINCE
    )
    is_key = models.BooleanField(_("key task"), default=False)
    expected_output = models.TextField(_("expected output"), blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("assigned at meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subtasks",
    )
    upstream = models.ForeignKey(
        "self",
        verbose_name=_("task of the committee above"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="breakdown",
        help_text=_(
            "The higher committee's task this one carries out, e.g. a central task the province "
            "breaks down into its own."
        ),
    )
    deadline_text = models.CharField(_("deadline"), max_length=128, blank=True)
    due_date = DateField(_("due date"), null=True, blank=True)
    recurring = models.BooleanField(_("recurring"), default=False)

    # Roll-up of the lead assignments, written only by tasks.services.task_refresh.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("percent complete"), default=0)
    completed_on = DateField(_("completed on"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # The earliest own deadline among open lead assignments: a task is overdue when it passes,
    # even before the task's deadline. Stored so lists need no subquery per row.
    earliest_lead_due = models.DateField(null=True, blank=True, editable=False)
    # The latest deadline granted to one of its leads by an extension (tasks.followup): the
    # task's timeliness is measured against the later of this and ``due_date``
    # (tasks.status.task_deadline), while ``due_date`` keeps the original deadline.
    extended_due = models.DateField(_("extended to"), null=True, blank=True, editable=False)

    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="unique_task_code"),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="task_percent_max"),
        ]
        indexes = [models.Index(fields=["committee", "due_date"])]

    def __str__(self) -> str:
        return f"{self.code} — {self.title[:80]}"


class Assignment(models.Model):
    """Phân công — a task assigned to an agency as lead (chủ trì) or coordinating (phối hợp)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        COORDINATING = "coordinating", _("Coordinating")

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="assignments"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.LEAD)
    due_date = DateField(
        _("own deadline"), null=True, blank=True, help_text=_("Only if it differs from the task's.")
    )
    # Current state, written only by tasks.services from the progress log.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("percent complete"), default=0)
    completed_on = DateField(_("completed on"), null=True, blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["task", "role", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "agency"], name="unique_assignment"),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="assignment_percent_max"
            ),
        ]
        indexes = [models.Index(fields=["agency", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.task.code} · {self.agency}"

    @property
    def deadline(self):
        return self.due_date or self.task.due_date

    @property
    def closed(self) -> bool:
        """No more progress: its own work or its task is completed or cancelled."""
        return self.status in FINISHED_STATUSES or self.task.status in FINISHED_STATUSES


class ProgressUpdate(NFCTextMixin):
    """Báo cáo tiến độ — one entry of the append-only progress log of an assignment.

    Confirmations and returns by the secretariat are entries too, so the state of any
    assignment on any past date can be replayed from the log alone.
    """

    class Kind(models.TextChoices):
        REPORT = "report", _("Progress report")
        CONFIRMATION = "confirmation", _("Completion confirmed")
        RETURN = "return", _("Sent back")
        CANCELLATION = "cancellation", _("Cancelled")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="updates", verbose_name=_("assignment")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REPORT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("recorded at"), db_index=True)
    effective_date = DateField(_("effective date"))
    percent = models.PositiveSmallIntegerField(_("percent complete"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["assignment", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="update_percent_max")
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.effective_date:%d/%m/%Y} · {self.percent}%"


class Evidence(NFCTextMixin):
    """Minh chứng — a file attached to a progress update, stored privately."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("update")
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=128)
    size = models.PositiveIntegerField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class ImportBatch(Job):
    """Nhập danh mục nhiệm vụ — one uploaded annex: the file, the choices made in its preview,
    and what the confirmed import did. Kept as the import history.

    A confirmed import is a job (``jobs.services``): in the request for a small file, in the
    queue for a large one."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Awaiting confirmation")
        QUEUED = JobStatus.QUEUED, _("Queued")
        RUNNING = JobStatus.RUNNING, _("Importing")
        DONE = JobStatus.DONE, _("Imported")
        FAILED = JobStatus.FAILED, _("Failed")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Stored under MEDIA_ROOT, which no URL serves; views.imports.import_file streams it.
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    default_field = models.CharField(_("default field"), max_length=32, choices=Field.choices)
    # Corrections made in the preview: column index → column key ("" ignores the column), and
    # agency name key → agency id or "new".
    column_map = models.JSONField(default=dict, blank=True)
    agency_map = models.JSONField(default=dict, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREVIEW
    )
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("task import")
        verbose_name_plural = _("task imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    def perform(self, beat) -> None:
        from tasks.imports import import_perform  # the imports module imports this one

        import_perform(self, beat)


class Reminder(models.Model):
    """Nhắc việc — the record of a day's reminders to an agency: how many of its assignments
    were reminded as overdue or due, and to whom (``tasks.reminders``; the reminders themselves
    are notifications). One row per agency and day.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE)
    sent_on = models.DateField(_("sent on"))
    overdue_count = models.PositiveIntegerField(_("overdue"))
    due_soon_count = models.PositiveIntegerField(_("due soon"))
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_on", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.sent_on:%d/%m/%Y}"


class Urge(NFCTextMixin):
    """Đôn đốc — the secretariat urges an agency on one of its assignments, with a message.

    Urging an agency on all its overdue work records one row per assignment, with the same
    message and time; the dashboard and the reports count the rows per agency.
    """

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="urges", verbose_name=_("assignment")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("urged by")
    )
    created_at = models.DateTimeField(_("urged at"), db_index=True)
    message = models.TextField(_("message"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("urge")
        verbose_name_plural = _("urges")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.created_at:%d/%m/%Y}"


class Extension(NFCTextMixin):
    """Đề nghị gia hạn — an agency asks for a later deadline on its assignment, with a reason;
    the secretariat grants or refuses it.

    A granted extension moves the assignment's own deadline (its history keeps the old one);
    ``decided_at`` and ``previous_due`` let reports replay the deadline as of any date.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("assignment"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), db_index=True)
    previous_due = DateField(_("deadline before"))
    new_due = DateField(_("extend to"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason for refusing"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"],
                condition=models.Q(status="pending"),
                name="one_pending_extension",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} → {self.new_due:%d/%m/%Y}"
