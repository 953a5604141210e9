"""The demo registers: Gia Lai reproduces the province's figures, today and as of its Q3/2025
review; the central committee, Tuyên Quang and Pleiku ward have theirs, linked top down."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Max, Min
from django.utils import timezone

from steering.demo import CENTRAL_NAME, GIA_LAI_NAME, PLEIKU_NAME, TUYEN_QUANG_NAME
from steering.models import Agency, Committee
from tasks.demo import COMMUNE_TASK
from tasks.models import Assignment, ProgressUpdate, Task
from tasks.selectors import (
    as_of,
    category_summary,
    lead_states_as_of,
    summarize,
    summary_as_of,
)
from tasks.status import Category, Status

Q3_END = date(2025, 9, 30)
END_OF_Q3 = timezone.make_aware(datetime.combine(Q3_END + timedelta(days=1), time.min))
LEAD = Assignment.Role.LEAD


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Seed once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


@pytest.fixture
def committees(demo, db) -> dict[str, Committee]:
    names = {
        CENTRAL_NAME: "central",
        GIA_LAI_NAME: "gia_lai",
        TUYEN_QUANG_NAME: "tuyen_quang",
        PLEIKU_NAME: "pleiku",
    }
    return {names[c.name]: c for c in Committee.objects.all()}


@pytest.fixture
def register(committees):
    return Task.objects.filter(committee=committees["gia_lai"])


def user(username):
    return get_user_model().objects.get(username=username)


def assert_figures(summary):
    assert (summary.total, summary.completed, summary.in_progress, summary.not_started) == (
        147,
        76,
        68,
        3,
    )
    assert summary.counts[Category.COMPLETED_LATE] > 0
    assert summary.overdue > 0
    assert summary.counts[Category.NO_DEADLINE] == summary.counts[Category.CANCELLED] == 0


# --- Gia Lai: the seeds' figures -----------------------------------------------------------


def test_today_the_register_has_moved_on_from_the_seeds(register):
    """The same 147 tasks; the work open at the Q3/2025 review went on up to the seed day."""
    summary = category_summary(register, timezone.localdate())
    assert summary.total == 147 and summary.completed >= 76
    assert summary.counts[Category.NO_DEADLINE] == summary.counts[Category.CANCELLED] == 0


def test_figures_as_of_q3_review(register):
    assert_figures(summary_as_of(register, Q3_END))


def test_replayed_state_matches_stored_state(register):
    """Replayed as of today, the log gives the stored state (and timeliness: extensions
    granted after the review count today, not as of 30/09/2025)."""
    stored = {t.pk: (t.status, t.percent) for t in register}
    today = {
        item.task.pk: (item.state.status, item.state.percent)
        for item in as_of(register, timezone.localdate())
    }
    assert today == stored
    summary = category_summary(register, timezone.localdate())
    assert (
        summarize(
            (item.category, item.state.status, 1) for item in as_of(register, timezone.localdate())
        ).counts
        == summary.counts
    )


def test_commune_task_has_97_of_135_leads_done(register):
    task = register.get(title=COMMUNE_TASK)
    assert task.deadline_text == "Trước 15/8/2025"
    leads = task.assignments.filter(role=LEAD)
    communes = Agency.objects.filter(committee=task.committee, kind=Agency.Kind.COMMUNE)
    assert leads.count() == communes.count() == 135
    assert set(leads.values_list("agency__kind", flat=True)) == {Agency.Kind.COMMUNE}
    done = leads.filter(status=Status.COMPLETED)  # 97 by the review, more since
    assert done.count() >= 97
    assert done.filter(completed_on__gt=task.due_date).exists()
    assert done.filter(completed_on__lte=task.due_date).count() > 80
    (item,) = as_of(register.filter(pk=task.pk), Q3_END)
    assert (item.leads_done, item.leads_total) == (97, 135)
    assert item.state.status == Status.IN_PROGRESS
    assert item.category == Category.IN_PROGRESS_OVERDUE
    # Pleiku, whose own committee the demo has, set it up on the day its committee says.
    pleiku = leads.get(agency__name="Ủy ban nhân dân phường Pleiku")
    ward = Committee.objects.get(agency=pleiku.agency)
    assert (pleiku.status, pleiku.completed_on) == (Status.COMPLETED, ward.established_on)


def test_histories_run_from_early_2025_to_q3_then_to_the_seed_day(register):
    updates = ProgressUpdate.objects.filter(assignment__task__in=register)
    until_q3 = updates.filter(created_at__lt=END_OF_Q3)
    span = until_q3.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert span["first"] < timezone.make_aware(datetime(2025, 3, 1))
    assert not until_q3.filter(effective_date__gt=Q3_END).exists()
    assert updates.filter(kind=ProgressUpdate.Kind.RETURN).exists()
    assert not register.filter(created_at__gte=END_OF_Q3).exists()
    assert not updates.filter(created_at__lt=F("assignment__task__created_at")).exists()
    # Afterwards, the work goes on up to the day before the seed day (the demo looks alive).
    after = updates.filter(created_at__gte=END_OF_Q3)
    today = timezone.localdate()
    if today > Q3_END + timedelta(days=30):
        assert after.filter(kind=ProgressUpdate.Kind.REPORT).exists()
        assert after.filter(kind=ProgressUpdate.Kind.CONFIRMATION).exists()
        assert not after.filter(effective_date__gte=today).exists()
        assert not after.filter(created_at__gte=timezone.now()).exists()


def test_a_few_tasks_carry_out_central_ones(committees, register):
    linked = register.exclude(upstream=None)
    assert linked.count() >= 3
    assert set(linked.values_list("upstream__committee", flat=True)) == {committees["central"].pk}
    assert register.get(title=COMMUNE_TASK).upstream.code == "TW-01"


def test_every_task_carries_out_one_its_secretariat_sees_above(committees):
    """As the task form offers: a task of the committee above that was assigned to the agency
    standing for this committee."""
    secretaries = {"gia_lai": "thuky", "tuyen_quang": "tq.thuky", "pleiku": "pleiku.thuky"}
    for key, username in secretaries.items():
        committee = committees[key]
        linked = Task.objects.filter(committee=committee).exclude(upstream=None)
        assert linked.exists(), key
        visible = Task.objects.restrict(user(username))
        for task in linked.select_related("upstream"):
            assert task.upstream.committee == committee.parent, task.code
            assert visible.filter(pk=task.upstream_id).exists(), task.code
            assert task.upstream.assignments.filter(agency=committee.agency).exists(), task.code


# --- The central committee -----------------------------------------------------------------


def test_central_tasks_are_assigned_to_provinces_and_central_bodies(committees):
    central = committees["central"]
    tasks = Task.objects.filter(committee=central)
    assert 10 <= tasks.count() <= 20
    provinces = Agency.objects.filter(committee=central, kind=Agency.Kind.PROVINCE)
    leads = Assignment.objects.filter(task__committee=central, role=LEAD)
    per_task = (
        leads.filter(agency__kind=Agency.Kind.PROVINCE).values("task").annotate(n=Count("id"))
    )
    assert len(per_task) >= 3
    assert {row["n"] for row in per_task} == {provinces.count()} == {34}
    assert leads.filter(agency__kind=Agency.Kind.CENTRAL).values("task").distinct().count() >= 5
    # Every province's lead has its own state; the central committee saw them moving.
    provinces_leads = leads.filter(agency__kind=Agency.Kind.PROVINCE)
    in_q3 = lead_states_as_of(list(provinces_leads.values_list("task", flat=True)), Q3_END)
    statuses = {state.status for state in in_q3.values()}
    assert {Status.COMPLETED, Status.IN_PROGRESS, Status.AWAITING} <= statuses


def test_gia_lai_reports_on_its_central_assignments(committees):
    gia_lai = committees["gia_lai"]
    mine = Assignment.objects.filter(agency=gia_lai.agency)
    assert mine.count() == 5
    updates = ProgressUpdate.objects.filter(assignment__in=mine, kind=ProgressUpdate.Kind.REPORT)
    assert set(updates.values_list("author__username", flat=True)) == {"thuky"}
    assert mine.filter(status=Status.COMPLETED).exists()
    in_q3 = lead_states_as_of(list(mine.values_list("task", flat=True)), Q3_END)
    # On 30/09/2025 one waited for the centre to confirm.
    assert Status.AWAITING in {in_q3[a.pk].status for a in mine if a.pk in in_q3}
    confirmed = ProgressUpdate.objects.filter(
        assignment__in=mine, kind=ProgressUpdate.Kind.CONFIRMATION
    )
    assert set(confirmed.values_list("author__username", flat=True)) == {"tw.thuky"}


def test_gia_lai_secretariat_sees_the_central_tasks_assigned_to_its_province(committees):
    central, gia_lai = committees["central"], committees["gia_lai"]
    visible = Task.objects.restrict(user("thuky"))
    received = Task.objects.filter(committee=central, assignments__agency=gia_lai.agency)
    assert received.count() == 5
    assert set(visible.filter(committee=central)) == set(received)
    assert not visible.filter(committee=central).exclude(pk__in=received).exists()
    # ...and may report on them, on its own province's assignment only.
    reportable = Assignment.objects.restrict(user("thuky"), "report").filter(task__in=received)
    assert set(reportable.values_list("agency", flat=True)) == {gia_lai.agency_id}


def test_central_reader_sees_every_committee(committees):
    visible = Task.objects.restrict(user("trunguong"))
    assert visible.count() == Task.objects.count()


# --- Tuyên Quang ---------------------------------------------------------------------------


def test_tuyen_quang_has_its_conference_tasks(committees):
    tuyen_quang = committees["tuyen_quang"]
    tasks = Task.objects.filter(committee=tuyen_quang)
    assert tasks.count() >= 8
    assert set(tasks.values_list("meeting__held_on__month", flat=True)) == {7}
    deadlines = set(tasks.values_list("deadline_text", flat=True))
    assert {"Trước 15/8/2025", "Trước 30/8/2025", "Trước 30/7/2025"} <= deadlines
    assert tasks.filter(title__contains="2%").exists()
    task = tasks.get(title=COMMUNE_TASK)
    leads = task.assignments.filter(role=LEAD)
    communes = Agency.objects.filter(committee=tuyen_quang, kind=Agency.Kind.COMMUNE)
    assert leads.count() == communes.count() == 124
    assert set(leads.values_list("agency", flat=True)) == set(communes.values_list("id", flat=True))
    in_q3 = lead_states_as_of([task.pk], Q3_END)
    assert {Status.COMPLETED, Status.IN_PROGRESS} <= {s.status for s in in_q3.values()}
    assert task.upstream.committee == committees["central"]
    summary = summary_as_of(tasks, Q3_END)
    assert summary.completed > 0 and summary.in_progress > 0


def test_tuyen_quang_secretariat_sees_none_of_gia_lais_tasks(committees):
    visible = Task.objects.restrict(user("tq.thuky"))
    assert visible.filter(committee=committees["tuyen_quang"]).count() == (
        Task.objects.filter(committee=committees["tuyen_quang"]).count()
    )
    assert not visible.filter(committee__in=[committees["gia_lai"], committees["pleiku"]]).exists()
    # The central tasks it sees are those assigned to Tuyên Quang.
    received = visible.filter(committee=committees["central"])
    assert received.exists()
    assert not received.exclude(assignments__agency=committees["tuyen_quang"].agency).exists()
    gia_lais = Task.objects.restrict(user("thuky"))
    assert not gia_lais.filter(committee=committees["tuyen_quang"]).exists()


# --- Pleiku ward ---------------------------------------------------------------------------


def test_ward_committee_under_gia_lai_has_tasks_with_progress(committees):
    pleiku, gia_lai = committees["pleiku"], committees["gia_lai"]
    assert pleiku.parent == gia_lai
    tasks = Task.objects.filter(committee=pleiku)
    assert 3 <= tasks.count() <= 10
    assert ProgressUpdate.objects.filter(assignment__task__in=tasks).exists()
    assert tasks.filter(status=Status.COMPLETED).exists()
    assert set(tasks.exclude(upstream=None).values_list("upstream__committee", flat=True)) == {
        gia_lai.pk
    }
    # The ward's secretariat works in its own register and sees Gia Lai's work assigned to the
    # ward's People's Committee; Gia Lai sees the ward's register rolled up.
    ward_view = Task.objects.restrict(user("pleiku.thuky"))
    assert set(ward_view.filter(committee=pleiku)) == set(tasks)
    assert set(ward_view.exclude(committee=pleiku)) == set(
        Task.objects.filter(assignments__agency=pleiku.agency)
    )
    assert set(Task.objects.restrict(user("thuky")).filter(committee=pleiku)) == set(tasks)
