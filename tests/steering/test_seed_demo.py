from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command

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
MODELS += [Task, Assignment, ProgressUpdate]
MODELS += [Indicator, IndicatorValue, IndicatorValue.history.model]


def snapshot() -> dict:
    return {model.__name__: sorted(map(str, model.objects.values_list())) for model in MODELS}


def test_seed_demo_twice_gives_the_same_rows(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert snapshot() == first


def test_seed_demo_builds_the_provincial_committee_as_the_seeds_describe(db):
    call_command("seed_demo", "--without-tasks", stdout=open("/dev/null", "w"))
    province = Committee.objects.get(level=Committee.Level.PROVINCE)
    assert province.parent.level == Committee.Level.CENTRAL
    head = province.members.get(role=Member.Role.HEAD)
    assert head.position_title == "Bí thư Tỉnh ủy"
    assert province.members.filter(role=Member.Role.DEPUTY_HEAD).count() >= 2
    assert set(Document.objects.values_list("number", flat=True)) >= {
        "57-NQ/TW",
        "02-KH/BCĐTW",
        "204-QĐ/TW",
    }
    assert Document.objects.get(number="57-NQ/TW").issued_on.isoformat() == "2024-12-22"
    assert Agency.objects.filter(kind=Agency.Kind.COMMUNE).count() == 135
    assert Agency.objects.get(short_name="Sở KH&CN").name == "Sở Khoa học và Công nghệ"
    kinds = set(province.meetings.values_list("kind", flat=True))
    assert {Meeting.Kind.QUARTERLY, Meeting.Kind.SIX_MONTH, Meeting.Kind.REGULAR} <= kinds


def test_seed_demo_prints_one_login_per_role(db, capsys):
    call_command("seed_demo", "--without-tasks")
    out = capsys.readouterr().out
    for username in ["thuky", "lanhdao", "canbo.khcn", "canbo.xa", "thamdinh", "taichinh", "admin"]:
        assert username in out
    assert "Demo@2025" in out


def test_demo_indicators_reproduce_the_provinces_figures_on_30_september(db):
    call_command("seed_demo", "--without-tasks", stdout=open("/dev/null", "w"))
    province = Committee.objects.get(level=Committee.Level.PROVINCE)
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
