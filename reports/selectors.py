"""Every figure a report prints, read as of the end of its period.

The task figures are replayed from the progress log (``tasks.selectors.as_of`` and
``summary_as_of``), so a report regenerated later prints the same figures. The result is a plain,
JSON-ready dict: it is stored as the report's snapshot and is all the PDF and the workbook read.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet

from common.periods import Period, half_year, previous, quarter, year_period
from reports.investments import communes_as_of
from reports.models import Report
from steering import selectors as steering_selectors
from steering.models import Agency, Committee, Meeting, Member
from tasks.models import Assignment, Task
from tasks.rules import (
    agency_counts,
    agency_finish,
    end_of,
    field_counts,
    field_rows,
    lead_overdue,
    on_time_rate,
)
from tasks.selectors import (
    LEAGUE_SORTS,
    LeagueRow,
    TaskAsOf,
    as_of,
    committees_below,
    deadlines_as_of,
    followup_counts,
    lead_states_as_of,
    summarize,
    summary_as_of,
)
from tasks.services import NOT_STARTED, State
from tasks.status import OPEN_STATUSES, OVERDUE_CATEGORIES, Category, Status, categorize

NAMES_SHOWN = 3  # lead agencies named in a row before "và N đơn vị khác"


@dataclass(frozen=True)
class Span:
    """A date range with its Vietnamese label."""

    start: date
    end: date
    label: str

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


def _custom(start: date, end: date) -> Span:
    return Span(start, end, f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}")


def _of(period: Period) -> Span:
    return Span(period.start, period.end, period.label_vi)


def following(period: Period) -> Period:
    """The period of the same kind immediately after ``period``."""
    if period.kind == "quarter":
        if period.number == 4:
            return quarter(period.year + 1, 1)
        return quarter(period.year, period.number + 1)
    if period.kind == "half":
        return half_year(period.year + 1, 1) if period.number == 2 else half_year(period.year, 2)
    return year_period(period.year + 1)


def spans_of(report: Report) -> tuple[Span, Span, Span]:
    """The report's period, the one before it and the one after it (same length if custom)."""
    period = report.period
    if period is not None:
        return _of(period), _of(previous(period)), _of(following(period))
    length = report.period_end - report.period_start
    before_end = report.period_start - timedelta(days=1)
    after_start = report.period_end + timedelta(days=1)
    return (
        _custom(report.period_start, report.period_end),
        _custom(before_end - length, before_end),
        _custom(after_start, after_start + length),
    )


@dataclass(frozen=True)
class Lead:
    """A lead assignment as it stood on the report's day."""

    task_id: int
    agency: str
    deadline: date | None
    state: State
    category: Category
    agency_id: int
    kind: str = ""  # the agency's kind (Agency.Kind): communes are grouped in the body


def leads_as_of(task_ids: list[int], day: date) -> dict[int, list[Lead]]:
    """Lead assignments of the tasks, replayed from the log like ``tasks.selectors.as_of``.

    The same cut-off (recorded by the end of ``day``, effective by ``day``); each lead's category
    uses its own deadline or else the task's, as the dashboard's agency table does.
    """
    rows = Assignment.objects.filter(task_id__in=task_ids, role=Assignment.Role.LEAD).values_list(
        "id",
        "task_id",
        "agency_id",
        "agency__name",
        "agency__short_name",
        "agency__kind",
        "due_date",
        "task__due_date",
    )
    latest = lead_states_as_of(task_ids, day)
    moved = deadlines_as_of(task_ids, day)
    leads: dict[int, list[Lead]] = defaultdict(list)
    for pk, task_id, agency_id, name, short_name, kind, own_due, task_due in rows:
        state = latest.get(pk, NOT_STARTED)
        deadline = moved[pk][0] if pk in moved else own_due or task_due
        category = categorize(state.status, deadline, state.completed_on, day)
        leads[task_id].append(
            Lead(task_id, short_name or name, deadline, state, category, agency_id, kind)
        )
    for rows_of_task in leads.values():
        rows_of_task.sort(key=lambda lead: lead.agency)
    return leads


def agency_rows(leads: dict[int, list[Lead]], followups: dict[int, tuple[int, int]]) -> list[dict]:
    """Per lead agency: led, completed, overdue, on-time rate, urges received and extensions
    granted (``followups``, by agency id); slowest (most overdue) first. Counted as
    ``tasks.selectors.agency_table`` counts (``tasks.rules``)."""
    by_agency: dict[str, list[Lead]] = defaultdict(list)
    for lead in (lead for rows in leads.values() for lead in rows):
        by_agency[lead.agency].append(lead)
    rows = [
        agency_finish(
            {"agency": name, "kind": led[0].kind, **agency_counts(lead.category for lead in led)},
            followups,
            led[0].agency_id,
        )
        for name, led in by_agency.items()
    ]
    return sorted(rows, key=_slowest_first)


def _slowest_first(row: dict) -> tuple:
    return (-row["overdue"], row["agency"])


SUMMED = ("led", "completed", "on_time", "overdue", "urges", "extensions")


def grouped_agencies(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The agency table as the body prints it, and the rows its annex lists: the communes'
    People's Committees (agency kind "commune") are summed in one row "UBND các xã, phường (N)",
    placed among the departments by the same order (slowest first), and listed one by one in
    the annex. The PDF, the .docx and the .xlsx all group with this."""
    communes = [row for row in rows if row.get("kind") == Agency.Kind.COMMUNE]
    if not communes:
        return rows, []
    group = {key: sum(row.get(key) or 0 for row in communes) for key in SUMMED}
    group["agency"] = f"UBND các xã, phường ({len(communes)})"
    group["on_time_rate"] = on_time_rate(group["on_time"], group["led"])
    group["group"] = True
    body = [row for row in rows if row.get("kind") != Agency.Kind.COMMUNE] + [group]
    return sorted(body, key=_slowest_first), communes


def presented(r: dict) -> dict:
    """What the renderers lay out beyond the snapshot's figures: the agency table's body rows
    and the annexes (Phụ lục I, II...) at the end, each with its numeral, title and rows."""
    agencies, commune_agencies = grouped_agencies(r["agencies"])
    annexes = []
    if commune_agencies:
        annexes.append(
            {
                "key": "agencies",
                "title": "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG",
                "rows": commune_agencies,
            }
        )
    communes = r.get("communes") or {}
    if communes.get("by_commune"):
        annexes.append(
            {
                "key": "investments",
                "title": "ĐẦU TƯ HẠ TẦNG CÔNG NGHỆ THÔNG TIN THEO XÃ, PHƯỜNG",
                "rows": communes["by_commune"],
            }
        )
    for numeral, annex in zip(ROMAN, annexes, strict=False):
        annex["numeral"] = numeral
        annex["label"] = f"Phụ lục {numeral}"
    return {
        "agencies": agencies,
        "annexes": annexes,
        "annex": {annex["key"]: annex["label"] for annex in annexes},
    }


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _names(names: list[str]) -> str:
    if len(names) <= NAMES_SHOWN:
        return ", ".join(names)
    return f"{', '.join(names[:NAMES_SHOWN])} và {len(names) - NAMES_SHOWN} đơn vị khác"


def _summary(tasks: QuerySet[Task], day: date) -> dict:
    summary = summary_as_of(tasks, day)
    return {
        "total": summary.total,
        "completed": summary.completed,
        "in_progress": summary.in_progress,
        "not_started": summary.not_started,
        "overdue": summary.overdue,
        "completion_rate": summary.completion_rate,
        "categories": summary.counts,
    }


def _compare(now: dict, before: dict) -> dict:
    """The summary with the previous period's figures and the change beside each."""
    headline = ["total", "completed", "in_progress", "not_started", "overdue", "completion_rate"]
    rows = {
        key: {
            "value": now[key],
            "previous": before[key],
            "change": round(now[key] - before[key], 1),
        }
        for key in headline
    }
    rows["categories"] = [
        {
            "key": category.value,
            "label": str(category.label),
            "value": now["categories"][category.value],
            "previous": before["categories"][category.value],
            "change": now["categories"][category.value] - before["categories"][category.value],
        }
        for category in Category
    ]
    return rows


def _task_row(item: TaskAsOf, leads: list[Lead]) -> dict:
    task = item.task
    return {
        "code": task.code,
        "title": task.title,
        "leads": _names([lead.agency for lead in leads]),
        "deadline": task.deadline_text,
        "due": task.due_date.isoformat() if task.due_date else None,
        "extended_to": item.deadline.isoformat() if item.extended else None,
    }


def task_lists(items: list[TaskAsOf], leads: dict[int, list[Lead]], span, after) -> dict:
    """Tasks completed in the period, overdue at its end, and due in the next period."""
    day = span.end
    completed, overdue, due_next = [], [], []
    for item in items:
        task_leads = leads.get(item.task.pk, [])
        if (
            item.state.status == Status.COMPLETED
            and item.state.completed_on
            and span.start <= item.state.completed_on <= day
        ):
            completed.append(
                {
                    **_task_row(item, task_leads),
                    "completed_on": item.state.completed_on.isoformat(),
                    "on_time": item.category == Category.COMPLETED_ON_TIME,
                }
            )
        if item.category in OVERDUE_CATEGORIES:
            late = [
                lead for lead in task_leads if lead_overdue(lead.state.status, lead.deadline, day)
            ]
            overdue.append(
                {
                    **_task_row(item, late or task_leads),
                    "percent": item.state.percent,
                    "days": max((day - lead.deadline).days for lead in late) if late else 0,
                }
            )
        elif (
            item.state.status in OPEN_STATUSES
            and item.deadline
            and after.start <= item.deadline <= after.end
        ):
            due_next.append({**_task_row(item, task_leads), "percent": item.state.percent})
    completed.sort(key=lambda row: (row["completed_on"], row["code"]))
    overdue.sort(key=lambda row: (-row["days"], row["code"]))
    due_next.sort(key=lambda row: (row["due"], row["code"]))
    return {"completed_tasks": completed, "overdue_tasks": overdue, "due_next": due_next}


def by_field(items: list[TaskAsOf]) -> list[dict]:
    """Tasks and completed tasks per field, as ``tasks.selectors.by_field`` counts them."""
    return field_rows(field_counts((item.task.field, item.state.status) for item in items))


PLACE = re.compile(r"\b(?:tỉnh|thành phố|xã|phường|đặc khu)\s+(.+)$", re.IGNORECASE)


def place_of(committee: Committee) -> str:
    """The place written before the date: "Gia Lai" for "Ban Chỉ đạo ... tỉnh Gia Lai"."""
    for name in (committee.name, committee.agency.name if committee.agency else ""):
        match = PLACE.search(name)
        if match:
            return match.group(1).strip()
    return ""


def locality(committee: Committee) -> str:
    """The place a committee works for, as a table names it: "Tỉnh Gia Lai", "Phường Pleiku"
    (its full name when it names none)."""
    match = PLACE.search(committee.name)
    return match.group(0)[:1].upper() + match.group(0)[1:] if match else committee.name


def parent_body_of(committee: Committee) -> str:
    """The body printed above the committee's name ("TỈNH ỦY GIA LAI"): the one its head leads
    (the Party secretary heads a Party committee's steering committee). Not
    ``Committee.agency``, which is how the committee above addresses it ("Tỉnh Gia Lai")."""
    head = committee.members.filter(role=Member.Role.HEAD, agency__isnull=False)
    head = head.select_related("agency").order_by("sort_order").first()
    return head.agency.name if head else ""


def signer_of(committee: Committee, day: date) -> dict | None:
    """The head of the committee (Trưởng Ban) in office on ``day``, who signs the report."""
    heads = committee.members.filter(role=Member.Role.HEAD).exclude(active_to__lt=day)
    head = heads.exclude(active_from__gt=day).order_by("sort_order").first()
    if head is None:
        return None
    return {"title": "TRƯỞNG BAN", "name": head.full_name, "position": head.position_title}


def meetings_in(committee: Committee, span: Span) -> list[dict]:
    meetings = Meeting.objects.filter(
        committee=committee, held_on__range=(span.start, span.end)
    ).order_by("held_on", "id")
    return [
        {
            "held_on": meeting.held_on.isoformat(),
            "title": meeting.title,
            "conclusion_number": meeting.conclusion_number,
            "summary": meeting.summary,
        }
        for meeting in meetings
    ]


def indicators_as_of(committee: Committee, day: date) -> list[dict]:
    """Indicators with target, actual and achievement (%) on ``day``, as JSON-ready rows."""
    return [
        {
            "code": row["code"],
            "name": row["name"],
            "unit": row["unit"],
            "target": _number(row["target"]),
            "actual": _number(row["actual"]),
            "period_end": row["period_end"].isoformat() if row["period_end"] else None,
            "rate": _number(row["achievement"]),
            "met": row["met"],
        }
        for row in steering_selectors.indicators_as_of(committee, day)
    ]


def _number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: whole values as int (2900000), others as float (44.05)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def abbreviations(leads: dict[int, list[Lead]]) -> dict[str, str]:
    """The lead agencies' short names the tables print, with their full names, for the legend
    ("Chữ viết tắt") after them. Communes' People's Committees ("UBND xã Ia Grai") share one
    entry for "UBND" instead of one each."""
    ids = {lead.agency_id for rows in leads.values() for lead in rows}
    agencies = Agency.objects.filter(pk__in=ids).exclude(short_name="")
    legend = {}
    for short, name, kind in agencies.values_list("short_name", "name", "kind"):
        if kind == Agency.Kind.COMMUNE:
            legend["UBND"] = "Ủy ban nhân dân"
        elif short != name:
            legend[short] = name
    return dict(sorted(legend.items()))


def below_as_of(
    committee: Committee, day: date, items: list[TaskAsOf], leads: dict[int, list[Lead]]
) -> list[dict]:
    """The roll-up of the committees directly below ``committee`` as of ``day``, as the
    dashboard's league table (``tasks.selectors.committee_league``) counts them today: each
    one's subtree register replayed from the log, and the work ``committee`` assigned to it
    (its own tasks' leads held by the agency that stands for it; tasks cancelled by then left
    out). ``items`` and ``leads`` are ``committee``'s own tasks and their leads on ``day``.
    Slowest (most overdue) first."""
    children, member_of = committees_below(committee)
    if not children:
        return []
    subtree: dict[int, list] = defaultdict(list)
    for item in as_of(Task.objects.filter(committee_id__in=member_of), day):
        subtree[member_of[item.task.committee_id]].append((item.category, item.state.status, 1))
    stands_for = {c.agency_id: c.pk for c in children.values() if c.agency_id}
    cancelled = {item.task.pk for item in items if item.state.status == Status.CANCELLED}
    assigned: dict[int, list] = defaultdict(list)
    for task_id, task_leads in leads.items():
        for lead in task_leads:
            if lead.agency_id in stands_for and task_id not in cancelled:
                assigned[stands_for[lead.agency_id]].append((lead.category, lead.state.status, 1))
    rows = [
        LeagueRow(child, summarize(subtree[pk]), summarize(assigned[pk]))
        for pk, child in children.items()
    ]
    return [
        {
            "committee": locality(row.committee),
            "tasks": row.summary.total,
            "completed": row.summary.completed,
            "overdue": row.summary.overdue,
            "on_time_rate": row.on_time_rate,
            "assigned": row.assigned.total,
            "assigned_completed": row.assigned.completed,
            "assigned_overdue": row.assigned.overdue,
        }
        for row in sorted(rows, key=LEAGUE_SORTS["overdue"])
    ]


def report_figures(report: Report, *, today: date) -> dict:
    """Everything the report prints, as of ``report.as_of``; ``today`` dates the document."""
    committee = report.committee
    span, before, after = spans_of(report)
    day = report.as_of
    tasks = Task.objects.filter(committee=committee)
    items = as_of(tasks, day)
    leads = leads_as_of([item.task.pk for item in items], day)
    parent = committee.parent.name if committee.parent else ""
    place, is_province = place_of(committee), committee.level == Committee.Level.PROVINCE
    return {
        "committee": {
            "name": committee.name,
            "issuer_parent": parent_body_of(committee),
            "parent": parent,
            "place": place,
        },
        "kind": report.kind,
        "period": span.as_dict(),
        "previous": before.as_dict(),
        "next": after.as_dict(),
        "as_of": day.isoformat(),
        "date": today.isoformat(),
        "summary": _compare(_summary(tasks, day), _summary(tasks, before.end)),
        "by_field": by_field(items),
        "agencies": agency_rows(leads, followup_counts(tasks, end_of(day))),
        "abbreviations": abbreviations(leads),
        "below": below_as_of(committee, day, items, leads),
        "extended": sum(1 for item in items if item.extended),
        **task_lists(items, leads, span, after),
        "communes": (communes_as_of(committee.pk, day) if is_province else None),
        "indicators": indicators_as_of(committee, day),
        "meetings": meetings_in(committee, span),
        "signer": signer_of(committee, today),
    }
