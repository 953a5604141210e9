"""Following up late work: the secretariat urges agencies (đôn đốc), agencies ask for a later
deadline (đề nghị gia hạn) and the secretariat decides, work long overdue is escalated to the
committee member responsible for the agency, and a weekly digest goes to the secretariat and
leaders. Every write here is a service that pages, jobs and tests call alike; each tells the
people concerned through ``notifications.services.notify``.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.dates import validate_date
from notifications import kinds
from notifications.services import language_of, notify
from steering import authz
from steering.models import Agency, Committee, Member
from tasks import services
from tasks.models import Assignment, Extension, ProgressUpdate, Task, Urge
from tasks.notices import agency_recipients
from tasks.rules import end_of
from tasks.selectors import agency_table
from tasks.status import OPEN_STATUSES, OVERDUE_CATEGORIES, Status

CODES_NAMED = 10  # task codes named in one notification about several tasks


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _task_url(task_id: int) -> str:
    return reverse("task_detail", args=[task_id])


def officers_of(agency_id: int) -> list:
    """Who hears of urges and of decisions on the agency's requests (``tasks.notices``)."""
    return agency_recipients([agency_id]).get(agency_id, [])


def secretariat_of(committee_id: int):
    return authz.holders(authz.Capability.MANAGE_TASKS, committee_id=committee_id)


# --- Urging ------------------------------------------------------------------------------


def _message(message: str) -> str:
    if not message.strip():
        raise ValidationError({"message": _("Message: write what the agency is urged to do.")})
    return message.strip()


@transaction.atomic
def urge_create(*, assignments: Sequence[Assignment], user, message: str) -> list[Urge]:
    """Urge agencies on open assignments with one message: one Urge per assignment (on the
    task's timeline) and one notification per agency to its officers."""
    message = _message(message)
    # Read again under lock: a completion confirmed meanwhile closes the assignment.
    assignments = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(pk__in=[a.pk for a in assignments])
        .select_related("task", "agency")
        .order_by("pk")
    )
    for assignment in assignments:
        authz.ensure(user, "urge", assignment)
        if assignment.closed:
            raise ValidationError(
                _("%(agency)s's work on %(code)s is closed (%(status)s): nothing to urge.")
                % {
                    "agency": assignment.agency,
                    "code": assignment.task.code,
                    "status": assignment.get_status_display(),
                }
            )
    now = timezone.now()
    urges = [
        Urge.objects.create(assignment=a, author=user, created_at=now, message=message)
        for a in assignments
    ]
    by_agency: dict[Agency, list[Urge]] = defaultdict(list)
    for urge in urges:
        by_agency[urge.assignment.agency].append(urge)
    for agency, own in by_agency.items():
        tasks = [urge.assignment.task for urge in own]
        codes = ", ".join(t.code for t in tasks[:CODES_NAMED])
        codes += " …" if len(tasks) > CODES_NAMED else ""
        notify(
            officers_of(agency.pk),
            kinds.URGED,
            key=f"urged:{own[0].pk}",
            url=_task_url(tasks[0].pk) if len(tasks) == 1 else reverse("my_agency"),
            params={
                "agency": agency.name,
                "task": str(tasks[0]) if len(tasks) == 1 else codes,
                "message": message,
            },
        )
    return urges


def overdue_leads(agency: Agency, user, today: date):
    """The agency's lead assignments overdue on ``today`` that the user may urge."""
    return (
        Assignment.objects.restrict(user, "urge")
        .filter(agency=agency, role=Assignment.Role.LEAD, status__in=OPEN_STATUSES)
        .with_timeliness(today)
        .filter(category__in=OVERDUE_CATEGORIES)
        .select_related("task", "agency")
        .order_by("task__code")
    )


def urge_overdue(*, agency: Agency, user, message: str, today: date) -> list[Urge]:
    """Urge an agency on all the work it leads that is overdue."""
    message = _message(message)
    assignments = list(overdue_leads(agency, user, today))
    if not assignments:
        raise ValidationError(_("%(agency)s has no overdue work to urge.") % {"agency": agency})
    return urge_create(assignments=assignments, user=user, message=message)


# --- Extension requests ------------------------------------------------------------------


@transaction.atomic
def extension_request(*, assignment: Assignment, user, new_due: date | None, reason: str):
    """An agency asks for a later deadline on its assignment; the secretariat is told."""
    authz.ensure(user, "extend", assignment)
    locked = Assignment.objects.select_for_update().select_related("task", "agency")
    locked = locked.get(pk=assignment.pk)
    current, today = locked.deadline, timezone.localdate()
    errors: dict[str, str] = {}
    if locked.closed:
        errors["__all__"] = _(
            "This assignment is closed (%(status)s): its deadline cannot be extended."
        ) % {"status": locked.get_status_display()}
    elif current is None:
        errors["__all__"] = _("This assignment has no deadline to extend.")
    elif locked.extensions.filter(status=Extension.Status.PENDING).exists():
        errors["__all__"] = _("A request to extend this deadline is already awaiting a decision.")
    if new_due is None:
        errors["new_due"] = _("Extend to: enter the new deadline.")
    elif new_due < today:
        errors["new_due"] = _("Extend to: the new deadline cannot be in the past.")
    elif current is not None and new_due <= current:
        errors["new_due"] = _(
            "Extend to: the new deadline must be after the current one, %(day)s."
        ) % {"day": _day(current)}
    else:
        try:
            validate_date(new_due)
        except ValidationError as exc:
            errors["new_due"] = _("Extend to: %(error)s") % {"error": " ".join(exc.messages)}
    if not reason.strip():
        errors["reason"] = _("Reason: say why more time is needed.")
    if errors:
        raise ValidationError(errors)
    extension = Extension.objects.create(
        assignment=locked,
        requested_by=user,
        requested_at=timezone.now(),
        previous_due=current,
        new_due=new_due,
        reason=reason.strip(),
    )
    notify(
        secretariat_of(locked.task.committee_id),
        kinds.EXTENSION_REQUESTED,
        key=f"extension_requested:{extension.pk}",
        url=reverse("extension_queue"),
        params={
            "agency": locked.agency.name,
            "task": str(locked.task),
            "previous": _day(current),
            "deadline": _day(new_due),
            "reason": extension.reason,
        },
    )
    return extension


def _pending(extension: Extension, user) -> Extension:
    authz.ensure(user, "decide", extension)
    locked = Extension.objects.select_for_update().get(pk=extension.pk)
    if locked.status != Extension.Status.PENDING:
        raise ValidationError(
            _("This request was already decided (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


def _decided(extension: Extension, user, status: str, kind: str, params: dict) -> Extension:
    extension.status, extension.decided_by = status, user
    extension.decided_at = timezone.now()
    extension.save()
    assignment = extension.assignment
    notify(
        officers_of(assignment.agency_id),
        kind,
        key=f"extension_decided:{extension.pk}",
        url=_task_url(assignment.task_id),
        params={"agency": assignment.agency.name, "task": str(assignment.task), **params},
    )
    return extension


@transaction.atomic
def extension_grant(*, extension: Extension, user) -> Extension:
    """Grant the requested deadline: it becomes the assignment's own deadline (the history
    keeps the one before); for a lead, the task's timeliness follows it (``extended_due``)."""
    locked = _pending(extension, user)
    # The assignment's lock orders this after a progress report being saved on it.
    assignment = Assignment.objects.select_for_update().select_related("task", "agency")
    assignment = assignment.get(pk=locked.assignment_id)
    if assignment.closed:
        raise ValidationError(
            _("The assignment is closed (%(status)s): refuse the request instead.")
            % {"status": assignment.get_status_display()}
        )
    if locked.new_due < timezone.localdate():
        raise ValidationError(
            _("The requested deadline %(day)s has passed: refuse it and ask for a new request.")
            % {"day": _day(locked.new_due)}
        )
    if assignment.deadline is not None and locked.new_due <= assignment.deadline:
        raise ValidationError(
            _("The deadline is already %(day)s or later: refuse the request instead.")
            % {"day": _day(assignment.deadline)}
        )
    task = Task.objects.select_for_update().get(pk=assignment.task_id)
    locked.previous_due = assignment.deadline
    if assignment.role == Assignment.Role.LEAD and task.due_date is not None:
        # The other open leads keep the deadline they had: it becomes their own before the
        # task's moves, so the task is still overdue when one of them misses it.
        others = task.assignments.filter(
            role=Assignment.Role.LEAD, due_date__isnull=True, status__in=OPEN_STATUSES
        ).exclude(pk=assignment.pk)
        for other in others:
            other.due_date = task.due_date
            services._save(other, user)
        task.extended_due = max(task.extended_due or locked.new_due, locked.new_due)
        task._history_user = user
        task.save(update_fields=["extended_due", "updated_at"])
    assignment.due_date = locked.new_due
    services._save(assignment, user)
    services.task_refresh(task, user)
    locked.assignment = assignment
    return _decided(
        locked,
        user,
        Extension.Status.GRANTED,
        kinds.EXTENSION_GRANTED,
        {"deadline": _day(locked.new_due)},
    )


@transaction.atomic
def extension_refuse(*, extension: Extension, user, reason: str) -> Extension:
    if not reason.strip():
        raise ValidationError({"reason": _("Reason: say why the request is refused.")})
    locked = _pending(extension, user)
    locked.decision_note = reason.strip()
    return _decided(
        locked, user, Extension.Status.REFUSED, kinds.EXTENSION_REFUSED, {"reason": reason.strip()}
    )


# --- Escalation and the weekly digest (Celery beat, tasks/jobs.py) -----------------------


def to_escalate(today: date, after_days: int):
    """Open lead assignments overdue for more than ``after_days`` days on ``today``."""
    return (
        Assignment.objects.filter(role=Assignment.Role.LEAD, status__in=OPEN_STATUSES)
        .exclude(task__status=Status.CANCELLED)
        .with_timeliness(today)
        .filter(_deadline__lt=today - timedelta(days=after_days))
        .select_related("task", "agency")
        .order_by("task__committee_id", "agency_id", "task__code")
    )


def members_for(pairs: set[tuple[int, int]], today: date) -> dict[tuple[int, int], list]:
    """The users of the committee members in office on ``today`` responsible for each
    (committee, agency) pair."""
    members = (
        Member.objects.filter(
            committee_id__in={c for c, _ in pairs},
            agency_id__in={a for _, a in pairs},
            user__isnull=False,
        )
        .exclude(active_to__lt=today)
        .exclude(active_from__gt=today)
        .select_related("user")
    )
    found: dict[tuple[int, int], list] = defaultdict(list)
    for member in members:
        found[(member.committee_id, member.agency_id)].append(member.user)
    return found


def escalations_send(*, today: date, after_days: int | None = None) -> int:
    """Tell the member responsible for the agency and the secretariat, once per assignment and
    deadline (a later, extended deadline missed again escalates again), of lead work overdue
    for more than ``ESCALATE_AFTER_DAYS``. Returns the notifications created."""
    after_days = settings.ESCALATE_AFTER_DAYS if after_days is None else after_days
    late = list(to_escalate(today, after_days))
    members = members_for({(a.task.committee_id, a.agency_id) for a in late}, today)
    secretariats: dict[int, list] = {}
    created = 0
    for assignment in late:
        committee_id = assignment.task.committee_id
        if committee_id not in secretariats:
            secretariats[committee_id] = list(secretariat_of(committee_id))
        recipients = members[(committee_id, assignment.agency_id)] + secretariats[committee_id]
        created += len(
            notify(
                recipients,
                kinds.ESCALATED,
                key=f"escalated:{assignment.pk}:{assignment._deadline.isoformat()}",
                url=_task_url(assignment.task_id),
                params={
                    "days": after_days,
                    "task": str(assignment.task),
                    "agency": assignment.agency.name,
                    "deadline": _day(assignment._deadline),
                },
            )
        )
    return created


def week_figures(committee: Committee, today: date) -> dict:
    """The week before ``today``: lead work that became overdue, tasks whose completion was
    confirmed, and the agencies with the most overdue work."""
    week_start = today - timedelta(days=7)
    tasks = Task.objects.filter(committee=committee)
    newly_overdue = (
        Assignment.objects.filter(
            task__in=tasks, role=Assignment.Role.LEAD, status__in=OPEN_STATUSES
        )
        .with_timeliness(today)
        .filter(_deadline__gte=week_start, _deadline__lt=today)
        .select_related("task", "agency")
        .order_by("_deadline", "task__code")
    )
    confirmed = ProgressUpdate.objects.filter(
        kind=ProgressUpdate.Kind.CONFIRMATION,
        created_at__gte=end_of(week_start - timedelta(days=1)),
        created_at__lt=end_of(today - timedelta(days=1)),
    ).values("assignment__task_id")
    completed = tasks.filter(status=Status.COMPLETED, pk__in=confirmed).order_by("code")
    slowest = [row for row in agency_table(tasks, today) if row["overdue"]][:5]
    return {
        "newly_overdue": list(newly_overdue),
        "completed": list(completed),
        "slowest": slowest,
        "week_start": week_start,
        "today": today,
    }


def weekly_digest_send(*, today: date) -> int:
    """The week's digest to each committee's secretariat and leaders, once per ISO week, in
    each reader's language. Returns the notifications created."""
    year, week, _weekday = today.isocalendar()
    created = 0
    committees = Committee.objects.filter(Q(tasks__isnull=False)).distinct()
    for committee in committees:
        readers = list(authz.holders(authz.Capability.VIEW_ALL, committee_id=committee.pk))
        if not readers:
            continue
        figures = week_figures(committee, today)
        by_language = defaultdict(list)
        for user in readers:
            by_language[language_of(user)].append(user)
        for language, users in by_language.items():
            with translation.override(language):
                body = render_to_string("tasks/email/weekly_digest.txt", figures).strip()
            created += len(
                notify(
                    users,
                    kinds.WEEKLY_DIGEST,
                    key=f"weekly_digest:{committee.pk}:{year}-W{week:02d}",
                    url=reverse("dashboard"),
                    params={
                        "day": _day(today),
                        "overdue": len(figures["newly_overdue"]),
                        "completed": len(figures["completed"]),
                        "body": body,
                    },
                )
            )
    return created
