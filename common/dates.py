"""The range of dates the portal accepts: one validator, and the model, form and API fields
that apply it.

01/01/2000 to 31/12/2100. Every date the portal records lies in it: the oldest documents a
Resolution 57 register cites as its basis (the Law on Information Technology, 2006; the Law on
Science and Technology, 2013) are after 2000, and its furthest horizon (the 2045 vision, plans
"2025-2045") is well before 2100. A date outside is a typing slip, such as 31/12/9999 or
01/01/0001, which would otherwise be kept for good: a survey dated 9999 would stay a commune's
"latest survey" forever.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.forms import DateInput

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def validate_date(value: date) -> None:
    """Refuse a date outside ``EARLIEST`` .. ``LATEST``; forms and the API put the message on
    the field."""
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_range",
            params={"earliest": f"{EARLIEST:%d/%m/%Y}", "latest": f"{LATEST:%d/%m/%Y}"},
        )


class DateField(models.DateField):
    """A model date field with :func:`validate_date`, which model forms, the admin and
    ``ModelSerializer`` run. Migrations see a plain DateField: a validator changes no column."""

    default_validators = [validate_date]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs


class DateFormField(forms.DateField):
    """A form's dd/mm/yyyy date, with :func:`validate_date`."""

    widget = DateInput
    default_validators = [validate_date]


class DateAPIField(serializers.DateField):
    """An API input's date, with :func:`validate_date` (a 400 naming the field)."""

    default_validators = [validate_date]
