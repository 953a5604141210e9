"""Who sees and acts on which communes and requests. Every page, form, API call and download
scopes its queries through these functions, so a forgotten check returns nothing.

- Secretariat, leaders, reviewers and finance read every commune of the provinces their
  committees follow (``Committee.province_code``) and every request those communes filed.
- A commune officer sees only their own commune (the one whose People's Committee is their
  agency) and its requests, drafts included; other agency officers see no commune.
- Each workflow step is taken only by its actor (``communes.workflow``); administrators may
  take any.
"""

from django.db.models import Q, QuerySet

from communes.models import Allocation, Attachment, Commune, FundingProgramme, InvestmentRequest
from communes.workflow import DISBURSABLE, EDITABLE, TRANSITIONS, Actor, Status, Transition
from steering import roles
from steering.permissions import committees_visible_to
from steering.roles import Role

READERS = (Role.SECRETARIAT, Role.LEADER, Role.REVIEWER, Role.FINANCE, Role.ADMINISTRATOR)


def is_commune_officer(user) -> bool:
    return roles.has_role(user, Role.COMMUNE_OFFICER)


def reads_all_communes(user) -> bool:
    return roles.has_role(user, *READERS)


def sees_communes(user) -> bool:
    return reads_all_communes(user) or is_commune_officer(user)


def reviews_requests(user) -> bool:
    return roles.has_role(user, Role.REVIEWER, Role.ADMINISTRATOR)


def handles_money(user) -> bool:
    return roles.has_role(user, Role.FINANCE, Role.ADMINISTRATOR)


def communes_visible_to(user) -> QuerySet[Commune]:
    if roles.is_administrator(user):
        return Commune.objects.all()
    if reads_all_communes(user):
        provinces = committees_visible_to(user).exclude(province_code=None)
        return Commune.objects.filter(province_code__in=provinces.values("province_code"))
    agency_id = roles.agency_id_of(user)
    if not is_commune_officer(user) or agency_id is None:
        return Commune.objects.none()
    return Commune.objects.filter(agency_id=agency_id)


def requests_visible_to(user) -> QuerySet[InvestmentRequest]:
    """A draft stays with its commune until it is submitted."""
    requests = InvestmentRequest.objects.all()
    if roles.is_administrator(user):
        return requests
    requests = requests.filter(commune__in=communes_visible_to(user))
    if reads_all_communes(user):
        return requests.exclude(status=Status.DRAFT)
    return requests


def communes_filable_by(user) -> QuerySet[Commune]:
    """Communes the user may file requests for: their own (administrators: any)."""
    if roles.is_administrator(user):
        return Commune.objects.all()
    if not is_commune_officer(user):
        return Commune.objects.none()
    return communes_visible_to(user)


def requests_editable_by(user) -> QuerySet[InvestmentRequest]:
    return InvestmentRequest.objects.filter(
        commune__in=communes_filable_by(user), status__in=EDITABLE
    )


def allocations_disbursable_by(user) -> QuerySet[Allocation]:
    if not handles_money(user):
        return Allocation.objects.none()
    return Allocation.objects.filter(
        request__status__in=DISBURSABLE, request__commune__in=communes_visible_to(user)
    )


def attachments_visible_to(user) -> QuerySet[Attachment]:
    return Attachment.objects.filter(request__in=requests_visible_to(user))


def may_act(user, request: InvestmentRequest, transition: Transition) -> bool:
    """Whether the user is the transition's actor for this request (state not considered)."""
    if roles.is_administrator(user):
        return True
    if transition.actor == Actor.COMMUNE:
        return is_commune_officer(user) and request.commune.agency_id == roles.agency_id_of(user)
    if transition.actor == Actor.REVIEWER:
        return roles.has_role(user, Role.REVIEWER)
    return roles.has_role(user, Role.FINANCE)


def actions_for(user, request: InvestmentRequest) -> list[Transition]:
    """The transitions the user may take on the request now: the buttons to show."""
    return [
        t for t in TRANSITIONS.values() if request.status in t.sources and may_act(user, request, t)
    ]


def programmes_visible_to(user) -> QuerySet[FundingProgramme]:
    """Programmes funding a commune the user may see, and programmes that fund none yet
    (a programme has no province of its own: until it funds a commune, only its name and
    total are known)."""
    if roles.is_administrator(user):
        return FundingProgramme.objects.all()
    if not reads_all_communes(user):
        return FundingProgramme.objects.none()
    seen = Allocation.objects.filter(request__commune__in=communes_visible_to(user))
    return FundingProgramme.objects.filter(
        Q(pk__in=seen.values("programme_id")) | ~Q(pk__in=Allocation.objects.values("programme_id"))
    )
