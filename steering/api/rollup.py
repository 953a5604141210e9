"""The roll-up export: one committee's register, assignments and indicators as of a day, as one
JSON document a higher committee or the national system ingests.

Every figure comes from the reports' as-of replay (``tasks.selectors.as_of``,
``reports.selectors.leads_as_of`` and ``indicators_as_of``), so the export of a quarter says
what that quarter's report says.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from reports.selectors import indicators_as_of, leads_as_of
from steering.models import Committee
from tasks.models import Assignment, Task
from tasks.selectors import as_of, summarize
from tasks.status import Status


def rollup(committee: Committee, tasks: QuerySet[Task], day: date, start: date | None) -> dict:
    """``tasks`` (the committee's, as the user may see them) as they stood at the end of
    ``day``; ``start`` is the period's first day (None for a bare as-of date)."""
    items = as_of(tasks.filter(committee=committee), day)
    task_ids = [item.task.pk for item in items]
    leads = leads_as_of(task_ids, day)
    lead_ids = {}
    coordinating: dict[int, list[dict]] = {}
    rows = (
        Assignment.objects.filter(task_id__in=task_ids)
        .order_by("task_id", "agency__name")
        .values_list("id", "task_id", "agency_id", "role", "agency__name", "agency__short_name")
    )
    for pk, task_id, agency_id, role, name, short_name in rows:
        if role == Assignment.Role.LEAD:
            lead_ids[(task_id, agency_id)] = pk
            continue
        coordinating.setdefault(task_id, []).append(
            {
                "id": pk,
                "agency_id": agency_id,
                "agency": short_name or name,
                "role": role,
                "deadline": None,
                "status": None,
                "percent": None,
                "completed_on": None,
                "category": None,
            }
        )
    summary = summarize((item.category, item.state.status, 1) for item in items)
    return {
        "committee": committee,
        "period_start": start,
        "as_of": day,
        "summary": {
            "total": summary.total,
            "completed": summary.completed,
            "in_progress": summary.in_progress,
            "not_started": summary.not_started,
            "cancelled": summary.statuses[Status.CANCELLED],
            "categories": summary.counts,
        },
        "tasks": [
            {
                "id": item.task.pk,
                "code": item.task.code,
                "title": item.task.title,
                "field": item.task.field,
                "level": item.task.level,
                "is_key": item.task.is_key,
                "deadline_text": item.task.deadline_text,
                "deadline": item.deadline,
                "extended": item.extended,
                "status": item.state.status,
                "percent": item.state.percent,
                "completed_on": item.state.completed_on,
                "category": item.category,
                "assignments": [
                    {
                        "id": lead_ids[(item.task.pk, lead.agency_id)],
                        "agency_id": lead.agency_id,
                        "agency": lead.agency,
                        "role": Assignment.Role.LEAD,
                        "deadline": lead.deadline,
                        "status": lead.state.status,
                        "percent": lead.state.percent,
                        "completed_on": lead.state.completed_on,
                        "category": lead.category,
                    }
                    for lead in leads.get(item.task.pk, [])
                ]
                + coordinating.get(item.task.pk, []),
            }
            for item in items
        ],
        "indicators": indicators_as_of(committee, day),
    }
