"""Reads of the committee's data: indicators against their targets, as of any day."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from steering.models import Agency, Committee, Indicator, IndicatorValue
from tasks.rules import end_of

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator with the latest actual value known at the end of some day."""

    indicator: Indicator
    actual: Decimal | None
    period_end: date | None

    @property
    def achievement(self) -> Decimal | None:
        """Percent of the target achieved: actual/target, or target/actual when lower is better."""
        target, actual = self.indicator.target_value, self.actual
        if self.indicator.direction == Indicator.Direction.LOWER:
            target, actual = actual, target
        if actual is None or target is None or not target:
            return None
        return (actual / target * HUNDRED).quantize(Decimal("0.01"))

    @property
    def met(self) -> bool:
        if self.actual is None:
            return False
        if self.indicator.direction == Indicator.Direction.LOWER:
            return self.actual <= self.indicator.target_value
        return self.actual >= self.indicator.target_value

    def as_row(self) -> dict:
        return {
            "code": self.indicator.code,
            "name": self.indicator.name,
            "unit": self.indicator.unit,
            "target": self.indicator.target_value,
            "actual": self.actual,
            "period_end": self.period_end,
            "achievement": self.achievement,
            "met": self.met,
        }


def agency_choices(agencies) -> list[tuple[str, list[tuple[int, str]]]]:
    """The agencies as a picker's groups, in the order of ``Agency.Kind``: the departments, the
    communes' People's Committees, ... (empty groups left out)."""
    grouped: dict[str, list[tuple[int, str]]] = {kind: [] for kind in Agency.Kind.values}
    for agency in agencies:
        grouped[agency.kind].append((agency.pk, str(agency)))
    return [(Agency.Kind(kind).label, items) for kind, items in grouped.items() if items]


def indicator_statuses(indicators: QuerySet[Indicator], day: date) -> list[IndicatorStatus]:
    """Each indicator with its latest value for a period ending by ``day``, as it was recorded
    by the end of ``day``.

    Read from the values' history, so a value recorded later, or a later correction of an old
    period, does not change what an earlier day shows: a report regenerated later says the same.
    """
    end = end_of(day)
    indicators = list(indicators.select_related("agency"))
    versions = (
        IndicatorValue.history.filter(
            indicator_id__in=[i.pk for i in indicators],
            period_end__lte=day,
            history_date__lt=end,
        )
        .order_by("indicator_id", "-period_end", "-history_date", "-history_id")
        .values_list("indicator_id", "period_end", "history_type", "value")
    )
    latest: dict[int, tuple[Decimal, date]] = {}
    seen: set[tuple[int, date]] = set()
    for indicator_id, period_end, kind, value in versions:
        # The first version of each period is the one standing at ``end``; a deleted period
        # ("-") gives way to the period before it.
        if indicator_id in latest or (indicator_id, period_end) in seen:
            continue
        seen.add((indicator_id, period_end))
        if kind != "-":
            latest[indicator_id] = (value, period_end)
    return [IndicatorStatus(i, *latest.get(i.pk, (None, None))) for i in indicators]


def indicators_as_of(committee: Committee, day: date) -> list[dict]:
    """Rows of code, name, unit, target, actual, period end, achievement (%) and met on ``day``."""
    statuses = indicator_statuses(Indicator.objects.filter(committee=committee), day)
    return [status.as_row() for status in statuses]
