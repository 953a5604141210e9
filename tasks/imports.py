"""Import batches: upload an annex, preview it (a dry run), confirm it.

The preview and the confirmed import run the same code (``TaskResource.import_data``), the
first with ``dry_run=True``. A confirmed import is one transaction: the agencies the user chose
to create, the aliases learnt from the names they mapped, the tasks and their assignments all
commit together, or nothing does. Files of more than ``MAX_SYNC_ROWS`` rows are imported by a
Celery job (``tasks.jobs.import_run``); its progress goes to the cache, because rows written
inside the import's transaction are invisible to the page polling them.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

import tablib
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.results import RowResult

from common.text import nfc
from steering import authz
from steering.models import Agency, Committee
from tasks.annex import Annex, AnnexError, read_annex, where
from tasks.models import ImportBatch
from tasks.resources import (
    HEADERS,
    PARENT_ROW,
    ROW,
    SECTION,
    SECTION_FIELD,
    AgencyMatcher,
    TaskResource,
    agency_key,
)

MAX_SYNC_ROWS = 2_000

_ACTIONS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "update",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
}


@dataclass
class PreviewRow:
    row: int
    action: str  # new, update, unchanged, error
    code: str
    title: str
    leads: str
    messages: list[str] = field(default_factory=list)


@dataclass
class UnmatchedAgency:
    key: str
    name: str
    rows: list[int]


@dataclass
class Preview:
    """What a confirmed import would do, row by row."""

    annex: Annex | None
    rows: list[PreviewRow] = field(default_factory=list)
    unmatched: list[UnmatchedAgency] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the file, not a row
    counts: dict[str, int] = field(
        default_factory=lambda: {"new": 0, "update": 0, "unchanged": 0, "error": 0}
    )

    @property
    def can_confirm(self) -> bool:
        return self.annex is not None and not self.errors and not self.counts["error"]

    def error_messages(self) -> list[str]:
        return self.errors + [m for r in self.rows for m in r.messages]


class ImportRefused(Exception):
    """The confirmed import found errors (the data changed since the preview)."""


def import_batch_create(*, user, upload, default_field: str) -> ImportBatch:
    """Keep an uploaded annex for its preview; refuses a file that cannot be read."""
    data = upload.read()
    name = PurePath(upload.name).name[:200]
    try:
        annex = read_annex(data, name)
    except AnnexError as exc:
        raise ValidationError(str(exc)) from exc
    digest = hashlib.sha256(data).hexdigest()[:16]
    batch = ImportBatch(
        committee=Committee.objects.get(pk=authz.committee_id_of(user)),
        created_by=user,
        original_name=name,
        size=len(data),
        row_count=len(annex.records),
        default_field=default_field,
    )
    batch.file.save(f"{digest}{PurePath(name).suffix.lower()}", ContentFile(data), save=False)
    batch.save()
    return batch


def import_batch_choose(
    *, batch: ImportBatch, columns: dict[int, str], agencies: dict[str, dict]
) -> ImportBatch:
    """Record the user's corrections: column mapping and agency choices (see ImportBatch)."""
    batch.column_map = {str(index): key for index, key in columns.items()}
    batch.agency_map = {**batch.agency_map, **agencies}
    batch.save(update_fields=["column_map", "agency_map"])
    return batch


def _read(batch: ImportBatch) -> Annex:
    with batch.file.open("rb") as handle:
        data = handle.read()
    mapping = {int(index): key or None for index, key in batch.column_map.items()}
    return read_annex(data, batch.original_name, mapping)


def _dataset(annex: Annex) -> tablib.Dataset:
    keys = [c.key for c in annex.columns if c.key in HEADERS]
    headers = [HEADERS[k] for k in keys] + [ROW, SECTION, SECTION_FIELD, PARENT_ROW]
    dataset = tablib.Dataset(headers=headers)
    for record in annex.records:
        dataset.append(
            [record.values.get(k, "") for k in keys]
            + [record.row, record.section, record.section_field, record.parent_row or 0]
        )
    return dataset


def _matcher(batch: ImportBatch, *, create: bool) -> AgencyMatcher:
    """Agencies with the names mapped in the preview. With ``create`` (a confirmed import,
    inside its transaction) the agencies to create are created and mapped names are kept as
    aliases, so the next annex that writes them matches by itself."""
    agencies = list(Agency.objects.filter(committee=batch.committee, is_active=True))
    by_id = {a.pk: a for a in agencies}
    extra: dict[str, Agency] = {}
    for key, choice in batch.agency_map.items():
        name = nfc(choice.get("name", ""))
        agency_id = choice.get("agency")
        if agency_id == "new" and name:
            extra[key] = Agency(committee=batch.committee, name=name, kind=_kind_of(name))
            if create:
                extra[key] = Agency.objects.get_or_create(
                    committee=batch.committee, name=name, defaults={"kind": _kind_of(name)}
                )[0]
        elif agency_id and int(agency_id) in by_id:
            agency = extra[key] = by_id[int(agency_id)]
            if create and key not in {agency_key(n) for n in agency.match_keys()}:
                agency.aliases = "\n".join(filter(None, [agency.aliases, name]))
                agency.save(update_fields=["aliases"])
    return AgencyMatcher(agencies, extra)


def _kind_of(name: str) -> str:
    key = agency_key(name)
    if key.startswith(("uy ban nhan dan xa", "uy ban nhan dan phuong")):
        return Agency.Kind.COMMUNE
    return Agency.Kind.DEPARTMENT


def _officer_agency(user) -> Agency | None:
    if authz.has(user, authz.Capability.IMPORT_ANY):
        return None
    return Agency.objects.get(pk=authz.agency_id_of(user))


def _run(batch: ImportBatch, *, dry_run: bool, progress=None) -> tuple[Annex, Preview]:
    annex = _read(batch)
    resource = TaskResource(
        committee=batch.committee,
        user=batch.created_by,
        default_field=batch.default_field,
        agencies=_matcher(batch, create=not dry_run),
        officer_agency=_officer_agency(batch.created_by),
        progress=progress,
    )
    result = resource.import_data(
        _dataset(annex),
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    return annex, _preview(annex, resource, result)


def _preview(annex: Annex, resource: TaskResource, result) -> Preview:
    preview = Preview(annex)
    columns = {HEADERS[c.key]: c for c in annex.columns if c.key in HEADERS}
    for record, row_result in zip(annex.records, result.rows, strict=True):
        values = {k: v for k, v in record.values.items()}
        row = PreviewRow(
            row=record.row,
            action=_ACTIONS.get(row_result.import_type, "error"),
            code=str(values.get("code") or ""),
            title=str(values.get("title") or ""),
            leads=str(values.get("lead") or ""),
        )
        if row_result.validation_error is not None:
            for header, messages in row_result.validation_error.message_dict.items():
                column = columns.get(header)
                row.messages += [f"{where(record.row, column)}: {m}" for m in messages]
        for error in row_result.errors:
            row.messages.append(f"{where(record.row, None)}: {error.error}")
        if row.messages:
            row.action = "error"
        preview.counts[row.action] += 1
        preview.rows.append(row)
    preview.errors = [str(e.error) for e in result.base_errors]
    preview.unmatched = [
        UnmatchedAgency(key, name, rows) for key, (name, rows) in resource.unknown_names.items()
    ]
    return preview


def import_preview(batch: ImportBatch) -> Preview:
    """The dry run shown before confirmation; writes nothing."""
    try:
        return _run(batch, dry_run=True)[1]
    except AnnexError as exc:
        return Preview(None, errors=[str(exc)])


def progress_key(batch_id: int) -> str:
    return f"task-import-progress:{batch_id}"


def import_batch_confirm(*, batch: ImportBatch) -> ImportBatch:
    """Import now, or queue a Celery job for a large file."""
    if batch.row_count <= MAX_SYNC_ROWS:
        import_batch_run(batch.pk)
        batch.refresh_from_db()
        return batch
    batch.status = ImportBatch.Status.QUEUED
    batch.save(update_fields=["status"])
    from tasks import jobs

    transaction.on_commit(lambda: jobs.import_run.delay(batch.pk))
    return batch


def import_batch_run(batch_id: int) -> None:
    """The confirmed import, in one transaction; the batch records the outcome."""
    # A conditional UPDATE, so a double click or a job delivered twice runs the import once.
    started = ImportBatch.objects.filter(
        pk=batch_id, status__in=[ImportBatch.Status.PREVIEW, ImportBatch.Status.QUEUED]
    ).update(status=ImportBatch.Status.RUNNING)
    if not started:
        return
    batch = ImportBatch.objects.select_related("committee", "created_by").get(pk=batch_id)

    def progress(done: int) -> None:
        cache.set(progress_key(batch.pk), done, 3600)

    try:
        with transaction.atomic():
            _annex, preview = _run(batch, dry_run=False, progress=progress)
            if not preview.can_confirm:
                raise ImportRefused("\n".join(preview.error_messages()[:20]))
            batch.status = ImportBatch.Status.DONE
            batch.created_count = preview.counts["new"]
            batch.updated_count = preview.counts["update"]
            batch.unchanged_count = preview.counts["unchanged"]
            batch.error = ""
            batch.finished_at = timezone.now()
            batch.save()
    except (AnnexError, ImportRefused, ValidationError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        _fail(batch, " ".join(messages))
    except Exception:
        _fail(batch, _("An unexpected error occurred; the administrators have been told."))
        raise
    finally:
        cache.delete(progress_key(batch.pk))


def _fail(batch: ImportBatch, reason: str) -> None:
    batch.status = ImportBatch.Status.FAILED
    batch.error = _("Nothing was imported. %(reason)s") % {"reason": reason}
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "error", "finished_at"])


def import_progress(batch: ImportBatch) -> int:
    """Rows checked so far by a running import."""
    return cache.get(progress_key(batch.pk), 0)
