"""Import batches: upload an annex, preview it (a dry run), confirm it.

The preview and the confirmed import run the same code (``TaskResource.import_data``), the
first with ``dry_run=True``. A confirmed import is one transaction: the agencies the user chose
to create, the aliases learnt from the names they mapped, the tasks and their assignments all
commit together, or nothing does. Files of more than ``MAX_SYNC_ROWS`` rows are imported by a
job in the queue (``jobs.services``, whose heartbeat thread records the progress on its own
connection: rows written inside the import's transaction are invisible to the page polling).

Everything happens inside the batch's committee (its tenant): names are matched against its
own agencies only, a name can be mapped only to one of them, and agencies are created in it.
Creating agencies and teaching them new names (aliases) takes ``MANAGE_AGENCIES`` (the
secretariat); an officer's mapping of an unknown name applies to that file only. An officer
(``IMPORT_OWN``) imports new tasks their agency leads; changing an existing task is refused
row by row (``TaskResource._refuse_changes``).
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

import tablib
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from import_export.results import RowResult

from common.models import max_length
from common.text import nfc
from jobs.services import JobRefused, job_enqueue, job_execute, job_retry, label_of
from steering import authz
from steering.models import Agency, Committee
from tasks import groups
from tasks.annex import Annex, AnnexError, read_annex, where
from tasks.models import ImportBatch
from tasks.resources import (
    HEADERS,
    PARENT_ROW,
    ROW,
    SECTION,
    SECTION_FIELD,
    AgencyMatcher,
    GroupUse,
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
    # What the row's groups of agencies stand for: "UBND các xã, phường → 135 xã, phường".
    expansions: list[str] = field(default_factory=list)


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
    groups: list[GroupUse] = field(default_factory=list)  # groups of agencies in the file
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
    name = nfc(PurePath(upload.name).name)[:200]
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
    *, user, batch: ImportBatch, columns: dict[int, str], agencies: dict[str, dict]
) -> ImportBatch:
    """Record the user's corrections: column mapping and agency choices (see ImportBatch).

    ``agencies`` maps a name's key to ``{"name": ..., "agency": id or "new"}``. An agency must
    be one the user's committee uses, in the batch's committee; "new" takes MANAGE_AGENCIES.
    A refused choice raises ValidationError and nothing is recorded.
    """
    _check_choices(user, batch, agencies)
    batch.column_map = {str(index): key for index, key in columns.items()}
    batch.agency_map = {**batch.agency_map, **agencies}
    batch.save(update_fields=["column_map", "agency_map"])
    return batch


def _check_choices(user, batch: ImportBatch, agencies: dict[str, dict]) -> None:
    usable = set(
        Agency.objects.restrict(user, "use")
        .filter(committee_id=batch.committee_id)
        .values_list("pk", flat=True)
    )
    errors = []
    limit = max_length(Agency, "name")
    for choice in agencies.values():
        value, name = str(choice.get("agency", "")), choice.get("name", "")
        if value == "new":
            if not may_manage_agencies(user):
                errors.append(
                    _(
                        "Only the secretariat can create agencies: choose an existing agency "
                        'for "%(name)s", or ask the secretariat to create it.'
                    )
                    % {"name": name}
                )
            elif len(nfc(name)) > limit:
                errors.append(
                    _(
                        'The agency name "%(name)s" is longer than %(limit)s characters: choose '
                        "an existing agency for it, or shorten it in the file."
                    )
                    % {"name": Truncator(name).chars(80), "limit": limit}
                )
        elif not (value.isascii() and value.isdigit() and int(value) in usable):
            errors.append(
                _('The agency chosen for "%(name)s" is not one of your committee\'s agencies.')
                % {"name": name}
            )
    if errors:
        raise ValidationError(errors)


def may_manage_agencies(user) -> bool:
    """Whether the user may create agencies and teach them names (the secretariat)."""
    return authz.has(user, authz.Capability.MANAGE_AGENCIES)


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
    """The committee's agencies, the names mapped in the preview and the members of each group
    of agencies. With ``create`` (a confirmed import, inside its transaction) the agencies to
    create are created and mapped names are kept as aliases, so the next annex that writes them
    matches by itself: only for a user who may manage agencies; an officer's mapping holds for
    this file only, and a "new" choice of theirs is ignored (the name stays unknown)."""
    agencies = list(Agency.objects.filter(committee=batch.committee, is_active=True))
    by_id = {a.pk: a for a in agencies}
    manager = may_manage_agencies(batch.created_by)
    extra: dict[str, Agency] = {}
    for key, choice in batch.agency_map.items():
        name = nfc(choice.get("name", ""))
        agency_id = str(choice.get("agency", ""))
        if agency_id == "new" and name and manager:
            extra[key] = Agency(committee=batch.committee, name=name, kind=_kind_of(name))
            if create:
                extra[key] = Agency.objects.get_or_create(
                    committee=batch.committee, name=name, defaults={"kind": _kind_of(name)}
                )[0]
        elif agency_id.isascii() and agency_id.isdigit() and int(agency_id) in by_id:
            agency = extra[key] = by_id[int(agency_id)]
            learn = create and manager
            if learn and key not in {agency_key(n) for n in agency.match_keys()}:
                agency.aliases = "\n".join(filter(None, [agency.aliases, name]))
                agency.save(update_fields=["aliases"])
    return AgencyMatcher(agencies, extra, groups.expand(groups.AgencyGroup, agencies))


def _kind_of(name: str) -> str:
    key = agency_key(name)
    if key.startswith(("uy ban nhan dan xa", "uy ban nhan dan phuong")):
        return Agency.Kind.COMMUNE
    return Agency.Kind.DEPARTMENT


def _officer_agency(user) -> Agency | None:
    """None for the secretariat (IMPORT_ANY); else the officer's agency (IMPORT_OWN)."""
    if authz.has(user, authz.Capability.IMPORT_ANY):
        return None
    agency = Agency.objects.filter(pk=authz.agency_id_of(user)).first()
    if agency is None or not authz.has(user, authz.Capability.IMPORT_OWN):
        raise ImportRefused(_("You may not import tasks."))
    return agency


def _run(batch: ImportBatch, *, dry_run: bool, progress=None) -> tuple[Annex, Preview]:
    officer_agency = _officer_agency(batch.created_by)
    annex = _read(batch)
    resource = TaskResource(
        committee=batch.committee,
        user=batch.created_by,
        default_field=batch.default_field,
        agencies=_matcher(batch, create=not dry_run),
        officer_agency=officer_agency,
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
            expansions=resource.row_groups.get(record.row, []),
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
    preview.groups = list(resource.group_uses.values())
    return preview


def import_preview(batch: ImportBatch) -> Preview:
    """The dry run shown before confirmation; writes nothing."""
    try:
        return _run(batch, dry_run=True)[1]
    except (AnnexError, ImportRefused) as exc:
        return Preview(None, errors=[str(exc)])


def import_batch_confirm(*, batch: ImportBatch) -> ImportBatch:
    """Import now, in this request, or through the queue for a large file; once per batch."""
    large = batch.row_count > MAX_SYNC_ROWS
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.PREVIEW:
            return locked  # a double click: the first one imports
        job_enqueue(locked, send=large)
    if not large:
        job_execute(label_of(locked), locked.pk)
    locked.refresh_from_db()
    return locked


def import_batch_retry(*, batch: ImportBatch) -> ImportBatch:
    """Queue a failed (or stuck) import again; it reads the same file and choices."""
    return job_retry(batch)


def import_perform(batch: ImportBatch, beat) -> None:
    """The confirmed import, in one transaction; the batch records what it did.

    Raises ``JobRefused`` (nothing imported) when a row has errors, e.g. because the data
    changed since the preview.
    """
    total = max(batch.row_count, 1)
    try:
        with transaction.atomic():
            _annex, preview = _run(
                batch, dry_run=False, progress=lambda done: beat(done * 100 // total)
            )
            if not preview.can_confirm:
                raise ImportRefused("\n".join(preview.error_messages()[:20]))
            batch.created_count = preview.counts["new"]
            batch.updated_count = preview.counts["update"]
            batch.unchanged_count = preview.counts["unchanged"]
            batch.save(update_fields=["created_count", "updated_count", "unchanged_count"])
    except (AnnexError, ImportRefused, ValidationError) as exc:
        reasons = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise JobRefused(
            _("Nothing was imported. %(reason)s") % {"reason": " ".join(reasons)}
        ) from exc
