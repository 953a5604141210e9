"""Writes to the committee's data that carry business rules: recording indicator values.

Who made each change is passed explicitly and recorded in the history (no request-global
"current user").
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from steering import authz
from steering.models import Indicator, IndicatorValue


@transaction.atomic
def indicator_value_record(
    *, indicator: Indicator, user, period_end: date, value: Decimal, note: str = ""
) -> IndicatorValue:
    """Record (or correct) the actual value of ``indicator`` at the end of a period."""
    authz.ensure(user, "record", indicator)
    if period_end > timezone.localdate():
        raise ValidationError(
            {
                "period_end": _(
                    "The period ending %(date)s has not ended yet; record its value once it has."
                )
                % {"date": date_format(period_end, "SHORT_DATE_FORMAT")}
            }
        )
    # Two people recording the same period at once would both insert; the indicator's row
    # lock makes the second one update the first one's row instead.
    Indicator.objects.select_for_update().get(pk=indicator.pk)
    record = IndicatorValue.objects.filter(indicator=indicator, period_end=period_end).first()
    if record is None:
        record = IndicatorValue(indicator=indicator, period_end=period_end)
    elif (record.value, record.note) == (value, note.strip()):
        return record
    record.value, record.note = value, note
    record.recorded_by, record.recorded_at = user, timezone.now()
    record.full_clean()
    record._history_user = user
    record.save()
    return record
