"""A single-province database from before the tenancy, filled, then migrated to the latest:
nothing is lost, everything belongs to the province's committee, the role groups exist and
the authorization layer works on the migrated data.

Runs real migrations backwards and forwards (``MigrationExecutor``), so it needs a database of
its own for the duration (``transactional_db``); it leaves the schema at the latest migration.
"""

from datetime import date

import pytest
from django.apps import apps as current_apps
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from steering.authz import Role
from tests.factories import make_user

BEFORE_TENANCY = [
    ("steering", "0003_indicators"),
    ("tasks", "0003_reminder"),
    ("communes", "0001_initial"),
]
COUNTED = [
    "steering.Committee",
    "steering.Agency",
    "steering.Document",
    "tasks.Task",
    "tasks.Assignment",
    "tasks.ProgressUpdate",
    "communes.Commune",
    "communes.FundingProgramme",
    "communes.InvestmentRequest",
    "communes.Allocation",
]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor = MigrationExecutor(connection)  # a fresh graph knows what is applied now
    executor.loader.build_graph()
    return executor


def _latest() -> list:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _fill_the_province(old) -> dict:
    """A province as a single-province database held it, written with the historical models."""
    User = old.get_model("auth", "User")
    Committee = old.get_model("steering", "Committee")
    Agency = old.get_model("steering", "Agency")
    Document = old.get_model("steering", "Document")
    Task = old.get_model("tasks", "Task")
    Assignment = old.get_model("tasks", "Assignment")
    ProgressUpdate = old.get_model("tasks", "ProgressUpdate")
    Commune = old.get_model("communes", "Commune")
    FundingProgramme = old.get_model("communes", "FundingProgramme")
    InvestmentRequest = old.get_model("communes", "InvestmentRequest")
    Allocation = old.get_model("communes", "Allocation")

    user = User.objects.create(username="thuky_cu", password="!")
    agencies = {
        name: Agency.objects.create(name=name, short_name=short, kind=kind)
        for name, short, kind in [
            ("Sở Khoa học và Công nghệ", "Sở KH&CN", "department"),
            ("Sở Tài chính", "STC", "department"),
            ("Sở Nội vụ", "SNV", "department"),
            ("Ủy ban nhân dân phường Pleiku", "UBND phường Pleiku", "commune"),
            ("Ủy ban nhân dân xã Ia Grai", "UBND xã Ia Grai", "commune"),
            ("Công an tỉnh", "CAT", "department"),  # assigned nothing yet
        ]
    }
    committee = Committee.objects.create(
        name="Ban Chỉ đạo tỉnh Gia Lai",
        level="province",
        province_code=52,
        agency=None,
    )
    plan = Document.objects.create(
        number="45-KH/TU",
        kind="plan",
        issued_on=date(2025, 3, 1),
        issuer="Tỉnh ủy",
        title="Kế hoạch thực hiện Nghị quyết 57",
    )
    Document.objects.create(
        number="57-NQ/TW",
        kind="resolution",
        issued_on=date(2024, 12, 22),
        issuer="Bộ Chính trị",
        title="Nghị quyết về đột phá phát triển khoa học, công nghệ",
    )
    for code, title, lead, coordinators in [
        ("57-001", "Khảo sát hạ tầng CNTT cấp xã", "Sở Khoa học và Công nghệ", ["Sở Tài chính"]),
        ("57-002", "Đào tạo kỹ năng số", "Sở Nội vụ", ["Ủy ban nhân dân phường Pleiku"]),
    ]:
        task = Task.objects.create(
            committee=committee,
            code=code,
            title=title,
            field="digital_government",
            source_document=plan,
            deadline_text="Quý III/2025",
            due_date=date(2025, 9, 30),
        )
        lead_assignment = Assignment.objects.create(task=task, agency=agencies[lead], role="lead")
        for name in coordinators:
            Assignment.objects.create(task=task, agency=agencies[name], role="coordinating")
        ProgressUpdate.objects.create(
            assignment=lead_assignment,
            author=user,
            created_at="2025-08-01T09:00:00+07:00",
            effective_date=date(2025, 8, 1),
            percent=50,
            status="in_progress",
            note="Đang triển khai",
        )
    communes = [
        Commune.objects.create(
            code=code,
            name=name,
            kind=kind,
            province_code=52,
            province_name="Gia Lai",
            agency=agencies[f"Ủy ban nhân dân {name[0].lower()}{name[1:]}"],
            search_text=name.lower(),
        )
        for code, name, kind in [(21583, "Phường Pleiku", "phuong"), (23000, "Xã Ia Grai", "xa")]
    ]
    programme = FundingProgramme.objects.create(
        name="Hỗ trợ hạ tầng CNTT cấp xã",
        decision_number="1520/QĐ-UBND",
        decision_date=date(2025, 8, 5),
        fiscal_year=2025,
        total=250_000_000_000,
        managing_agency=agencies["Sở Tài chính"],
    )
    request = InvestmentRequest.objects.create(
        commune=communes[0],
        title="Trang bị máy tính",
        justification="Trung tâm Phục vụ hành chính công",
        status="allocated",
        requested_amount=230_000_000,
        approved_amount=230_000_000,
        created_by=user,
    )
    Allocation.objects.create(
        programme=programme,
        request=request,
        amount=230_000_000,
        decision_number="2001/QĐ-UBND",
        decided_on=date(2025, 9, 1),
        created_by=user,
    )
    return {
        "counts": {label: old.get_model(label)._default_manager.count() for label in COUNTED},
        "assignments": sorted(Assignment.objects.values_list("task__code", "agency__name", "role")),
        "committee": committee.pk,
    }


@pytest.fixture
def role_groups_kept(django_db_blocker):
    """The flush that ends a transactional test empties every table, the role groups of
    migration 0005 too; they are put back after it (this fixture is set up before
    ``transactional_db``, so torn down after it), as a reused test database needs them."""
    yield
    with django_db_blocker.unblock():
        for name in Role.values:
            Group.objects.get_or_create(name=name)


def test_a_filled_single_province_database_migrates_to_tenants(role_groups_kept, transactional_db):
    try:
        executor = _migrate(BEFORE_TENANCY)
        old = executor.loader.project_state(BEFORE_TENANCY).apps
        assert "committee" not in {f.name for f in old.get_model("steering", "Agency")._meta.fields}
        before = _fill_the_province(old)
    finally:
        _migrate(_latest())

    Committee = current_apps.get_model("steering", "Committee")
    province = Committee.objects.get(pk=before["committee"])
    after = {label: current_apps.get_model(label).objects.count() for label in COUNTED}
    assert after == before["counts"], "nothing lost, nothing added"
    Assignment = current_apps.get_model("tasks", "Assignment")
    assert (
        sorted(Assignment.objects.values_list("task__code", "agency__name", "role"))
        == (before["assignments"])
    )
    for label in ("steering.Agency", "steering.Document", "communes.Commune"):
        owners = set(current_apps.get_model(label).objects.values_list("committee", flat=True))
        assert owners == {province.pk}, label
    FundingProgramme = current_apps.get_model("communes", "FundingProgramme")
    programme = FundingProgramme.objects.get()
    assert programme.committee == province
    allocation = programme.allocations.get()
    assert (allocation.amount, allocation.request.commune.committee) == (230_000_000, province)
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)

    # The migrated data answers to the authorization layer.
    Task = current_apps.get_model("tasks", "Task")
    Agency = current_apps.get_model("steering", "Agency")
    secretariat = make_user("thuky_moi", Role.SECRETARIAT, province)
    assert Task.objects.restrict(secretariat).count() == 2
    assert Agency.objects.restrict(secretariat, "use").count() == 6
    finance = make_user("taichinh_moi", Role.FINANCE, province)
    assert list(FundingProgramme.objects.restrict(finance, "allocate")) == [programme]
    stranger = make_user(
        "tinh_khac",
        Role.SECRETARIAT,
        Committee.objects.create(name="Ban Chỉ đạo tỉnh khác", level="province"),
    )
    assert not Task.objects.restrict(stranger).exists()
    assert not FundingProgramme.objects.restrict(stranger).exists()
