"""Who may do what, on whose data: the one authorization layer of the portal.

Every page, form choice, API view, admin, importer, export, report, reminder and Celery job asks
here, with two questions:

- **May this user do this kind of thing?** ``has(user, capability)``, read from
  ``CAPABILITIES``, the table of what each role (a Django group) may do. Templates get the same
  answers as ``can.<capability>`` (``context_processors``); nothing outside this module names a
  role.
- **On which rows?** ``restrict(queryset, user, action)`` scopes a queryset of any model to the
  rows the user may see (``"view"``) or act on (``"change"``, ``"report"``, ``"use"``...), the
  pattern of NetBox's ``RestrictedQuerySet``. An unknown model or action raises, so a forgotten
  rule is loud, and a user without the capability gets an empty queryset, never everything.
  ``can(user, capability, obj)`` asks both at once for one object; services that change state or
  money call it again, so an API call or a Celery job cannot skip the page's check.

Tenancy: committees are the tenants (central → province → commune). A user works in the committee
of their ``Profile`` and reads its subtree (``committee_ids``); siblings never see each other. A
committee also receives, from the committee above, the tasks assigned to the agency that stands
for it (``Committee.agency``: the province for the central committee, the commune's People's
Committee for the province). Administrators see every committee.

Adding a role is a row of ``CAPABILITIES`` and a group (migration ``0005_role_groups``); adding a
province is data (a committee, its agencies and users).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    LEADER = "leader", _("Leader")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    REVIEWER = "reviewer", _("Reviewer (Department of Science and Technology)")
    FINANCE = "finance", _("Finance")
    ADMINISTRATOR = "administrator", _("Administrator")


class Capability(models.TextChoices):
    VIEW_ALL = "view_all", _("Read every task, dashboard and indicator of the committee")
    VIEW_REPORTS = "view_reports", _("Read and download the committee's reports")
    REQUEST_REPORTS = "request_reports", _("Request and retry reports")
    ISSUE_REPORTS = "issue_reports", _("Issue the own committee's reports with their number")
    MANAGE_TASKS = "manage_tasks", _("Create, edit, assign and cancel tasks; confirm completions")
    REPORT_FOR_ANY = "report_for_any", _("Log progress on behalf of any agency")
    REPORT_PROGRESS = "report_progress", _("Log progress on the own agency's assignments")
    IMPORT_ANY = "import_any", _("Import any task of the committee from Excel")
    IMPORT_OWN = "import_own", _("Import new tasks the own agency leads from Excel")
    MANAGE_AGENCIES = "manage_agencies", _("Create agencies and teach them new names")
    RECORD_ANY_INDICATOR = "record_any_indicator", _("Record the value of any indicator")
    RECORD_INDICATORS = "record_indicators", _("Record the own agency's indicators")
    VIEW_COMMUNES = "view_communes", _("Read every commune, request and programme")
    FILE_REQUESTS = "file_requests", _("File and edit the own commune's investment requests")
    REVIEW_REQUESTS = "review_requests", _("Review investment requests and record surveys")
    HANDLE_MONEY = "handle_money", _("Allocate and disburse funds")
    USE_ADMIN = "use_admin", _("Use the admin, in every committee")


C = Capability
CAPABILITIES: dict[str, frozenset[str]] = {
    Role.SECRETARIAT: frozenset(
        {
            C.VIEW_ALL,
            C.VIEW_REPORTS,
            C.REQUEST_REPORTS,
            C.ISSUE_REPORTS,
            C.MANAGE_TASKS,
            C.REPORT_FOR_ANY,
            C.IMPORT_ANY,
            C.MANAGE_AGENCIES,
            C.RECORD_ANY_INDICATOR,
            C.VIEW_COMMUNES,
        }
    ),
    Role.LEADER: frozenset({C.VIEW_ALL, C.VIEW_REPORTS, C.VIEW_COMMUNES}),
    Role.AGENCY_OFFICER: frozenset({C.REPORT_PROGRESS, C.IMPORT_OWN, C.RECORD_INDICATORS}),
    Role.COMMUNE_OFFICER: frozenset(
        {C.REPORT_PROGRESS, C.IMPORT_OWN, C.RECORD_INDICATORS, C.FILE_REQUESTS}
    ),
    Role.REVIEWER: frozenset({C.VIEW_COMMUNES, C.REVIEW_REQUESTS}),
    Role.FINANCE: frozenset({C.VIEW_COMMUNES, C.HANDLE_MONEY}),
    Role.ADMINISTRATOR: frozenset(Capability.values),
}
del C


# --- Who the user is -----------------------------------------------------------------------


def roles_of(user) -> frozenset[str]:
    """The user's roles (group names), read once per request and cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.ADMINISTRATOR)
        cached = user._roles_cache = frozenset(names)
    return cached


def capabilities_of(user) -> frozenset[str]:
    cached = getattr(user, "_capabilities_cache", None)
    if cached is None:
        cached = frozenset().union(*(CAPABILITIES.get(role, ()) for role in roles_of(user)))
        user._capabilities_cache = cached
    return cached


def has(user, *capabilities: str) -> bool:
    """Whether the user holds any of ``capabilities`` (in their own committee)."""
    return bool(capabilities_of(user) & set(capabilities))


def capability_required(*capabilities: str) -> Callable:
    """View decorator: 403 unless the user holds one of ``capabilities`` (login is required
    already)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has(request.user, *capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def is_administrator(user) -> bool:
    return has(user, Capability.USE_ADMIN)


def profile_of(user):
    """The user's Profile, or None (a user without one belongs to no committee or agency)."""
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except user._meta.model.profile.RelatedObjectDoesNotExist:
        return None


def agency_id_of(user) -> int | None:
    profile = profile_of(user)
    return profile.agency_id if profile else None


def committee_id_of(user) -> int | None:
    profile = profile_of(user)
    return profile.committee_id if profile else None


def committee_of(user):
    """The committee the user works in (with its agency), or None."""
    profile = profile_of(user)
    return profile.committee if profile and profile.committee_id else None


def committee_ids(user) -> list[int]:
    """The user's committee and every committee below it; every committee for administrators.
    One query per level (three at most), cached on the user object."""
    from steering.models import Committee

    cached = getattr(user, "_committee_ids_cache", None)
    if cached is not None:
        return cached
    if is_administrator(user):
        ids = list(Committee.objects.values_list("id", flat=True))
    elif (own := committee_id_of(user)) is None:
        ids = []
    else:
        ids, frontier = [own], [own]
        while frontier:
            frontier = list(
                Committee.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
            )
            ids.extend(frontier)
    user._committee_ids_cache = ids
    return ids


def upper_committee_ids(user) -> list[int]:
    """The committees above the user's (whose documents apply to it)."""
    from steering.models import Committee

    cached = getattr(user, "_upper_ids_cache", None)
    if cached is not None:
        return cached
    ids = []
    committee = committee_of(user)
    parent_id = committee.parent_id if committee else None
    while parent_id is not None and parent_id not in ids:
        ids.append(parent_id)
        parent_id = Committee.objects.filter(pk=parent_id).values_list("parent_id", flat=True)[0]
    user._upper_ids_cache = ids
    return ids


def represented_agency_id(user) -> int | None:
    """The agency standing for the user's committee in the committee above (see module doc)."""
    committee = committee_of(user)
    return committee.agency_id if committee else None


# --- Scoping querysets ---------------------------------------------------------------------

# How each model reaches the committee it belongs to (its tenant).
TENANT_PATHS: dict[str, str] = {
    "steering.committee": "id",
    "steering.agency": "committee",
    "steering.document": "committee",
    "steering.member": "committee",
    "steering.meeting": "committee",
    "steering.indicator": "committee",
    "steering.indicatorvalue": "indicator__committee",
    "tasks.task": "committee",
    "tasks.assignment": "task__committee",
    "tasks.progressupdate": "assignment__task__committee",
    "tasks.evidence": "update__assignment__task__committee",
    "tasks.importbatch": "committee",
    "tasks.urge": "assignment__task__committee",
    "tasks.extension": "assignment__task__committee",
    "communes.commune": "committee",
    "communes.survey": "commune__committee",
    "communes.fundingprogramme": "committee",
    "communes.investmentrequest": "commune__committee",
    "communes.attachment": "request__commune__committee",
    "communes.allocation": "request__commune__committee",
    "communes.disbursement": "allocation__request__commune__committee",
    "reports.report": "committee",
    "notifications.notification": "recipient__profile__committee",  # the recipient's
    "apitokens.apitoken": "user__profile__committee",  # its user's
}


def _in(path: str, ids) -> Q:
    return Q(**{"id__in" if path == "id" else f"{path}_id__in": ids})


def _subtree(qs: QuerySet, user) -> QuerySet:
    return qs.filter(_in(TENANT_PATHS[qs.model._meta.label_lower], committee_ids(user)))


def _own_committee(qs: QuerySet, user) -> QuerySet:
    own = committee_id_of(user)
    if is_administrator(user):
        return _subtree(qs, user)
    return qs.filter(_in(TENANT_PATHS[qs.model._meta.label_lower], [own] if own else []))


def _gated(capability: str, scope: Callable) -> Callable:
    """A rule: rows of ``scope`` for holders of ``capability``, none for everyone else."""

    def rule(qs: QuerySet, user) -> QuerySet:
        return scope(qs, user) if has(user, capability) else qs.none()

    return rule


# Tasks and their log.


def _tasks_view(qs: QuerySet, user) -> QuerySet:
    from tasks.models import Assignment

    if has(user, Capability.VIEW_ALL):
        scope = Q(committee_id__in=committee_ids(user))
        if (received := represented_agency_id(user)) is not None:
            # A list of ids, not a subquery: PostgreSQL then ORs two index scans instead of
            # reading the whole national register (about 20 ms per query at 50,000 tasks).
            scope |= Q(pk__in=received_task_ids(user, received))
        return qs.filter(scope)
    agency_id = agency_id_of(user)
    if agency_id is None:
        return qs.none()
    return qs.filter(committee_id__in=committee_ids(user) + upper_committee_ids(user)).filter(
        Exists(Assignment.objects.filter(task=OuterRef("pk"), agency_id=agency_id))
    )


def received_task_ids(user, agency_id: int) -> list[int]:
    """The tasks assigned to the agency standing for the user's committee, cached per request."""
    from tasks.models import Assignment

    cached = getattr(user, "_received_cache", None)
    if cached is None:
        cached = list(
            Assignment.objects.filter(agency_id=agency_id).values_list("task_id", flat=True)
        )
        user._received_cache = cached
    return cached


def _assignments_report(qs: QuerySet, user) -> QuerySet:
    """On behalf of any agency in the own committee's tasks, and for the own committee's agency
    on tasks received from above (the secretariat); on the own agency's assignments (officers)."""
    if is_administrator(user):
        return _subtree(qs, user)
    scope = Q(pk__in=[])
    if has(user, Capability.REPORT_FOR_ANY):
        scope |= Q(task__committee_id=committee_id_of(user))
        if (received := represented_agency_id(user)) is not None:
            scope |= Q(agency_id=received)
    if has(user, Capability.REPORT_PROGRESS) and (agency_id := agency_id_of(user)) is not None:
        scope |= Q(agency_id=agency_id, task__committee_id__in=committee_ids(user))
    return qs.filter(scope)


def _assignments_extend(qs: QuerySet, user) -> QuerySet:
    """Who may ask for a later deadline: an officer on the own agency's assignments, the
    secretariat on the work its committee received from above (never on behalf of the agencies
    whose requests it decides)."""
    if is_administrator(user):
        return _subtree(qs, user)
    scope = Q(pk__in=[])
    if has(user, Capability.REPORT_FOR_ANY) and (received := represented_agency_id(user)):
        scope |= Q(agency_id=received)
    if has(user, Capability.REPORT_PROGRESS) and (agency_id := agency_id_of(user)) is not None:
        scope |= Q(agency_id=agency_id, task__committee_id__in=committee_ids(user))
    return qs.filter(scope)


def _import_batches(qs: QuerySet, user) -> QuerySet:
    if has(user, Capability.IMPORT_ANY):
        return _own_committee(qs, user)
    if has(user, Capability.IMPORT_OWN) and agency_id_of(user) is not None:
        return _own_committee(qs, user).filter(created_by=user)
    return qs.none()


# Committee data.


def _committees_filter(qs: QuerySet, user) -> QuerySet:
    """The committees a register can be narrowed to: the own one, those directly below it (the
    rest roll up into them) and those above it (whose tasks it received)."""
    if is_administrator(user):
        return _subtree(qs, user)
    own = committee_id_of(user)
    if own is None:
        return qs.none()
    return qs.filter(Q(pk__in=[own, *upper_committee_ids(user)]) | Q(parent_id=own))


def _documents_view(qs: QuerySet, user) -> QuerySet:
    """A committee cites its own documents and those of the committees above it."""
    return qs.filter(committee_id__in=committee_ids(user) + upper_committee_ids(user))


def _agencies_use(qs: QuerySet, user) -> QuerySet:
    """Agencies the user's committee assigns work to (task forms, the import mapper)."""
    return _own_committee(qs, user).filter(is_active=True)


def _indicators_record(qs: QuerySet, user) -> QuerySet:
    if has(user, Capability.RECORD_ANY_INDICATOR):
        return _subtree(qs, user)
    if has(user, Capability.RECORD_INDICATORS) and (agency_id := agency_id_of(user)):
        return _subtree(qs, user).filter(agency_id=agency_id)
    return qs.none()


# Communes and money.


def _communes_view(qs: QuerySet, user) -> QuerySet:
    """Readers of communes see the province's; a commune officer only their own commune."""
    if has(user, Capability.VIEW_COMMUNES):
        return _subtree(qs, user)
    return _communes_file(qs, user)


def _communes_file(qs: QuerySet, user) -> QuerySet:
    if is_administrator(user):
        return _subtree(qs, user)
    if not has(user, Capability.FILE_REQUESTS) or agency_id_of(user) is None:
        return qs.none()
    return _subtree(qs, user).filter(agency_id=agency_id_of(user))


def _requests_view(qs: QuerySet, user) -> QuerySet:
    """A draft stays with its commune until it is submitted."""
    from communes.models import Commune
    from communes.workflow import Status

    if is_administrator(user):
        return _subtree(qs, user)
    own = _communes_file(Commune.objects.all(), user)
    readable = Q(commune__in=own)
    if has(user, Capability.VIEW_COMMUNES):
        readable |= Q(commune__committee_id__in=committee_ids(user)) & ~Q(status=Status.DRAFT)
    return qs.filter(readable)


def _requests_edit(qs: QuerySet, user) -> QuerySet:
    from communes.models import Commune
    from communes.workflow import EDITABLE

    return qs.filter(commune__in=_communes_file(Commune.objects.all(), user), status__in=EDITABLE)


def _allocations_disburse(qs: QuerySet, user) -> QuerySet:
    from communes.workflow import DISBURSABLE

    return _subtree(qs, user).filter(request__status__in=DISBURSABLE)


def _via(parent_model: str, path: str) -> Callable:
    """A rule for rows read through their parent: those whose parent the user may see."""

    def rule(qs: QuerySet, user) -> QuerySet:
        from django.apps import apps

        parents = apps.get_model(parent_model).objects.all()
        return qs.filter(**{f"{path}__in": RULES[(parent_model, "view")](parents, user)})

    return rule


def _attachments_view(qs: QuerySet, user) -> QuerySet:
    from communes.models import InvestmentRequest

    return qs.filter(request__in=_requests_view(InvestmentRequest.objects.all(), user))


def _assignments_view(qs: QuerySet, user) -> QuerySet:
    """The assignments of the tasks the user sees; of a task received from the committee above,
    only the own committee's assignment (the other provinces' work on it is theirs)."""
    from tasks.models import Task

    visible = qs.filter(task__in=_tasks_view(Task.objects.all(), user))
    if is_administrator(user):
        return visible
    scope = Q(task__committee_id__in=committee_ids(user))
    if (received := represented_agency_id(user)) is not None:
        scope |= Q(agency_id=received)
    return visible.filter(scope)


def _updates_view(qs: QuerySet, user) -> QuerySet:
    from tasks.models import Assignment

    return qs.filter(assignment__in=_assignments_view(Assignment.objects.all(), user))


def _evidence_view(qs: QuerySet, user) -> QuerySet:
    from tasks.models import ProgressUpdate

    return qs.filter(update__in=_updates_view(ProgressUpdate.objects.all(), user))


C = Capability
RULES: dict[tuple[str, str], Callable[[QuerySet, object], QuerySet]] = {
    ("steering.committee", "view"): _subtree,
    ("steering.committee", "filter"): _committees_filter,
    ("steering.committee", "report"): _gated(C.REQUEST_REPORTS, _subtree),
    ("steering.committee", "change"): _gated(C.MANAGE_TASKS, _own_committee),
    ("steering.agency", "view"): _subtree,
    ("steering.agency", "use"): _agencies_use,
    ("steering.agency", "change"): _gated(C.MANAGE_AGENCIES, _own_committee),
    ("steering.document", "view"): _documents_view,
    ("steering.document", "change"): _gated(C.MANAGE_TASKS, _own_committee),
    ("steering.member", "view"): _subtree,
    ("steering.meeting", "view"): _subtree,
    ("steering.meeting", "use"): _own_committee,
    ("steering.meeting", "change"): _gated(C.MANAGE_TASKS, _own_committee),
    ("steering.indicator", "view"): _subtree,
    ("steering.indicatorvalue", "view"): _via("steering.indicator", "indicator"),
    ("steering.indicator", "record"): _indicators_record,
    ("tasks.task", "view"): _tasks_view,
    ("tasks.task", "change"): _gated(C.MANAGE_TASKS, _own_committee),
    ("tasks.assignment", "view"): _assignments_view,
    ("tasks.progressupdate", "view"): _updates_view,
    ("tasks.assignment", "report"): _assignments_report,
    ("tasks.assignment", "confirm"): _gated(C.MANAGE_TASKS, _own_committee),
    ("tasks.assignment", "urge"): _gated(C.MANAGE_TASKS, _own_committee),
    ("tasks.assignment", "extend"): _assignments_extend,
    ("tasks.urge", "view"): _via("tasks.assignment", "assignment"),
    ("tasks.extension", "view"): _via("tasks.assignment", "assignment"),
    ("tasks.extension", "decide"): _gated(C.MANAGE_TASKS, _own_committee),
    ("tasks.evidence", "view"): _evidence_view,
    ("tasks.importbatch", "view"): _import_batches,
    # A retry runs the same file, choices and author again: whoever sees the batch may ask.
    ("tasks.importbatch", "retry"): _import_batches,
    ("communes.commune", "view"): _communes_view,
    ("communes.commune", "file"): _communes_file,
    ("communes.survey", "view"): _via("communes.commune", "commune"),
    ("communes.commune", "survey"): _gated(C.REVIEW_REQUESTS, _subtree),
    ("communes.investmentrequest", "view"): _requests_view,
    ("communes.investmentrequest", "edit"): _requests_edit,
    ("communes.attachment", "view"): _attachments_view,
    ("communes.fundingprogramme", "view"): _gated(C.VIEW_COMMUNES, _subtree),
    ("communes.fundingprogramme", "allocate"): _gated(C.HANDLE_MONEY, _subtree),
    ("communes.allocation", "view"): _via("communes.investmentrequest", "request"),
    ("communes.disbursement", "view"): _via("communes.investmentrequest", "allocation__request"),
    ("communes.allocation", "disburse"): _gated(C.HANDLE_MONEY, _allocations_disburse),
    ("reports.report", "view"): _gated(C.VIEW_REPORTS, _subtree),
    ("reports.report", "retry"): _gated(C.REQUEST_REPORTS, _subtree),
    # Issuing (and correcting) is the report's own committee's secretariat's: a higher
    # committee reads the reports below it but does not number them.
    ("reports.report", "issue"): _gated(C.ISSUE_REPORTS, _own_committee),
    # A notification is its recipient's alone, whatever their role.
    ("notifications.notification", "view"): lambda qs, user: qs.filter(recipient=user),
    # An API token is its user's alone; administrators may revoke anyone's.
    ("apitokens.apitoken", "view"): lambda qs, user: qs.filter(user=user),
    ("apitokens.apitoken", "revoke"): lambda qs, user: (
        qs if is_administrator(user) else qs.filter(user=user)
    ),
}
del C


class RestrictedQuerySet(QuerySet):
    """``Model.objects.restrict(user, action)``: the queryset scoped by ``restrict``."""

    def restrict(self, user, action: str = "view") -> QuerySet:
        return restrict(self, user, action)


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The rows of ``queryset`` the user may ``action``; none for anonymous users."""
    key = (queryset.model._meta.label_lower, action)
    if key not in RULES:
        raise LookupError(f"No authorization rule for {key[1]!r} on {key[0]}")
    if not user.is_authenticated:
        return queryset.none()
    return RULES[key](queryset, user)


# The action each capability needs on an object for ``can(user, capability, obj)``.
OBJECT_ACTIONS: dict[str, str] = {
    Capability.MANAGE_TASKS: "change",
    Capability.REPORT_FOR_ANY: "report",
    Capability.REPORT_PROGRESS: "report",
    Capability.MANAGE_AGENCIES: "change",
    Capability.FILE_REQUESTS: "file",
    Capability.REVIEW_REQUESTS: "view",
    Capability.HANDLE_MONEY: "disburse",
    Capability.REQUEST_REPORTS: "retry",
    Capability.ISSUE_REPORTS: "issue",
    Capability.RECORD_INDICATORS: "record",
    Capability.RECORD_ANY_INDICATOR: "record",
}


def can(user, capability: str, obj: models.Model | None = None) -> bool:
    """Whether the user holds ``capability`` and, given ``obj``, may use it on that object
    (its tenant and, for agency-bound capabilities, its agency): one query per object."""
    if not has(user, capability):
        return False
    if obj is None:
        return True
    action = OBJECT_ACTIONS.get(capability, "view")
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


def ensure(user, action: str, obj: models.Model) -> None:
    """Raise PermissionDenied unless the user may ``action`` the object: the re-check services
    make, so an API call or a Celery job cannot bypass the page's scoping."""
    if not restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists():
        raise PermissionDenied


# --- The investment request workflow -------------------------------------------------------

# Which capability each workflow actor (``communes.workflow.Actor``) stands for.
ACTOR_CAPABILITIES: dict[str, str] = {
    "commune": Capability.FILE_REQUESTS,
    "reviewer": Capability.REVIEW_REQUESTS,
    "finance": Capability.HANDLE_MONEY,
}


def may_act(user, request, transition) -> bool:
    """Whether the user is the step's actor for this request (state not considered): the
    commune's own officer, or a reviewer or finance officer of the request's province."""
    capability = ACTOR_CAPABILITIES[transition.actor]
    if capability == Capability.FILE_REQUESTS:
        return can(user, capability, request.commune)
    return has(user, capability) and can(user, Capability.VIEW_COMMUNES, request.commune)


def request_actions(user, request) -> list:
    """The workflow steps the user may take on the request now: the buttons to show."""
    from communes.workflow import TRANSITIONS

    return [
        t for t in TRANSITIONS.values() if request.status in t.sources and may_act(user, request, t)
    ]


def holders(capability: str, **profile_filters) -> QuerySet:
    """Active users holding ``capability``, e.g. ``holders(REPORT_PROGRESS, agency_id=3)``: the
    recipients of reminders and notices. Filters apply to the users' profiles."""
    roles = [role for role, caps in CAPABILITIES.items() if capability in caps]
    filters = {f"profile__{name}": value for name, value in profile_filters.items()}
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles, **filters)
        .distinct()
    )
