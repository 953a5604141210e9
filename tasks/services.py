"""Every write to the task register: one function per business action.

Web views, the API, the admin and the importer call these; none of them writes a Task,
Assignment or ProgressUpdate directly. Who made each change is passed explicitly and recorded
in the history (no request-global "current user").
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.text import fold
from steering import authz
from steering.models import Agency, Committee
from tasks import notices
from tasks.deadlines import DeadlineError, parse_deadline
from tasks.evidence import store_evidence
from tasks.models import Assignment, ProgressUpdate, Task
from tasks.rules import earliest_open_due
from tasks.status import FINISHED_STATUSES, OPEN_STATUSES, Status

TASK_CODE_PREFIX = "57"


class ConflictError(ValidationError):
    """Someone else saved the same row since the user loaded it (optimistic locking)."""


class State(NamedTuple):
    """Status, percent and completion date of an assignment or a task at some moment."""

    status: str
    percent: int
    completed_on: date | None


NOT_STARTED = State(Status.NOT_STARTED, 0, None)


def state_after(update: ProgressUpdate) -> State:
    """The state of an assignment right after a log entry: the latest entry wins."""
    completed_on = update.effective_date if update.status == Status.COMPLETED else None
    return State(update.status, update.percent, completed_on)


def rollup(lead_states: Sequence[State]) -> State:
    """A task's state from its lead assignments' states.

    Completed when every (non-cancelled) lead is confirmed complete, on the last one's date;
    percent is the leads' average.
    """
    active = [s for s in lead_states if s.status != Status.CANCELLED]
    if not lead_states:
        return NOT_STARTED
    if not active:
        return State(Status.CANCELLED, 0, None)
    percent = round(sum(s.percent for s in active) / len(active))
    statuses = {s.status for s in active}
    if statuses == {Status.COMPLETED}:
        return State(Status.COMPLETED, 100, max(s.completed_on for s in active))
    if statuses == {Status.NOT_STARTED}:
        return State(Status.NOT_STARTED, 0, None)
    if statuses <= {Status.AWAITING, Status.COMPLETED}:
        return State(Status.AWAITING, percent, None)
    return State(Status.IN_PROGRESS, percent, None)


def check_version(obj, expected_version: int | None) -> None:
    """Refuse a save based on a stale copy; the caller holds the row lock. ``obj`` has a
    ``version``, ``updated_by`` and ``updated_at``: a task, an assignment, an investment
    request."""
    if expected_version is None or obj.version == expected_version:
        return
    who = obj.updated_by.get_full_name() or obj.updated_by.username if obj.updated_by else "?"
    at = time_format(timezone.localtime(obj.updated_at), "H:i")
    raise ConflictError(
        _("This was changed by %(user)s at %(time)s; reload the page to see the change.")
        % {"user": who, "time": at},
        code="conflict",
    )


def _save(obj: Task | Assignment, user) -> None:
    obj.version += 1
    obj.updated_by = user
    obj._history_user = user
    obj.save()


def task_refresh(task: Task, user=None) -> Task:
    """Recompute the task's roll-up from its lead assignments; the one place it is written.

    The task row is locked before the leads are read: two agencies reporting on one task at
    the same moment refresh one after the other, the second seeing the first's change.
    """
    fields = ("status", "percent", "completed_on", "earliest_lead_due")
    stored = Task.objects.select_for_update().values_list(*fields).get(pk=task.pk)
    task.status, task.percent, task.completed_on, task.earliest_lead_due = stored
    # Plain tuples: a task led by every commune has 135 leads, refreshed on each entry.
    leads = task.assignments.filter(role=Assignment.Role.LEAD).values_list(
        "status", "percent", "completed_on", "due_date"
    )
    leads = list(leads)
    state = rollup([State(status, percent, done) for status, percent, done, _ in leads])
    earliest = earliest_open_due((status, due) for status, _, _, due in leads)
    if task.status == Status.CANCELLED:
        return task
    current = (task.status, task.percent, task.completed_on, task.earliest_lead_due)
    if current != (*state, earliest):
        task.status, task.percent, task.completed_on = state
        task.earliest_lead_due = earliest
        task._history_user = user
        task.save(
            update_fields=["status", "percent", "completed_on", "earliest_lead_due", "updated_at"]
        )
    return task


def next_task_code(committee: Committee) -> str:
    """The next free "57-NNN" code in the committee (caller holds the committee row lock)."""
    numbers = [
        int(m.group(1))
        for code in Task.objects.filter(
            committee=committee, code__startswith=f"{TASK_CODE_PREFIX}-"
        ).values_list("code", flat=True)
        if (m := re.fullmatch(rf"{TASK_CODE_PREFIX}-(\d+)", code))
    ]
    return f"{TASK_CODE_PREFIX}-{max(numbers, default=0) + 1:03d}"


def _apply_deadline(task: Task) -> None:
    try:
        parsed = parse_deadline(task.deadline_text)
    except DeadlineError as exc:
        raise ValidationError({"deadline_text": str(exc)}) from exc
    task.deadline_text, task.due_date, task.recurring = (
        parsed.text,
        parsed.due_date,
        parsed.recurring,
    )


def _search_text(task: Task) -> str:
    return fold(" ".join([task.code, task.title, task.description, task.expected_output]))


@transaction.atomic
def task_create(
    *,
    committee: Committee,
    user,
    leads: Iterable[Agency] = (),
    coordinators: Iterable[Agency] = (),
    **fields,
) -> Task:
    """A new task and its assignments. An agency both lead and coordinating leads. A group of
    agencies (``tasks.groups``: every commune, every department) comes expanded, so there may be
    a hundred agencies: their assignments are inserted in one go, as the importer does."""
    authz.ensure(user, "change", committee)
    task = Task(committee=committee, **fields)
    if not task.code:
        # Lock the committee row so two simultaneous creations don't pick the same number.
        Committee.objects.select_for_update().get(pk=committee.pk)
        task.code = next_task_code(committee)
    _apply_deadline(task)
    task.search_text = _search_text(task)
    task.updated_by = user
    task._history_user = user
    task.full_clean(exclude=["search_text"])
    _check_links(task, user)
    wanted: dict[int, tuple[Agency, str]] = {}
    for agency in leads:
        wanted.setdefault(agency.pk, (agency, Assignment.Role.LEAD))
    for agency in coordinators:
        wanted.setdefault(agency.pk, (agency, Assignment.Role.COORDINATING))
    for agency, _role in wanted.values():
        _check_tenant(task, agency)
    task.save()
    _insert_assignments([(task.pk, agency.pk, role) for agency, role in wanted.values()], user)
    notices.task_assigned(task, wanted.values(), actor=user)
    # Every assignment is new, hence "not started": the task's stored state already.
    return task


def _check_links(task: Task, user) -> None:
    """A task cites documents of its committee or those above, is assigned at the committee's
    own meetings, and carries out a task the committee received from above (one the user sees):
    a forged id from the API or a stale form is refused on its field."""
    errors = {}
    upper, committee = [], task.committee
    while committee.parent_id is not None:
        upper.append(committee.parent_id)
        committee = committee.parent
    if task.parent_id and task.parent.committee_id != task.committee_id:
        errors["parent"] = _("Choose a task of the same committee.")
    if task.upstream_id and not (
        task.upstream.committee_id in upper
        and Task.objects.restrict(user).filter(pk=task.upstream_id).exists()
    ):
        errors["upstream"] = _("Choose a task of the committee above assigned to this committee.")
    if task.meeting_id and task.meeting.committee_id != task.committee_id:
        errors["meeting"] = _("Choose a meeting of %(committee)s.") % {"committee": task.committee}
    if task.source_document_id and task.source_document.committee_id not in {
        task.committee_id,
        *upper,
    }:
        errors["source_document"] = _("Choose a document of this committee or of those above.")
    if errors:
        raise ValidationError(errors)


def _check_tenant(task: Task, agency: Agency) -> None:
    """A task is assigned only to agencies of its own committee."""
    if agency.committee_id != task.committee_id:
        raise ValidationError(
            {
                "agency": _("%(agency)s is not an agency of %(committee)s.")
                % {"agency": agency, "committee": task.committee}
            }
        )


@transaction.atomic
def task_update(*, task: Task, user, expected_version: int | None, **fields) -> Task:
    authz.ensure(user, "change", task)
    locked = Task.objects.select_for_update().get(pk=task.pk)
    check_version(locked, expected_version)
    previous = (locked.due_date, notices.day(locked.due_date, locked.deadline_text))
    for name, value in fields.items():
        setattr(locked, name, value)
    _apply_deadline(locked)
    locked.search_text = _search_text(locked)
    locked.full_clean(exclude=["search_text"])
    _check_links(locked, user)
    _save(locked, user)
    if locked.due_date != previous[0]:
        notices.deadline_changed(locked, previous[1], actor=user)
    return locked


@transaction.atomic
def task_cancel(*, task: Task, user, reason: str, expected_version: int | None = None) -> Task:
    """Cancel a task with a reason; its open assignments get a cancellation log entry."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for cancelling the task.")})
    authz.ensure(user, "change", task)
    locked = Task.objects.select_for_update().get(pk=task.pk)
    check_version(locked, expected_version)
    for assignment in locked.assignments.filter(status__in=OPEN_STATUSES):
        _log(assignment, user, ProgressUpdate.Kind.CANCELLATION, Status.CANCELLED, reason)
    locked.status, locked.cancel_reason = Status.CANCELLED, reason.strip()
    _save(locked, user)
    return locked


@transaction.atomic
def assignment_add(
    *,
    task: Task,
    agency: Agency,
    role: str,
    user,
    due_date: date | None = None,
    expected_version: int | None = None,
) -> Assignment:
    """Assign the agency, or change the role and own deadline of its assignment (checked
    against ``expected_version`` when given, as a task's edit is)."""
    authz.ensure(user, "change", task)
    _check_tenant(task, agency)
    assignment, created = Assignment.objects.select_for_update().get_or_create(
        task=task, agency=agency, defaults={"role": role, "due_date": due_date, "updated_by": user}
    )
    if not created:
        check_version(assignment, expected_version)
    if created or assignment.role != role:
        notices.task_assigned(task, [(agency, role)], actor=user)
    if not created and (assignment.role, assignment.due_date) != (role, due_date):
        assignment.role, assignment.due_date = role, due_date
        _save(assignment, user)
    task_refresh(task, user)
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, user) -> None:
    if assignment.updates.exists():
        raise ValidationError(
            _("%(agency)s has already reported progress; cancel the task instead of removing it.")
            % {"agency": assignment.agency}
        )
    task = assignment.task
    assignment._history_user = user
    assignment.delete()
    task_refresh(task, user)


def _log(
    assignment: Assignment,
    user,
    kind: str,
    status: str,
    note: str = "",
    percent: int | None = None,
    effective_date: date | None = None,
) -> ProgressUpdate:
    """Append one entry to the log and move the assignment (and its task) to the new state."""
    update = ProgressUpdate.objects.create(
        assignment=assignment,
        kind=kind,
        author=user,
        created_at=timezone.now(),
        effective_date=effective_date or timezone.localdate(),
        percent=assignment.percent if percent is None else percent,
        status=status,
        note=note,
    )
    assignment.status, assignment.percent, assignment.completed_on = state_after(update)
    _save(assignment, user)
    task_refresh(assignment.task, user)
    return update


@transaction.atomic
def progress_log(
    *,
    assignment: Assignment,
    user,
    percent: int,
    completed: bool,
    note: str,
    effective_date: date,
    files: Sequence = (),
    expected_version: int | None = None,
    lower_reason: str = "",
    withdraw: bool = False,
) -> ProgressUpdate:
    """An agency reports progress. A report of completion (100%) waits for the secretariat.

    A note is required; a percent lower than the assignment's needs ``lower_reason`` (kept in
    the entry's note); an update other than a completion on an assignment awaiting confirmation
    withdraws that completion from the secretariat's queue, so it needs ``withdraw``.
    ``effective_date`` is the date the figures are as of, for a completion the date it was
    completed: the one timeliness is judged on.
    """
    authz.ensure(user, "report", assignment)
    locked = Assignment.objects.select_for_update().select_related("task").get(pk=assignment.pk)
    check_version(locked, expected_version)
    errors = {}
    if locked.closed:
        closed = locked if locked.status in FINISHED_STATUSES else locked.task
        errors["__all__"] = _("This assignment is closed (%(status)s); no more updates.") % {
            "status": closed.get_status_display()
        }
    if not 0 <= percent <= 100:
        errors["percent"] = _("Percent must be between 0 and 100.")
    elif completed and percent != 100:
        errors["percent"] = _(
            "Percent complete: reporting completion means 100%; set 100 or untick completion."
        )
    elif percent < locked.percent and not lower_reason.strip():
        errors["lower_reason"] = _(
            "Reason for the lower percent: %(new)s%% is lower than the last %(old)s%%; say why."
        ) % {"new": percent, "old": locked.percent}
    if effective_date > timezone.localdate():
        errors["effective_date"] = _("Figures as of: the date cannot be in the future.")
    if not note.strip():
        errors["note"] = _("What was done: a note is required.")
    if locked.status == Status.AWAITING and not completed and not withdraw:
        errors["withdraw"] = _(
            "This completion awaits the secretariat's confirmation: tick “Withdraw the "
            "completion report” to log progress instead."
        )
    if errors:
        raise ValidationError(errors)
    note = note.strip()
    if percent < locked.percent:
        note += "\n" + _("Reason for the lower percent: %(reason)s") % {
            "reason": lower_reason.strip()
        }
    status = Status.AWAITING if completed else Status.IN_PROGRESS
    update = _log(locked, user, ProgressUpdate.Kind.REPORT, status, note, percent, effective_date)
    for upload in files:
        store_evidence(update=update, upload=upload)
    return update


def _awaiting(assignment: Assignment, user, expected_version: int | None) -> Assignment:
    authz.ensure(user, "confirm", assignment)
    locked = Assignment.objects.select_for_update().select_related("task").get(pk=assignment.pk)
    check_version(locked, expected_version)
    if locked.status != Status.AWAITING:
        raise ValidationError(
            _("Only a completion awaiting confirmation can be confirmed or sent back.")
        )
    return locked


@transaction.atomic
def completion_confirm(
    *, assignment: Assignment, user, expected_version: int | None = None
) -> ProgressUpdate:
    """The secretariat confirms a reported completion; it counts from the reported date."""
    locked = _awaiting(assignment, user, expected_version)
    # The report now awaiting is the latest one; earlier reports may have been sent back.
    reported = (
        locked.updates.filter(kind=ProgressUpdate.Kind.REPORT, status=Status.AWAITING)
        .order_by("-created_at", "-id")
        .values_list("effective_date", flat=True)
        .first()
    ) or timezone.localdate()
    update = _log(
        locked,
        user,
        ProgressUpdate.Kind.CONFIRMATION,
        Status.COMPLETED,
        percent=100,
        effective_date=reported,
    )
    notices.completion_decided(locked, update, actor=user)
    return update


@transaction.atomic
def completion_return(
    *,
    assignment: Assignment,
    user,
    reason: str,
    expected_version: int | None = None,
    effective_date: date | None = None,
) -> ProgressUpdate:
    """The secretariat sends a completion report back to the agency with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the report is sent back.")})
    locked = _awaiting(assignment, user, expected_version)
    update = _log(
        locked,
        user,
        ProgressUpdate.Kind.RETURN,
        Status.IN_PROGRESS,
        reason.strip(),
        effective_date=effective_date,
    )
    notices.completion_decided(locked, update, actor=user)
    return update


@dataclass
class ImportedTask:
    """One row of a confirmed import: a new task (unsaved) or an existing one carrying the
    file's values, its agencies, and its parent when that is another row of the file."""

    task: Task
    is_new: bool
    fields_changed: bool
    leads: list[Agency]
    coordinators: list[Agency]
    parent: "ImportedTask | None" = None
    assignments_changed: bool = False

    def wanted_roles(self) -> list[tuple[Agency, str]]:
        return [(a, Assignment.Role.LEAD) for a in self.leads] + [
            (a, Assignment.Role.COORDINATING) for a in self.coordinators
        ]


IMPORT_BATCH = 1000
_IMPORTED_FIELDS = [
    "code",
    "title",
    "field",
    "level",
    "is_key",
    "deadline_text",
    "due_date",
    "recurring",
    "expected_output",
    "description",
    "source_article",
    "parent",
    "search_text",
    "version",
    "updated_by",
    "updated_at",
]


def _prepare_imported(task: Task, user, now) -> None:
    """What task_create/task_update do before saving, for rows written in bulk (no save())."""
    task.clean_text()
    _apply_deadline(task)
    task.search_text = _search_text(task)
    task.updated_by, task.updated_at = user, now


@transaction.atomic
def tasks_import(*, committee: Committee, user, rows: Sequence[ImportedTask]) -> None:
    """Write the new and changed tasks of a confirmed import in bulk.

    The same invariants as task_create, task_update and assignment_add, row for row: NFC text,
    parsed deadline, search text, "57-NNN" codes for tasks without one, history rows by
    ``user``, and the roll-up of task_refresh. Assignments are added or change role; none is
    removed (an agency may already have reported on it). Parents are created before their
    sub-tasks. Rows are checked by ``tasks.resources.TaskResource`` first; a ValidationError
    here rolls the whole import back.
    """
    # Re-check the tenant: the user imports into their own committee, and every agency is one
    # of its own (the resource matched them there; a Celery job or another caller must too).
    if not authz.has(user, authz.Capability.IMPORT_ANY, authz.Capability.IMPORT_OWN) or (
        committee.pk != authz.committee_id_of(user) and not authz.is_administrator(user)
    ):
        raise PermissionDenied
    for item in rows:
        for agency, _role in item.wanted_roles():
            if agency.committee_id != committee.pk:
                raise ValidationError(
                    _("%(agency)s is not an agency of %(committee)s.")
                    % {"agency": agency, "committee": committee}
                )
    # The committee row lock serialises imports with each other and with task_create, which
    # number new tasks from the same sequence.
    Committee.objects.select_for_update().get(pk=committee.pk)
    number = int(next_task_code(committee).rsplit("-", 1)[1])
    now = timezone.now()
    for item in rows:
        _prepare_imported(item.task, user, now)
        if item.is_new and not item.task.code:
            item.task.code = f"{TASK_CODE_PREFIX}-{number:03d}"
            number += 1

    pending = [item for item in rows if item.is_new]
    while pending:
        ready = [i for i in pending if i.parent is None or i.parent.task.pk is not None]
        if not ready:
            raise ValidationError(_("The parent tasks in the file refer to each other in a loop."))
        for item in ready:
            if item.parent is not None:
                item.task.parent_id = item.parent.task.pk
        _insert_with_history([i.task for i in ready], user)
        pending = [i for i in pending if i.task.pk is None]

    changed = [item for item in rows if not item.is_new and item.fields_changed]
    for item in changed:
        if item.parent is not None:
            item.task.parent_id = item.parent.task.pk
        item.task.version += 1
    if changed:
        bulk_update_with_history(
            [i.task for i in changed],
            Task,
            _IMPORTED_FIELDS,
            batch_size=IMPORT_BATCH,
            default_user=user,
        )
    created = _import_assignments(rows, user, now)
    # One notification per agency for the whole file; the key is this import's moment.
    notices.tasks_imported(created, key=f"{committee.pk}:{now.isoformat()}", actor=user)


def _import_assignments(rows: Sequence[ImportedTask], user, now) -> list[tuple[int, int, str]]:
    """Add and change the rows' assignments; returns the new ones (task, agency, role)."""
    existing = {
        (a.task_id, a.agency_id): a
        for a in Assignment.objects.filter(
            task_id__in=[i.task.pk for i in rows if not i.is_new and i.assignments_changed]
        )
    }
    created, role_changed, to_refresh = [], [], []
    for item in rows:
        if not (item.is_new or item.assignments_changed):
            continue
        for agency, role in item.wanted_roles():
            current = existing.get((item.task.pk, agency.pk))
            if current is None:
                created.append((item.task.pk, agency.pk, role))
            elif current.role != role:
                current.role, current.updated_by, current.updated_at = role, user, now
                current.version += 1
                role_changed.append(current)
        if not item.is_new:
            to_refresh.append(item.task)
    _insert_assignments(created, user)
    if role_changed:
        bulk_update_with_history(
            role_changed,
            Assignment,
            ["role", "version", "updated_by", "updated_at"],
            batch_size=IMPORT_BATCH,
            default_user=user,
        )
    # A new task's leads are all new, hence "not started", which is already its stored state
    # (task_refresh would write nothing); existing tasks whose agencies changed are refreshed.
    for task in to_refresh:
        task_refresh(task, user)
    return created


def _insert_with_history(objs: list, user) -> None:
    """Insert new rows and their "created" history rows by ``user``.

    On PostgreSQL with COPY, after reserving the ids from the sequences so the objects get
    their primary keys: ``bulk_create_with_history`` spends most of a 10,000-row import
    preparing each value in Python (bench/RESULTS.md, "Annex import"). Elsewhere (the SQLite
    demo) ``bulk_create_with_history``.
    """
    if not objs:
        return
    model = type(objs[0])
    if connection.vendor != "postgresql":
        bulk_create_with_history(objs, model, batch_size=IMPORT_BATCH, default_user=user)
        return
    now = timezone.now()
    fields = model._meta.concrete_fields
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)
    for obj, pk in zip(objs, _reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, "default"
    _copy(
        model, [f.column for f in fields], ([getattr(o, f.attname) for f in fields] for o in objs)
    )
    history = model.history.model
    tracked = history.tracked_fields
    columns = [f.column for f in tracked] + [
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user_id",
    ]
    rows = (
        [getattr(obj, f.attname) for f in tracked] + [history_id, now, None, "+", user.pk]
        for obj, history_id in zip(objs, _reserve_ids(history, len(objs)), strict=True)
    )
    _copy(history, columns, rows)


def _insert_assignments(rows: list[tuple[int, int, str]], user) -> None:
    """New assignments, given as (task id, agency id, role), and their "created" history rows
    by ``user``. On PostgreSQL the rows go straight to COPY, with no model instance built: a
    group of 135 communes on 1,000 rows of an annex is 135,000 assignments, and building an
    ``Assignment`` costs more than writing it. Elsewhere ``_insert_with_history``."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        _insert_with_history(
            [
                Assignment(task_id=task, agency_id=agency, role=role, updated_by_id=user.pk)
                for task, agency, role in rows
            ],
            user,
        )
        return
    now = timezone.now()
    defaults = {"updated_by_id": user.pk}  # the other fields: their default; auto_now: now
    for field in Assignment._meta.concrete_fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults.setdefault(field.attname, now)
        elif not field.primary_key:
            defaults.setdefault(field.attname, field.get_default())
    ids = _reserve_ids(Assignment, len(rows))
    full = [
        {**defaults, "id": pk, "task_id": task, "agency_id": agency, "role": role}
        for (task, agency, role), pk in zip(rows, ids, strict=True)
    ]
    fields = Assignment._meta.concrete_fields
    _copy(Assignment, [f.column for f in fields], ([r[f.attname] for f in fields] for r in full))
    history = Assignment.history.model
    tracked = history.tracked_fields
    columns = [f.column for f in tracked] + [
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user_id",
    ]
    history_rows = (
        [r[f.attname] for f in tracked] + [history_id, now, None, "+", user.pk]
        for r, history_id in zip(full, _reserve_ids(history, len(rows)), strict=True)
    )
    _copy(history, columns, history_rows)


def _reserve_ids(model, count: int) -> list[int]:
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, columns: list[str], rows) -> None:
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
