"""Recording indicator values, and reading indicators against their targets as of a day."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from steering import selectors, services
from steering.models import Indicator, IndicatorValue
from steering.selectors import IndicatorStatus
from tests.factories import IndicatorFactory

Q2_END, Q3_END = date(2025, 6, 30), date(2025, 9, 30)


def at(day: date, hour: int = 10):
    return time_machine.travel(timezone.make_aware(datetime(day.year, day.month, day.day, hour)))


@pytest.fixture
def certificates(committee, agency_a) -> Indicator:
    return IndicatorFactory(
        committee=committee,
        code="CT-02",
        name="Số giấy chứng nhận quyền sử dụng đất được làm sạch",
        unit="giấy chứng nhận",
        target_value=Decimal("2025000"),
        agency=agency_a,
    )


def record(indicator, user, period_end, value, note=""):
    return services.indicator_value_record(
        indicator=indicator, user=user, period_end=period_end, value=Decimal(value), note=note
    )


def test_a_correction_keeps_who_when_before_and_after(certificates, secretariat, officer_a):
    with at(date(2025, 10, 2)):
        record(certificates, officer_a, Q3_END, "1600000", "Báo cáo của Sở")
    with at(date(2025, 10, 6)):
        value = record(certificates, secretariat, Q3_END, "1620000", "Đã rà soát")
    assert IndicatorValue.objects.get() == value
    assert (value.value, value.recorded_by, value.note) == (
        Decimal("1620000"),
        secretariat,
        "Đã rà soát",
    )
    first, second = value.history.order_by("history_date")
    assert (first.history_user, first.history_date.date()) == (officer_a, date(2025, 10, 2))
    assert (second.history_user, second.history_date.date()) == (secretariat, date(2025, 10, 6))
    changes = {c.field: (c.old, c.new) for c in second.diff_against(first).changes}
    assert changes["value"] == (Decimal("1600000"), Decimal("1620000"))
    assert changes["note"] == ("Báo cáo của Sở", "Đã rà soát")


def test_recording_the_same_value_again_adds_no_history(certificates, secretariat):
    with at(date(2025, 10, 2)):
        record(certificates, secretariat, Q3_END, "1620000")
        record(certificates, secretariat, Q3_END, "1620000")
    assert IndicatorValue.history.count() == 1


def test_a_period_not_yet_ended_is_refused_in_vietnamese(certificates, secretariat):
    with at(date(2025, 10, 2)), pytest.raises(ValidationError) as refused:
        record(certificates, secretariat, date(2025, 12, 31), "1700000")
    (message,) = refused.value.message_dict["period_end"]
    assert message == (
        "Kỳ báo cáo đến ngày 31/12/2025 chưa kết thúc; "
        "chỉ được ghi nhận số liệu sau khi kỳ kết thúc."
    )
    assert not IndicatorValue.objects.exists()


def test_a_negative_value_is_refused(certificates, secretariat):
    with at(date(2025, 10, 2)), pytest.raises(ValidationError):
        record(certificates, secretariat, Q3_END, "-1")


def status(direction: str, target: str, actual: str | None) -> IndicatorStatus:
    indicator = Indicator(direction=direction, target_value=Decimal(target))
    return IndicatorStatus(indicator, None if actual is None else Decimal(actual), Q3_END)


@pytest.mark.parametrize(
    ("direction", "target", "actual", "achievement", "met"),
    [
        (Indicator.Direction.HIGHER, "2025000", "1620000", Decimal("80.00"), False),
        (Indicator.Direction.HIGHER, "2900000", "2900000", Decimal("100.00"), True),
        (Indicator.Direction.HIGHER, "30", "44.05", Decimal("146.83"), True),
        (Indicator.Direction.LOWER, "10", "8", Decimal("125.00"), True),
        (Indicator.Direction.LOWER, "10", "12", Decimal("83.33"), False),
        (Indicator.Direction.LOWER, "10", "0", None, True),
        (Indicator.Direction.HIGHER, "2", None, None, False),
    ],
)
def test_achievement_and_target_met_in_both_directions(direction, target, actual, achievement, met):
    row = status(direction, target, actual)
    assert (row.achievement, row.met) == (achievement, met)


def test_a_value_recorded_later_does_not_change_an_earlier_day(
    committee, certificates, secretariat
):
    with at(Q2_END, 16):
        record(certificates, secretariat, Q2_END, "1350000")
    with at(Q3_END, 16):
        record(certificates, secretariat, Q3_END, "1620000")
    with at(date(2025, 10, 15)):
        record(certificates, secretariat, Q2_END, "1400000", "Điều chỉnh số liệu quý II")
        record(certificates, secretariat, date(2025, 10, 10), "1700000")

    def actual_on(day):
        (row,) = selectors.indicators_as_of(committee, day)
        return row["actual"], row["period_end"]

    assert actual_on(date(2025, 6, 29)) == (None, None)
    assert actual_on(Q2_END) == (Decimal("1350000"), Q2_END)
    assert actual_on(date(2025, 9, 29)) == (Decimal("1350000"), Q2_END)
    assert actual_on(Q3_END) == (Decimal("1620000"), Q3_END)
    assert actual_on(date(2025, 10, 14)) == (Decimal("1620000"), Q3_END)
    assert actual_on(date(2025, 10, 15)) == (Decimal("1700000"), date(2025, 10, 10))


def test_as_of_rows_carry_target_achievement_and_met(committee, certificates, secretariat):
    with at(Q3_END, 16):
        record(certificates, secretariat, Q3_END, "1620000")
    assert selectors.indicators_as_of(committee, Q3_END) == [
        {
            "code": "CT-02",
            "name": "Số giấy chứng nhận quyền sử dụng đất được làm sạch",
            "unit": "giấy chứng nhận",
            "target": Decimal("2025000"),
            "actual": Decimal("1620000"),
            "period_end": Q3_END,
            "achievement": Decimal("80.00"),
            "met": False,
        }
    ]
