"""``seed_demo`` loads every level (central, two provinces, a ward), idempotently, with one login
per role in each committee."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from communes.models import Commune, FundingProgramme, InvestmentRequest, Survey
from steering import authz
from steering.demo import CENTRAL_NAME, GIA_LAI_NAME, PLEIKU_NAME, TUYEN_QUANG_NAME
from steering.models import (
    Agency,
    Committee,
    Document,
    Indicator,
    IndicatorValue,
    Meeting,
    Member,
    Profile,
)
from steering.selectors import indicators_as_of
from tasks.models import Assignment, ProgressUpdate, Task

MODELS = [Agency, Committee, Document, Meeting, Member, Profile, get_user_model()]
MODELS += [Task, Assignment, ProgressUpdate, Task.history.model, Assignment.history.model]
MODELS += [Indicator, IndicatorValue, IndicatorValue.history.model]
MODELS += [Commune, Survey, FundingProgramme, InvestmentRequest]

# username -> (committee, role, agency or None)
LOGINS = {
    "admin": (GIA_LAI_NAME, "administrator", None),
    "thuky": (GIA_LAI_NAME, "secretariat", "Sở Khoa học và Công nghệ"),
    "lanhdao": (GIA_LAI_NAME, "leader", "Ủy ban nhân dân tỉnh"),
    "canbo.khcn": (GIA_LAI_NAME, "agency_officer", "Sở Khoa học và Công nghệ"),
    "canbo.noivu": (GIA_LAI_NAME, "agency_officer", "Sở Nội vụ"),
    "canbo.xa": (GIA_LAI_NAME, "commune_officer", "Ủy ban nhân dân phường Pleiku"),
    "thamdinh": (GIA_LAI_NAME, "reviewer", "Sở Khoa học và Công nghệ"),
    "taichinh": (GIA_LAI_NAME, "finance", "Sở Tài chính"),
    "tq.thuky": (TUYEN_QUANG_NAME, "secretariat", "Sở Khoa học và Công nghệ"),
    "tq.lanhdao": (TUYEN_QUANG_NAME, "leader", "Ủy ban nhân dân tỉnh"),
    "tq.canbo.khcn": (TUYEN_QUANG_NAME, "agency_officer", "Sở Khoa học và Công nghệ"),
    "tq.canbo.xa": (TUYEN_QUANG_NAME, "commune_officer", "Ủy ban nhân dân phường Minh Xuân"),
    "tq.thamdinh": (TUYEN_QUANG_NAME, "reviewer", "Sở Khoa học và Công nghệ"),
    "tq.taichinh": (TUYEN_QUANG_NAME, "finance", "Sở Tài chính"),
    "pleiku.thuky": (
        PLEIKU_NAME,
        "secretariat",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Pleiku",
    ),
    "tw.thuky": (CENTRAL_NAME, "secretariat", "Ban Chính sách, chiến lược Trung ương"),
    "trunguong": (CENTRAL_NAME, "leader", None),
}


def snapshot() -> dict:
    return {model.__name__: sorted(map(str, model.objects.values_list())) for model in MODELS}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for the module and rolled back afterwards; yields what the
    command printed."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def printed(seeded, db) -> str:
    return seeded


@pytest.fixture
def committees(seeded, db) -> dict[str, Committee]:
    return {c.name: c for c in Committee.objects.all()}


def test_seed_demo_twice_gives_the_same_rows(printed):
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_committees_at_every_level(committees):
    assert set(committees) == {CENTRAL_NAME, GIA_LAI_NAME, TUYEN_QUANG_NAME, PLEIKU_NAME}
    central = committees[CENTRAL_NAME]
    gia_lai, tuyen_quang = committees[GIA_LAI_NAME], committees[TUYEN_QUANG_NAME]
    pleiku = committees[PLEIKU_NAME]
    assert central.level == Committee.Level.CENTRAL and central.parent is None
    assert central.establishing_decision == "204-QĐ/TW"
    assert (gia_lai.level, gia_lai.parent, gia_lai.province_code) == ("province", central, 52)
    assert (tuyen_quang.level, tuyen_quang.parent, tuyen_quang.province_code) == (
        "province",
        central,
        8,
    )
    assert (pleiku.level, pleiku.parent) == (Committee.Level.COMMUNE, gia_lai)
    # Each committee is reached through an agency of the committee above it.
    assert (gia_lai.agency.name, gia_lai.agency.committee, gia_lai.agency.kind) == (
        "Tỉnh Gia Lai",
        central,
        Agency.Kind.PROVINCE,
    )
    assert (tuyen_quang.agency.name, tuyen_quang.agency.committee) == ("Tỉnh Tuyên Quang", central)
    assert (pleiku.agency.name, pleiku.agency.committee, pleiku.agency.kind) == (
        "Ủy ban nhân dân phường Pleiku",
        gia_lai,
        Agency.Kind.COMMUNE,
    )


def test_central_committee_has_the_34_provinces_and_central_bodies(committees):
    central = committees[CENTRAL_NAME]
    provinces = Agency.objects.filter(committee=central, kind=Agency.Kind.PROVINCE)
    assert provinces.count() == 34
    assert {"Tỉnh Gia Lai", "Tỉnh Tuyên Quang", "Thành phố Hà Nội", "Thành phố Huế"} <= set(
        provinces.values_list("name", flat=True)
    )
    bodies = set(central.agencies.exclude(kind=Agency.Kind.PROVINCE).values_list("name", flat=True))
    assert {
        "Bộ Khoa học và Công nghệ",
        "Bộ Công an",
        "Bộ Tài chính",
        "Bộ Nội vụ",
        "Văn phòng Chính phủ",
    } <= bodies
    assert central.members.get(role=Member.Role.HEAD).position_title == "Tổng Bí thư"
    assert central.meetings.count() >= 2


def test_documents_belong_to_the_committee_that_issues_them(committees):
    central, gia_lai = committees[CENTRAL_NAME], committees[GIA_LAI_NAME]
    owners = dict(Document.objects.values_list("number", "committee__name"))
    for number in ["57-NQ/TW", "204-QĐ/TW", "02-KH/BCĐTW"]:
        assert owners[number] == CENTRAL_NAME
    assert owners["15-CTr/TU"] == GIA_LAI_NAME
    assert Document.objects.get(number="57-NQ/TW").issued_on == date(2024, 12, 22)
    # The provinces cite the central documents; siblings never see each other's.
    thuky = get_user_model().objects.get(username="thuky")
    tq_thuky = get_user_model().objects.get(username="tq.thuky")
    readable = set(Document.objects.restrict(thuky).values_list("number", flat=True))
    assert {"57-NQ/TW", "02-KH/BCĐTW", "15-CTr/TU"} <= readable
    assert "10-KH/BCĐ" not in readable
    assert "15-CTr/TU" not in set(
        Document.objects.restrict(tq_thuky).values_list("number", flat=True)
    )
    assert central.documents.count() >= 3 and gia_lai.documents.exists()


def test_gia_lai_committee_as_the_seeds_describe(committees):
    province = committees[GIA_LAI_NAME]
    head = province.members.get(role=Member.Role.HEAD)
    assert head.position_title == "Bí thư Tỉnh ủy"
    assert province.members.filter(role=Member.Role.DEPUTY_HEAD).count() >= 2
    communes = Agency.objects.filter(committee=province, kind=Agency.Kind.COMMUNE)
    assert communes.count() == 135 == Commune.objects.filter(committee=province).count()
    khcn = Agency.objects.get(committee=province, short_name="Sở KH&CN")
    assert khcn.name == "Sở Khoa học và Công nghệ"
    kinds = set(province.meetings.values_list("kind", flat=True))
    assert {Meeting.Kind.QUARTERLY, Meeting.Kind.SIX_MONTH, Meeting.Kind.REGULAR} <= kinds


def test_every_province_has_its_own_department_of_science_and_technology(committees):
    departments = Agency.objects.filter(name="Sở Khoa học và Công nghệ")
    assert sorted(departments.values_list("committee__name", flat=True)) == sorted(
        [GIA_LAI_NAME, TUYEN_QUANG_NAME]
    )
    same_names = set(
        Agency.objects.filter(committee=committees[GIA_LAI_NAME], kind="department").values_list(
            "name", flat=True
        )
    ) & set(
        Agency.objects.filter(committee=committees[TUYEN_QUANG_NAME]).values_list("name", flat=True)
    )
    assert {"Sở Tài chính", "Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"} <= same_names


def test_tuyen_quang_and_the_ward_have_their_own_people(committees):
    tuyen_quang, pleiku = committees[TUYEN_QUANG_NAME], committees[PLEIKU_NAME]
    assert Commune.objects.filter(committee=tuyen_quang).count() == 124
    assert tuyen_quang.members.get(role=Member.Role.HEAD).agency.name == "Tỉnh ủy Tuyên Quang"
    assert tuyen_quang.meetings.filter(held_on__year=2025, held_on__month=7).exists()
    assert FundingProgramme.objects.filter(committee=tuyen_quang).count() == 1
    assert pleiku.agencies.count() >= 5 and pleiku.members.count() >= 4
    assert pleiku.meetings.exists()
    assert pleiku.members.get(role=Member.Role.HEAD).position_title == "Bí thư Đảng ủy phường"


def test_each_login_lands_in_its_committee_with_its_role(committees):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=LOGINS)}
    assert set(users) == set(LOGINS)
    assert users["thuky"].check_password("Demo@2025")
    assert {user.password for user in users.values()} == {users["thuky"].password}
    for username, (committee, role, agency) in LOGINS.items():
        user = users[username]
        assert authz.roles_of(user) == {role}, username
        assert authz.committee_of(user).name == committee, username
        profile = user.profile
        assert (profile.agency.name if profile.agency else None) == agency, username
        if agency:  # an officer's agency belongs to their own committee
            assert profile.agency.committee.name == committee, username


def test_seed_demo_prints_every_login_with_its_role_and_committee(printed):
    assert "Demo@2025" in printed
    lines = {line.split()[0]: line for line in printed.splitlines() if line.startswith("    ")}
    assert set(lines) == set(LOGINS)
    assert "Thư ký" in lines["thuky"] and "Tỉnh Gia Lai" in lines["thuky"]
    assert "Tỉnh Tuyên Quang" in lines["tq.thuky"]
    assert "Phường Pleiku" in lines["pleiku.thuky"]
    assert "Trung ương" in lines["trunguong"] and "Lãnh đạo" in lines["trunguong"]
    for name in [CENTRAL_NAME, GIA_LAI_NAME, TUYEN_QUANG_NAME, PLEIKU_NAME]:
        assert f"  {name}:" in printed


def test_demo_indicators_reproduce_the_provinces_figures_on_30_september(committees):
    province = committees[GIA_LAI_NAME]
    rows = {row["code"]: row for row in indicators_as_of(province, date(2025, 9, 30))}
    figures = {code: (row["actual"], row["achievement"], row["met"]) for code, row in rows.items()}
    assert figures == {
        "CT-01": (Decimal("2900000"), Decimal("100.00"), True),
        "CT-02": (Decimal("1620000"), Decimal("80.00"), False),
        "CT-03": (Decimal("44.05"), Decimal("146.83"), True),
        "CT-04": (Decimal("89.05"), Decimal("104.76"), True),
        "CT-05": (Decimal("2.1"), Decimal("105.00"), True),
    }
    assert {row["period_end"] for row in rows.values()} == {date(2025, 9, 30)}
    on_30_june = indicators_as_of(province, date(2025, 6, 30))
    assert [row["period_end"] for row in on_30_june] == [date(2025, 6, 30)] * 5
