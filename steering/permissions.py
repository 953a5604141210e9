"""Which committee data a user may see. Every list and lookup goes through these querysets,
so a forgotten check returns nothing rather than everything."""

from django.db.models import QuerySet

from steering import roles
from steering.models import Committee, Document, Indicator, Meeting


def visible_committee_ids(user) -> list[int]:
    """The user's own committee and every committee below it (a parent sees its children)."""
    if roles.is_administrator(user):
        return list(Committee.objects.values_list("id", flat=True))
    own = roles.committee_id_of(user)
    if own is None:
        return []
    cached = getattr(user, "_visible_committees_cache", None)
    if cached is not None:
        return cached
    ids, frontier = [own], [own]
    while frontier:
        frontier = list(
            Committee.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
        )
        ids.extend(frontier)
    user._visible_committees_cache = ids
    return ids


def committees_visible_to(user) -> QuerySet[Committee]:
    return Committee.objects.filter(id__in=visible_committee_ids(user))


def meetings_visible_to(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee_id__in=visible_committee_ids(user))


def documents_visible_to(user) -> QuerySet[Document]:
    """Legal documents are public texts: every signed-in user may read the list."""
    return Document.objects.all()


def indicators_visible_to(user) -> QuerySet[Indicator]:
    """Every signed-in user reads the indicators of their committees."""
    return Indicator.objects.filter(committee_id__in=visible_committee_ids(user))


def can_record_indicator_values(user) -> bool:
    """The secretariat, and agency or commune officers (for their agency's indicators)."""
    return roles.is_secretariat(user) or (
        roles.is_officer(user) and roles.agency_id_of(user) is not None
    )


def indicators_recordable_by(user) -> QuerySet[Indicator]:
    """Indicators whose values the user may record: all for the secretariat, their agency's for
    officers, none for anyone else."""
    indicators = indicators_visible_to(user)
    if roles.is_secretariat(user):
        return indicators
    if not can_record_indicator_values(user):
        return indicators.none()
    return indicators.filter(agency_id=roles.agency_id_of(user))
