"""Every list endpoint of the API answers in as many SQL queries for 50 rows as for 5: nested
and related data (assignments and their agencies, evidence, authors) are fetched in bulk."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communes.models import Allocation, Disbursement, FundingProgramme, InvestmentRequest, Survey
from notifications import kinds
from notifications.services import notify
from reports.models import Report
from steering.models import Committee, IndicatorValue
from tasks import services
from tasks.models import Extension
from tests.communes import builders
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    DocumentFactory,
    IndicatorFactory,
    MeetingFactory,
    MemberFactory,
)

TODAY = date(2025, 8, 10)


class World:
    """What the builders share: the personas and the objects lists hang under."""

    def __init__(self, request):
        for name in PERSONAS.split(", "):
            setattr(self, name, request.getfixturevalue(name))
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def _tasks(w, n):
    for _ in range(n):
        w.make_task(
            f"Việc {w.next()}",
            leads=[w.agency_a, AgencyFactory()],
            coordinators=[AgencyFactory()],
            deadline="Quý III/2025",
        )
    return reverse("api_task_list"), w.officer_a


def _task(w):
    if not hasattr(w, "task"):
        w.task = w.make_task("Việc chung", leads=[w.agency_a], deadline="Quý III/2025")
    return w.task


def _assignments(w, n):
    task = _task(w)
    for _ in range(n):
        services.assignment_add(task=task, agency=AgencyFactory(), role="lead", user=w.secretariat)
    return reverse("api_task_assignments", args=[task.pk]), w.secretariat


def _progress(w, n, by_task=False):
    lead = _task(w).assignments.get(agency=w.agency_a)
    for _ in range(n):
        lead.refresh_from_db()
        services.progress_log(
            assignment=lead,
            user=w.officer_a,
            percent=min(99, w.next()),
            completed=False,
            note="Tiến độ",
            effective_date=TODAY,
        )
    if by_task:
        return reverse("api_task_progress", args=[lead.task_id]), w.officer_a
    return reverse("api_progress_create", args=[lead.pk]), w.officer_a


def _extensions(w, n):
    for _ in range(n):
        task = w.make_task(f"Việc {w.next()}", leads=[w.agency_a], deadline="31/08/2025")
        Extension.objects.create(
            assignment=task.assignments.get(),
            requested_by=w.officer_a,
            requested_at=timezone.now(),
            previous_due=date(2025, 8, 31),
            new_due=date(2025, 10, 31),
            reason="Chờ kinh phí",
        )
    return reverse("api_extension_list"), w.secretariat


def _committees(w, n):
    for _ in range(n):
        CommitteeFactory(parent=w.committee, level=Committee.Level.COMMUNE)
    return reverse("api_committee_list"), w.leader


def _simple(factory, name):
    def build(w, n):
        for _ in range(n):
            factory()
        return reverse(name), w.leader

    return build


def _indicator_values(w, n):
    if not hasattr(w, "indicator"):
        w.indicator = IndicatorFactory()
    for _ in range(n):
        IndicatorValue.objects.create(
            indicator=w.indicator,
            period_end=date(2020, 1, 1) + timedelta(days=w.next()),
            value=Decimal(w.count),
            recorded_by=w.secretariat,
            recorded_at=timezone.now(),
        )
    return reverse("api_indicator_values", args=[w.indicator.pk]), w.leader


def _commune(w):
    return builders.commune(AgencyFactory(kind="commune"), code=30000 + w.next(), name="Xã Thử")


def _communes(w, n):
    for _ in range(n):
        _commune(w)
    return reverse("api_commune_list"), w.finance


def _surveys(w, n):
    if not hasattr(w, "commune"):
        w.commune = _commune(w)
    for _ in range(n):
        Survey.objects.create(
            commune=w.commune,
            surveyed_on=date(2020, 1, 1) + timedelta(days=w.next()),
            computers=10,
            computers_over_5_years=2,
            scanners=1,
            printers=1,
            bandwidth_mbps=100,
            has_lan=True,
            cameras=0,
            service_centre_ready=True,
            trained_staff=3,
        )
    return reverse("api_commune_surveys", args=[w.commune.pk]), w.finance


def _programme(w, total: int = 1_000_000_000) -> FundingProgramme:
    return FundingProgramme.objects.create(
        name="Hỗ trợ hạ tầng CNTT cấp xã",
        decision_number=f"{w.next()}/QĐ-UBND",
        decision_date=TODAY,
        fiscal_year=2025,
        total=total,
        managing_agency=w.agency_a,
        committee=w.committee,
    )


def _programmes(w, n):
    for _ in range(n):
        _programme(w)
    return reverse("api_programme_list"), w.finance


def _money(w, n, name):
    programme = getattr(w, "programme", None) or _programme(w, 10**12)
    w.programme = programme
    for _ in range(n):
        request = InvestmentRequest.objects.create(
            commune=_commune(w),
            title="Trang bị",
            justification="Cần",
            status="allocated",
            requested_amount=100,
            approved_amount=100,
            created_by=w.secretariat,
        )
        allocation = Allocation.objects.create(
            programme=programme,
            request=request,
            amount=100,
            decision_number="1/QĐ",
            decided_on=TODAY,
            created_by=w.finance,
        )
        Disbursement.objects.create(
            allocation=allocation, amount=10, paid_on=TODAY, reference="UNC", created_by=w.finance
        )
    return reverse(name), w.finance


def _requests(w, n):
    _money(w, n, "api_disbursement_list")
    return reverse("api_commune_request_list"), w.finance


def _notifications(w, n):
    for _ in range(n):
        notify(
            [w.officer_a],
            kinds.DEADLINE_CHANGED,
            key=f"test:{w.next()}",
            params={"task": "Việc", "deadline": "31/08/2025", "previous": "15/08/2025"},
        )
    return reverse("api_notification_list"), w.officer_a


def _reports(w, n):
    for _ in range(n):
        Report.objects.create(
            committee=w.committee,
            kind=Report.Kind.QUARTERLY,
            period_start=date(2025, 4, 1),
            period_end=date(2025, 6, 30),
            as_of=date(2025, 6, 30),
            requested_by=w.secretariat,
        )
    return reverse("api_report_list"), w.leader


BUILDERS = {
    "tasks": _tasks,
    "task assignments": _assignments,
    "assignment progress": _progress,
    "task progress": lambda w, n: _progress(w, n, by_task=True),
    "extensions": _extensions,
    "committees": _committees,
    "agencies": _simple(AgencyFactory, "api_agency_list"),
    "members": _simple(MemberFactory, "api_member_list"),
    "meetings": _simple(MeetingFactory, "api_meeting_list"),
    "documents": _simple(DocumentFactory, "api_document_list"),
    "indicators": _simple(IndicatorFactory, "api_indicator_list"),
    "indicator values": _indicator_values,
    "communes": _communes,
    "surveys": _surveys,
    "programmes": _programmes,
    "allocations": lambda w, n: _money(w, n, "api_allocation_list"),
    "disbursements": lambda w, n: _money(w, n, "api_disbursement_list"),
    "investment requests": _requests,
    "notifications": _notifications,
    "reports": _reports,
}


def _queries(api, user, url) -> tuple[int, dict]:
    """The queries of one request by a fresh copy of the user (nothing cached on it)."""
    client = api(type(user).objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200, response.content
    return len(queries), response.json()


PERSONAS = "committee, secretariat, leader, finance, officer_a, agency_a, make_task"


@pytest.mark.parametrize("resource", list(BUILDERS))
@pytest.mark.usefixtures(*PERSONAS.split(", "))
@time_machine.travel(TODAY)
def test_list_queries_do_not_grow_with_rows(request, db, api, resource):
    world = World(request)
    build = BUILDERS[resource]
    url, user = build(world, 5)
    few, body = _queries(api, user, url)
    shown = body["count"]
    assert shown >= 5
    build(world, 45)
    many, body = _queries(api, user, url)
    assert body["count"] >= shown + 45 and len(body["results"]) == body["count"]
    assert many == few, f"{resource}: {few} queries for {shown} rows, {many} for {body['count']}"


@pytest.mark.usefixtures(*PERSONAS.split(", "))
def test_the_task_list_names_each_task_s_assignments(request, db, api):
    world = World(request)
    url, user = _tasks(world, 3)
    results = api(user).get(url).json()["results"]
    assert all(len(task["assignments"]) == 3 for task in results)
    assert {a["agency"] for a in results[0]["assignments"]} >= {world.agency_a.name}
