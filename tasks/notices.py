"""Who is told what when the task register changes: the services of ``tasks.services`` and the
reminders call these, which call ``notifications.services.notify`` with stable event keys."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.urls import reverse

from notifications import kinds
from notifications.services import notify
from steering import authz
from steering.models import Agency
from tasks.models import Assignment, ProgressUpdate, Task
from tasks.status import Status


def day(value: date | None, text: str = "") -> str:
    return value.strftime("%d/%m/%Y") if value else (text or "—")


def task_url(task: Task) -> str:
    return reverse("task_detail", args=[task.pk])


def agency_recipients(agency_ids: Iterable[int]) -> dict[int, list]:
    """Who hears of an agency's work, by agency id: its officers and, for an agency standing
    for a committee (a province for the centre, a commune's People's Committee), that
    committee's secretariat, who report for it."""
    ids = list(agency_ids)
    found: dict[int, list] = defaultdict(list)
    C = authz.Capability
    for user in authz.holders(C.REPORT_PROGRESS, agency_id__in=ids).select_related("profile"):
        found[user.profile.agency_id].append(user)
    secretaries = authz.holders(C.MANAGE_TASKS, committee__agency_id__in=ids).select_related(
        "profile__committee"
    )
    for user in secretaries:
        found[user.profile.committee.agency_id].append(user)
    return found


def _others(users: list, actor) -> list:
    return [u for u in users if u.pk != actor.pk]


def task_assigned(task: Task, agencies: Iterable[tuple[Agency, str]], *, actor) -> None:
    """A task, or one more agency of it, given to each agency in its role."""
    agencies = list(agencies)
    recipients = agency_recipients(a.pk for a, _role in agencies)
    for agency, role in agencies:
        notify(
            _others(recipients.get(agency.pk, []), actor),
            kinds.TASK_ASSIGNED,
            key=f"task_assigned:{task.pk}:{agency.pk}:{role}",
            url=task_url(task),
            params={
                "committee": task.committee.name,
                "agency": agency.name,
                "task": f"{task.code} · {task.title}",
                "role": role,
                "deadline": day(task.due_date, task.deadline_text),
            },
        )


def tasks_imported(rows: Iterable[tuple[int, int, str]], *, key: str, actor) -> None:
    """New assignments of an import, given as (task id, agency id, role): one notification
    per agency for the whole file, not one per row (a 2,000-row annex is one message)."""
    by_agency: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for task_id, agency_id, role in rows:
        by_agency[agency_id].append((task_id, role))
    if not by_agency:
        return
    recipients = agency_recipients(by_agency)
    agencies = Agency.objects.select_related("committee").in_bulk(list(by_agency))
    first_tasks = Task.objects.in_bulk([min(t for t, _r in rows) for rows in by_agency.values()])
    for agency_id, given in by_agency.items():
        agency, first = agencies[agency_id], first_tasks[min(t for t, _r in given)]
        leads = sum(role == Assignment.Role.LEAD for _t, role in given)
        notify(
            _others(recipients.get(agency_id, []), actor),
            kinds.TASKS_IMPORTED,
            key=f"tasks_imported:{key}:{agency_id}",
            url=reverse("my_agency"),
            params={
                "committee": agency.committee.name,
                "agency": agency.name,
                "count": len(given),
                "leads": leads,
                "coordinating": len(given) - leads,
                "task": f"{first.code} · {first.title}",
            },
        )


def deadline_changed(task: Task, previous: str, *, actor) -> None:
    """The task's deadline moved: told to the agencies whose open work follows it (those with
    a deadline of their own keep it)."""
    agency_ids = task.assignments.filter(
        due_date__isnull=True, status__in=(Status.NOT_STARTED, Status.IN_PROGRESS)
    ).values_list("agency_id", flat=True)
    users = [u for group in agency_recipients(agency_ids).values() for u in group]
    notify(
        _others(users, actor),
        kinds.DEADLINE_CHANGED,
        key=f"deadline_changed:{task.pk}:{task.version}",
        url=task_url(task),
        params={
            "task": f"{task.code} · {task.title}",
            "deadline": day(task.due_date, task.deadline_text),
            "previous": previous,
        },
    )


def completion_decided(assignment: Assignment, update: ProgressUpdate, *, actor) -> None:
    """The secretariat confirmed or returned (with the reason) an agency's completion."""
    confirmed = update.kind == ProgressUpdate.Kind.CONFIRMATION
    kind = kinds.COMPLETION_CONFIRMED if confirmed else kinds.COMPLETION_RETURNED
    task = assignment.task
    notify(
        _others(agency_recipients([assignment.agency_id]).get(assignment.agency_id, []), actor),
        kind,
        key=f"{kind}:{assignment.pk}:{update.pk}",
        url=task_url(task),
        params={
            "task": f"{task.code} · {task.title}",
            "agency": assignment.agency.name,
            "reason": update.note,
        },
    )
