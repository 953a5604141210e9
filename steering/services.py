"""Writes to the committee's data that carry business rules: recording indicator values, a
meeting's conclusion notice and the tasks it assigns, a document's file.

Who made each change is passed explicitly and recorded in the history (no request-global
"current user").
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from steering import authz
from steering.models import Agency, Document, Indicator, IndicatorValue, Meeting
from tasks import services as task_services
from tasks.evidence import validate_evidence
from tasks.models import Task


@transaction.atomic
def indicator_value_record(
    *, indicator: Indicator, user, period_end: date, value: Decimal, note: str = ""
) -> IndicatorValue:
    """Record (or correct) the actual value of ``indicator`` at the end of a period."""
    authz.ensure(user, "record", indicator)
    if period_end > timezone.localdate():
        raise ValidationError(
            {
                "period_end": _(
                    "The period ending %(date)s has not ended yet; record its value once it has."
                )
                % {"date": date_format(period_end, "SHORT_DATE_FORMAT")}
            }
        )
    # Two people recording the same period at once would both insert; the indicator's row
    # lock makes the second one update the first one's row instead.
    Indicator.objects.select_for_update().get(pk=indicator.pk)
    record = IndicatorValue.objects.filter(indicator=indicator, period_end=period_end).first()
    if record is None:
        record = IndicatorValue(indicator=indicator, period_end=period_end)
    elif (record.value, record.note) == (value, note.strip()):
        return record
    record.value, record.note = value, note
    record.recorded_by, record.recorded_at = user, timezone.now()
    record.full_clean()
    record._history_user = user
    record.save()
    return record


@dataclass(frozen=True)
class ConclusionItem:
    """Nội dung kết luận — one item of a conclusion notice, to become a task."""

    title: str
    field: str
    leads: Sequence[Agency]
    coordinators: Sequence[Agency]
    deadline: date


def validate_item_deadline(meeting: Meeting, deadline: date) -> None:
    """A task assigned at a meeting is due after it."""
    if deadline < meeting.held_on:
        raise ValidationError(
            _("The deadline is before the meeting (%(date)s).")
            % {"date": date_format(meeting.held_on, "SHORT_DATE_FORMAT")},
            code="before_meeting",
        )


def _stored(upload) -> tuple:
    """The upload, its file name and its content type, once the file passed the checks every
    uploaded file of the portal passes (``tasks.evidence``)."""
    return upload, PurePath(upload.name).name[:255], validate_evidence(upload)


@transaction.atomic
def meeting_conclude(
    *,
    meeting: Meeting,
    user,
    number: str,
    issued_on: date,
    upload=None,
    items: Sequence[ConclusionItem] = (),
) -> list[Task]:
    """Record the meeting's conclusion notice (Thông báo kết luận) and turn its items into tasks
    assigned at the meeting: all of it, or nothing."""
    authz.ensure(user, "change", meeting)
    if issued_on < meeting.held_on:
        raise ValidationError(
            {
                "issued_on": _("The notice cannot be issued before the meeting (%(date)s).")
                % {"date": date_format(meeting.held_on, "SHORT_DATE_FORMAT")}
            }
        )
    meeting.conclusion_number, meeting.conclusion_date = number.strip(), issued_on
    if upload is not None:
        (
            meeting.conclusion_file,
            meeting.conclusion_file_name,
            meeting.conclusion_file_type,
        ) = _stored(upload)
    meeting.full_clean(exclude=["conclusion_file"])  # the storage shortens long names
    meeting.save()
    tasks = []
    for number, item in enumerate(items, start=1):
        try:
            validate_item_deadline(meeting, item.deadline)
            task = task_services.task_create(
                committee=meeting.committee,
                user=user,
                leads=item.leads,
                coordinators=item.coordinators,
                title=item.title,
                field=item.field,
                deadline_text=f"{item.deadline:%d/%m/%Y}",
                meeting=meeting,
            )
        except ValidationError as exc:
            where = _("Conclusion item %(number)s") % {"number": number}
            raise ValidationError([f"{where}: {message}" for message in exc.messages]) from exc
        tasks.append(task)
    return tasks


@transaction.atomic
def document_attach(*, document: Document, user, upload) -> Document:
    """Attach (or replace) the document's file."""
    authz.ensure(user, "change", document)
    document.file, document.file_name, document.file_type = _stored(upload)
    document.save(update_fields=["file", "file_name", "file_type"])
    return document
