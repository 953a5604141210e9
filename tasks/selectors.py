"""Reads of the task register: counts by category, the dashboard's tables, and the state of
the register as of any past date (replayed from the progress log)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet

from common.periods import month_end
from common.text import fold
from steering.models import Committee
from tasks.models import Assignment, Extension, ProgressUpdate, Task, Urge
from tasks.rules import (
    agency_counts_db,
    agency_finish,
    end_of,
    field_counts_db,
    field_rows,
    lead_overdue,
)
from tasks.services import NOT_STARTED, State, rollup, state_after
from tasks.status import (
    OVERDUE_CATEGORIES,
    Category,
    Status,
    categorize,
    task_deadline,
)


def search(tasks: QuerySet[Task], query: str) -> QuerySet[Task]:
    """Every word must match code, title, description or output, with or without diacritics."""
    for word in fold(query).split():
        tasks = tasks.filter(search_text__contains=word)
    return tasks


@dataclass(frozen=True)
class Summary:
    """Counts of tasks by timeliness category and by stored status.

    The headline "completed / in progress / not started" counts statuses, so an open recurring
    task (category "no deadline") still counts as in progress; awaiting confirmation counts as
    in progress until the secretariat confirms.
    """

    counts: dict[str, int]
    statuses: dict[str, int]
    total: int
    extended: int = 0  # tasks whose deadline an extension granted to a lead moved

    def _sum(self, categories) -> int:
        return sum(self.counts[c] for c in categories)

    @property
    def completed(self) -> int:
        return self.statuses[Status.COMPLETED]

    @property
    def in_progress(self) -> int:
        return self.statuses[Status.IN_PROGRESS] + self.statuses[Status.AWAITING]

    @property
    def not_started(self) -> int:
        return self.statuses[Status.NOT_STARTED]

    @property
    def overdue(self) -> int:
        return self._sum(OVERDUE_CATEGORIES)

    @property
    def completion_rate(self) -> float:
        """Completed tasks as a percentage of tasks not cancelled."""
        base = self.total - self.statuses[Status.CANCELLED]
        return round(100 * self.completed / base, 1) if base else 0.0

    def rows(self) -> list[tuple[str, str, int]]:
        """(category, label, count) in the order of the monitoring system."""
        return [(c.value, c.label, self.counts[c.value]) for c in Category]


def summarize(pairs: Iterable[tuple[str, str, int]]) -> Summary:
    """A Summary from (category, status, count) triples."""
    counts = dict.fromkeys(Category.values, 0)
    statuses = dict.fromkeys(Status.values, 0)
    for category, status, n in pairs:
        counts[category] += n
        statuses[status] += n
    return Summary(counts=counts, statuses=statuses, total=sum(counts.values()))


def count_categories(annotated: QuerySet[Task]) -> Summary:
    """Counts per category and status, and of extended tasks, in one query, on a queryset
    already ``with_timeliness``."""
    rows = list(
        annotated.order_by()
        .values("category", "status")
        .annotate(n=Count("id"), extended=Count("id", filter=Q(extended_due__isnull=False)))
    )
    summary = summarize((row["category"], row["status"], row["n"]) for row in rows)
    return replace(summary, extended=sum(row["extended"] for row in rows))


def category_summary(tasks: QuerySet[Task], today: date) -> Summary:
    return count_categories(tasks.with_timeliness(today))


KEY_TASKS_LISTED = 10


def key_tasks(tasks: QuerySet[Task], today: date) -> tuple[Summary, list[Task]]:
    """The key tasks (trọng tâm) in figures, and the overdue ones, most overdue first."""
    key = tasks.filter(is_key=True)
    overdue = (
        key.with_timeliness(today)
        .filter(category__in=OVERDUE_CATEGORIES)
        .order_by("due_date", "code")[:KEY_TASKS_LISTED]
    )
    return category_summary(key, today), list(overdue)


def by_field(tasks: QuerySet[Task]) -> list[dict]:
    rows = tasks.order_by().values_list("field").annotate(**field_counts_db())
    return field_rows(rows)


AGENCY_SORTS = {
    "name": ("agency__name",),
    "led": ("-led", "agency__name"),
    "completed": ("-completed", "agency__name"),
    "overdue": ("-overdue", "agency__name"),
    "on_time_rate": ("on_time_rate", "-led"),
}


# Columns whose natural order is largest first; the rest (names, rates) smallest first.
DESCENDING_SORTS = {"led", "completed", "overdue", "tasks", "assigned_overdue"}


def parse_sort(sort: str, choices, default: str = "overdue") -> tuple[str, bool]:
    """A column's sort from the URL: "overdue" in its natural order, "-overdue" the other way
    round -> (column, reversed); an unknown column sorts by ``default``."""
    column = sort.removeprefix("-")
    return (column, sort.startswith("-")) if column in choices else (default, False)


def agency_table(tasks: QuerySet[Task], today: date, sort: str = "overdue") -> list[dict]:
    """Per lead agency: tasks led, completed, overdue, on-time rate (slowest first by default;
    ``sort`` as ``parse_sort`` reads it).

    The on-time rate is the share of the agency's led tasks it completed on time.
    """
    rows = list(
        Assignment.objects.filter(task__in=tasks, role=Assignment.Role.LEAD)
        .with_timeliness(today)
        .order_by()
        .values("agency_id", "agency__name", "agency__short_name")
        .annotate(**agency_counts_db())
    )
    counts = followup_counts(tasks, end_of(today))
    for row in rows:
        agency_finish(row, counts, row["agency_id"])
    column, flipped = parse_sort(sort, AGENCY_SORTS)
    for key in reversed(AGENCY_SORTS[column]):  # stable sorts, least significant key first
        name = key.lstrip("-")
        rows.sort(key=lambda row: row[name], reverse=key.startswith("-"))
    return rows[::-1] if flipped else rows


def followup_counts(tasks: QuerySet[Task], before: datetime) -> dict[int, tuple[int, int]]:
    """Per agency id: the urges it received and the extensions it was granted on ``tasks``,
    made before ``before`` (so a report as of a past day counts only those made by then)."""
    urges = (
        Urge.objects.filter(assignment__task__in=tasks, created_at__lt=before)
        .order_by()
        .values_list("assignment__agency_id")
        .annotate(n=Count("id"))
    )
    extensions = (
        Extension.objects.filter(
            assignment__task__in=tasks,
            status=Extension.Status.GRANTED,
            decided_at__lt=before,
        )
        .order_by()
        .values_list("assignment__agency_id")
        .annotate(n=Count("id"))
    )
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for agency_id, n in urges:
        counts[agency_id][0] = n
    for agency_id, n in extensions:
        counts[agency_id][1] = n
    return {agency_id: (u, e) for agency_id, (u, e) in counts.items()}


@dataclass(frozen=True)
class LeagueRow:
    """One committee below the reader's, with its subtree's register and the work the reader's
    committee assigned to it (through the agency that stands for it, ``Committee.agency``)."""

    committee: Committee
    summary: Summary
    assigned: Summary

    @property
    def on_time(self) -> int:
        return self.summary.counts[Category.COMPLETED_ON_TIME]

    @property
    def on_time_rate(self) -> float:
        """Tasks completed on time as a percentage of tasks not cancelled."""
        base = self.summary.total - self.summary.statuses[Status.CANCELLED]
        return round(100 * self.on_time / base, 1) if base else 0.0


LEAGUE_SORTS = {
    "name": lambda row: (row.committee.name,),
    "tasks": lambda row: (-row.summary.total, row.committee.name),
    "completed": lambda row: (-row.summary.completed, row.committee.name),
    "overdue": lambda row: (-row.summary.overdue, row.committee.name),
    "on_time_rate": lambda row: (row.on_time_rate, row.committee.name),
    "assigned_overdue": lambda row: (-row.assigned.overdue, row.committee.name),
}


def committees_below(committee: Committee) -> tuple[dict[int, Committee], dict[int, int]]:
    """The committees directly below ``committee`` by id (by name), and for every committee in
    their subtrees (themselves included) the id of the one whose subtree holds it. Two queries."""
    tree = dict(
        Committee.objects.filter(parent__isnull=False).values_list("id", "parent_id").order_by()
    )
    below = Committee.objects.filter(parent=committee).select_related("agency").order_by("name")
    children = {c.pk: c for c in below}

    def child_of(committee_id: int) -> int | None:
        seen = 0
        while committee_id is not None and seen < 8:  # the tree has three levels
            parent = tree.get(committee_id)
            if parent == committee.pk:
                return committee_id
            committee_id, seen = parent, seen + 1
        return None

    member_of = {pk: child_of(pk) for pk in tree} if children else {}
    return children, {pk: child for pk, child in member_of.items() if child is not None}


def committee_league(
    committee: Committee, tasks: QuerySet[Task], today: date, sort: str = "overdue"
) -> list[LeagueRow]:
    """The league table of the committees directly below ``committee`` (provinces for the
    centre, commune committees for a province), each rolled up over its own subtree, slowest
    first by default. ``tasks`` is what the reader may see. Three queries whatever the size."""
    children, member_of = committees_below(committee)
    if not children:
        return []

    counts: dict[int | None, list] = defaultdict(list)
    rows = (
        tasks.exclude(committee=committee)  # the rest: below it, or received from above
        .with_timeliness(today)
        .order_by()
        .values_list("committee_id", "category", "status")
        .annotate(n=Count("id"))
    )
    for committee_id, category, status, n in rows:
        counts[member_of.get(committee_id)].append((category, status, n))
    stands_for = {c.agency_id: c.pk for c in children.values() if c.agency_id}
    assigned: dict[int, list] = defaultdict(list)
    rows = (
        Assignment.objects.filter(task__committee=committee, agency_id__in=stands_for)
        .exclude(task__status=Status.CANCELLED)
        .with_timeliness(today)
        .order_by()
        .values_list("agency_id", "category", "status")
        .annotate(n=Count("id"))
    )
    for agency_id, category, status, n in rows:
        assigned[stands_for[agency_id]].append((category, status, n))
    league = [
        LeagueRow(child, summarize(counts[pk]), summarize(assigned[pk]))
        for pk, child in children.items()
    ]
    column, flipped = parse_sort(sort, LEAGUE_SORTS)
    return sorted(league, key=LEAGUE_SORTS[column], reverse=flipped)


def received_summary(committee: Committee, today: date) -> Summary | None:
    """The work the committee above assigned to ``committee`` (through the agency that stands for
    it), by category; None when nothing stands for it above."""
    if committee.parent_id is None or committee.agency_id is None:
        return None
    rows = (
        Assignment.objects.filter(
            agency_id=committee.agency_id, task__committee=committee.parent_id
        )
        .with_timeliness(today)
        .order_by()
        .values_list("category", "status")
        .annotate(n=Count("id"))
    )
    return summarize(rows)


@dataclass(frozen=True)
class TaskAsOf:
    task: Task
    state: State
    category: Category
    leads_done: int
    leads_total: int
    deadline: date | None = None  # the one timeliness was measured against, extensions included
    extended: bool = False  # an extension granted by then moved a lead's deadline


def lead_states_as_of(task_ids: list[int], day: date) -> dict[int, State]:
    """The state of each lead assignment of the tasks at the end of ``day``, by assignment id.

    Only what had been recorded by then counts (entries recorded later, even if back-dated,
    do not), so a report for a past period says the same whenever it is regenerated.
    Assignments with no entry yet are absent (they were not started).
    """
    return lead_states_on(task_ids, [day])[day]


def lead_states_on(task_ids: list[int], days: list[date]) -> dict[date, dict[int, State]]:
    """``lead_states_as_of`` for several days, reading the log once."""
    last = max(days)
    cutoffs = [(day, end_of(day)) for day in days]
    latest: dict[date, dict[int, State]] = {day: {} for day in days}
    updates = (
        ProgressUpdate.objects.filter(
            assignment__task_id__in=task_ids,
            assignment__role=Assignment.Role.LEAD,
            created_at__lt=end_of(last),
            effective_date__lte=last,
        )
        .order_by("assignment_id", "created_at", "id")
        .only("assignment_id", "status", "percent", "effective_date", "created_at")
    )
    for update in updates.iterator(chunk_size=5000):
        state = state_after(update)
        for day, cutoff in cutoffs:
            if update.created_at < cutoff and update.effective_date <= day:
                latest[day][update.assignment_id] = state
    return latest


def deadlines_as_of(task_ids: list[int], day: date) -> dict[int, tuple[date, bool]]:
    """The own deadline, at the end of ``day``, of each assignment of the tasks that an
    extension moved, and whether one had moved it by then: before its first extension was
    granted, the deadline it had before; then the last one granted by that day."""
    return deadlines_on(task_ids, [day])[day]


def deadlines_on(task_ids: list[int], days: list[date]) -> dict[date, dict[int, tuple[date, bool]]]:
    """``deadlines_as_of`` for several days, in one query."""
    cutoffs = [(day, end_of(day)) for day in days]
    deadlines: dict[date, dict[int, tuple[date, bool]]] = {day: {} for day in days}
    granted = (
        Extension.objects.filter(assignment__task_id__in=task_ids, status=Extension.Status.GRANTED)
        .order_by("assignment_id", "decided_at", "id")
        .values_list("assignment_id", "decided_at", "previous_due", "new_due")
    )
    for assignment_id, decided_at, previous, new in granted:
        for day, before in cutoffs:
            deadlines[day].setdefault(assignment_id, (previous, False))
            if decided_at < before:
                deadlines[day][assignment_id] = (new, True)
    return deadlines


def as_of(tasks: QuerySet[Task], day: date) -> list[TaskAsOf]:
    """The register as it stood at the end of ``day``, replayed from the progress log and the
    extensions granted by then."""
    return registers_on(tasks, [day])[day]


def registers_on(tasks: QuerySet[Task], days: list[date]) -> dict[date, list[TaskAsOf]]:
    """``as_of`` for several days (a trend), reading the tasks, the log and the extensions
    once."""
    existing = list(tasks.filter(created_at__lt=end_of(max(days))).order_by("code"))
    task_ids = [t.pk for t in existing]
    leads = list(
        Assignment.objects.filter(task_id__in=task_ids, role=Assignment.Role.LEAD).values_list(
            "id", "task_id", "due_date"
        )
    )
    latest_on = lead_states_on(task_ids, days)
    moved_on = deadlines_on(task_ids, days)
    return {day: _register(existing, leads, latest_on[day], moved_on[day], day) for day in days}


def _register(existing, leads, latest, moved, day: date) -> list[TaskAsOf]:
    lead_states: dict[int, list[tuple[State, date | None]]] = defaultdict(list)
    extended: dict[int, date] = {}
    for assignment_id, task_id, due_date in leads:
        due, was_extended = moved.get(assignment_id, (due_date, False))
        lead_states[task_id].append((latest.get(assignment_id, NOT_STARTED), due))
        if was_extended:
            extended[task_id] = max(due, extended.get(task_id, due))
    result = []
    cutoff = end_of(day)
    for task in existing:
        if task.created_at >= cutoff:
            continue
        states = lead_states[task.pk]
        state = rollup([s for s, _ in states])
        late = any(lead_overdue(s.status, due, day) for s, due in states)
        deadline = task_deadline(task.due_date, extended.get(task.pk))
        category = categorize(state.status, deadline, state.completed_on, day, late)
        done = sum(1 for s, _ in states if s.status == "completed")
        result.append(
            TaskAsOf(task, state, category, done, len(states), deadline, task.pk in extended)
        )
    return result


TREND_MONTHS = 12


def trend(tasks: QuerySet[Task], today: date, months: int = TREND_MONTHS) -> list[tuple]:
    """(day, completed, overdue) at the end of each of the last months and today, replayed
    from the log as a report would be, from the first month the register had tasks."""
    this_month = today.year * 12 + today.month - 1  # months since year 0
    days = []
    for n in range(months - 1, 0, -1):  # the month-ends before this month, oldest first
        year, month_index = divmod(this_month - n, 12)
        days.append(month_end(year, month_index + 1))
    registers = registers_on(tasks, [*days, today])
    points = []
    for day, register in registers.items():
        summary = summarize((item.category, item.state.status, 1) for item in register)
        if summary.total or points:
            points.append((day, summary.completed, summary.overdue))
    return points


def summary_as_of(tasks: QuerySet[Task], day: date) -> Summary:
    return summarize((item.category, item.state.status, 1) for item in as_of(tasks, day))


@dataclass(frozen=True)
class Change:
    """One row of a task's change history: who changed what, from what, to what."""

    when: datetime
    who: object
    subject: str
    fields: list[tuple[str, object, object]]
    created: bool


def _display(field, value, names: dict | None = None):
    """A value as the change history shows it: dates dd/mm/yyyy, choices by their label, a
    link to another row by its name (``names``: (model, pk) -> name), never its id."""
    if value is None:
        return value
    if field.is_relation:
        return (names or {}).get((field.related_model, value), value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return dict(field.choices).get(value, value) if field.choices else value


def _name(obj) -> str:
    full_name = getattr(obj, "get_full_name", lambda: "")()
    return full_name or str(obj)


def _related_names(diffs: list[tuple]) -> dict:
    """The names of the rows the changed links point to, one query per related model."""
    wanted: dict = defaultdict(set)
    for field, old, new in diffs:
        if field.is_relation:
            wanted[field.related_model] |= {v for v in (old, new) if v is not None}
    return {
        (model, pk): _name(obj)
        for model, ids in wanted.items()
        for pk, obj in model._default_manager.in_bulk(ids).items()
    }


def change_history(task: Task, assignment_ids: list[int], limit: int = 30) -> list[Change]:
    """The latest changes to the task and to those of its assignments the reader sees (with
    ``assignment_ids``), newest first."""
    assignments = Assignment.history.filter(task_id=task.pk, id__in=assignment_ids)
    records = [
        *task.history.select_related("history_user")[:limit],
        *assignments.select_related("history_user", "agency")[:limit],
    ]
    records.sort(key=lambda r: r.history_date, reverse=True)
    rows = []
    for record in records[:limit]:
        model = record.instance_type
        diffs = []
        if record.history_type != "+" and record.prev_record is not None:
            for diff in record.diff_against(record.prev_record).changes:
                diffs.append((model._meta.get_field(diff.field), diff.old, diff.new))
        rows.append((record, model, diffs))
    names = _related_names([diff for _, _, diffs in rows for diff in diffs])
    changes = []
    for record, model, diffs in rows:
        subject = str(record.agency) if model is Assignment else task.code
        fields = [
            (field.verbose_name, _display(field, old, names), _display(field, new, names))
            for field, old, new in diffs
        ]
        created = record.history_type == "+"
        changes.append(Change(record.history_date, record.history_user, subject, fields, created))
    return changes
