"""The lifecycle every long job shares (reports, large imports): see ``jobs.services``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerSeen(models.Model):
    """The last sign of life of one Celery worker process (``jobs.health``)."""

    name = models.CharField(_("worker"), max_length=128, primary_key=True)
    seen_at = models.DateTimeField(_("last seen at"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return self.name
