"""The lifecycle every long job shares (reports, large imports): see ``jobs.services``."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class JobNote(models.TextChoices):
    """Why a queued job has not started yet, or why it failed without an error of its own."""

    QUEUE_UNAVAILABLE = (
        "queue_unavailable",
        _("The queue is unavailable; the job is kept and will be sent when it is back."),
    )
    RESTARTED = (
        "restarted",
        _("The worker running this job stopped; the job has been queued again."),
    )
    TIMED_OUT = "timed_out", _("The job took longer than the time limit.")
    WORKER_LOST = (
        "worker_lost",
        _("The worker running this job stopped (killed or restarted) on every attempt."),
    )


class Job(models.Model):
    """Status, progress, attempts, heartbeat, error and timings of one long job.

    A concrete job model implements ``perform(beat)``: the work itself, calling ``beat(percent)``
    as it goes, raising ``jobs.services.JobRefused`` with a message for the user when the job
    cannot be done. ``jobs.services`` owns every change of status.
    """

    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    note = models.CharField(_("note"), max_length=24, choices=JobNote.choices, blank=True)
    error = models.TextField(_("error"), blank=True)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("accepted by the queue at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=128, blank=True)

    class Meta:
        abstract = True

    def perform(self, beat) -> None:
        raise NotImplementedError

    def after_done(self) -> None:
        """Called once the job is recorded as done (e.g. to tell people)."""

    @property
    def is_pending(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def can_retry(self) -> bool:
        """Failed, or queued but not accepted by the queue for longer than a resend takes."""
        if self.status == JobStatus.FAILED:
            return True
        if self.status != JobStatus.QUEUED:
            return False
        limit = timezone.now() - timedelta(seconds=settings.JOB_RESEND_SECONDS)
        return self.note == JobNote.QUEUE_UNAVAILABLE or (
            self.sent_at is not None and self.sent_at < limit
        )

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class WorkerSeen(models.Model):
    """The last sign of life of one Celery worker process (``jobs.health``)."""

    name = models.CharField(_("worker"), max_length=128, primary_key=True)
    seen_at = models.DateTimeField(_("last seen at"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return self.name
