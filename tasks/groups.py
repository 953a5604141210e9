"""Groups of agencies written as one name: "UBND các xã, phường", "các sở, ban, ngành".

Plans assign a task to "UBND các xã, phường" (every commune and ward's People's Committee) or
to "các sở, ban, ngành" (every provincial department). Such a name is not an agency: it stands
for every agency of one kind (``Agency.Kind``) of the committee, and a task assigned to it gets
one assignment per agency, so each commune sees the task in its own register and reports on it.

This module is the one place that knows the phrases and what they expand to; the importer
(``tasks.resources.AgencyMatcher``) and the task form (``tasks.forms.TaskForm``) both use it.
It also holds ``agency_key``, the form in which agency names and phrases are compared.
"""

import functools
import re
from collections.abc import Iterable

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common.text import fold
from steering.models import Agency


@functools.lru_cache(maxsize=4096)
def agency_key(name: str) -> str:
    """The form agency names are compared in: folded, "UBND" spelt out, punctuation ignored."""
    key = fold(name)
    key = re.sub(r"\bubnd\b", "uy ban nhan dan", key)
    key = re.sub(r"\s*&\s*", "&", key)
    key = re.sub(r"[^\w&]+", " ", key)
    return " ".join(key.split())


class AgencyGroup(models.TextChoices):
    COMMUNES = "communes", _("All communes and wards (UBND các xã, phường)")
    DEPARTMENTS = "departments", _("All provincial departments (các sở, ban, ngành)")


# The kind of agency each group stands for.
KINDS = {
    AgencyGroup.COMMUNES: Agency.Kind.COMMUNE,
    AgencyGroup.DEPARTMENTS: Agency.Kind.DEPARTMENT,
}

# The names staff write for each group (compared with agency_key: any case, spacing,
# punctuation, with or without diacritics, "UBND" or "Ủy ban nhân dân").
PHRASES = {
    AgencyGroup.COMMUNES: [
        "UBND các xã, phường",
        "Ủy ban nhân dân các xã, phường",
        "các xã, phường",
        "UBND cấp xã",
        "UBND các xã",
        "UBND các phường, xã",
        "các phường, xã",
        "UBND các xã, phường, đặc khu",
        "các xã, phường, đặc khu",
    ],
    AgencyGroup.DEPARTMENTS: [
        "Các sở, ban, ngành",
        "sở, ban, ngành",
        "các sở, ngành",
        "các sở, ban, ngành tỉnh",
        "các sở, ban, ngành cấp tỉnh",
    ],
}
# Every phrase in agency_key form → its group.
BY_KEY = {agency_key(phrase): group for group, phrases in PHRASES.items() for phrase in phrases}


def group_of(name: str) -> AgencyGroup | None:
    """The group a name stands for, or None for the name of an agency (or an unknown one)."""
    return BY_KEY.get(agency_key(name))


def members(group: str, agencies: QuerySet | Iterable[Agency]) -> QuerySet | list[Agency]:
    """The active agencies of ``agencies`` the group stands for: a queryset stays a queryset
    (the task form's restricted choices), a list is filtered in memory (the importer's)."""
    kind = KINDS[group]
    if isinstance(agencies, QuerySet):
        return agencies.filter(kind=kind, is_active=True).order_by("name")
    return sorted((a for a in agencies if a.kind == kind and a.is_active), key=lambda a: a.name)


def expand(groups: Iterable[str], agencies: QuerySet | Iterable[Agency]) -> dict[str, list[Agency]]:
    """Each group's member agencies among ``agencies``."""
    return {group: list(members(group, agencies)) for group in groups}


def count_label(group: str, count: int) -> str:
    """ "135 xã, phường", "20 sở, ban, ngành" in the user's language."""
    if group == AgencyGroup.COMMUNES:
        text = ngettext("%(count)s commune or ward", "%(count)s communes and wards", count)
    else:
        text = ngettext("%(count)s department", "%(count)s departments", count)
    return text % {"count": count}


def expansion_label(name: str, group: str, count: int) -> str:
    """ "UBND các xã, phường → 135 xã, phường": what a group name in a file stands for."""
    return f"{name} → {count_label(group, count)}"


def empty_message(name: str, group: str) -> str:
    """Why a group name cannot be used: the committee has no agency of its kind yet."""
    if group == AgencyGroup.COMMUNES:
        text = gettext(
            '"%(name)s" stands for every commune and ward of the committee, but none is '
            "registered yet."
        )
    else:
        text = gettext(
            '"%(name)s" stands for every provincial department of the committee, but none is '
            "registered yet."
        )
    return text % {"name": name}
