"""Every write about communes and their money: one function per business action.

Pages, the API, the admin and the demo call these; none of them writes a request, an
allocation or a disbursement directly. The user is passed explicitly and recorded in the
history and the workflow log (no request-global "current user").

Lock order, where several rows are locked: programme, then request, then allocation.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import PurePath
from typing import Any, TypedDict

import vietnam_provinces
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.money import format_vnd
from common.text import fold, nfc
from communes import notices
from communes.models import (
    Allocation,
    Attachment,
    Commune,
    Disbursement,
    FundingProgramme,
    InvestmentRequest,
    LineItem,
    Survey,
    TransitionLog,
)
from communes.selectors import allocation_disbursed, programme_allocated
from communes.workflow import DISBURSABLE, EDITABLE, TRANSITIONS, Action, Transition
from steering import authz
from steering.demo import commune_agency_name
from steering.models import Agency, Committee
from tasks.evidence import validate_evidence
from tasks.services import check_version


class ItemData(TypedDict):
    category: str
    description: str
    quantity: int
    unit_price: int


KINDS = {
    vietnam_provinces.VietNamDivisionType.XA: Commune.Kind.COMMUNE,
    vietnam_provinces.VietNamDivisionType.PHUONG: Commune.Kind.WARD,
    vietnam_provinces.VietNamDivisionType.DAC_KHU: Commune.Kind.SPECIAL_ZONE,
}


def province_of(name: str) -> vietnam_provinces.Province:
    wanted = fold(name)
    for province in vietnam_provinces.Province.iter_all():
        if wanted in {fold(province.name), fold(province.name.removeprefix("Thành phố "))}:
            return province
    raise ValidationError(_('There is no province named "%(name)s".') % {"name": name})


@transaction.atomic
def communes_load(*, committee: Committee, province: str) -> tuple[int, int]:
    """Load a province's communes and wards from the official list; returns (created, updated).

    The communes belong to ``committee`` (the province's steering committee); each commune's
    People's Committee is that committee's Agency of the same name (created if missing), so
    tasks the province assigns to that agency belong to the commune.
    """
    source = province_of(province)
    wards = list(vietnam_provinces.Ward.iter_by_province(source.code))
    names = {ward.code: commune_agency_name(ward.name) for ward in wards}
    agencies = {
        a.name: a for a in Agency.objects.filter(committee=committee, name__in=names.values())
    }
    existing = Commune.objects.in_bulk([int(ward.code) for ward in wards], field_name="code")
    created = updated = 0
    for ward in wards:
        agency = agencies.get(names[ward.code])
        if agency is None:
            agency = Agency.objects.create(
                committee=committee,
                name=names[ward.code],
                short_name=f"UBND {ward.name[0].lower()}{ward.name[1:]}",
                kind=Agency.Kind.COMMUNE,
                aliases=ward.name,
            )
        values = {
            "name": nfc(ward.name),
            "search_text": fold(ward.name),
            "kind": KINDS[ward.division_type],
            "province_code": int(source.code),
            "province_name": source.name,
            "agency": agency,
            "committee": committee,
        }
        commune = existing.get(int(ward.code))
        if commune is None:
            Commune.objects.create(code=int(ward.code), **values)
            created += 1
        elif any(getattr(commune, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(commune, field, value)
            commune.save()
            updated += 1
    return created, updated


@transaction.atomic
def survey_record(*, commune: Commune, user, surveyed_on: date, **fields: Any) -> Survey:
    """Record a survey; it becomes the commune's latest unless a newer one exists."""
    authz.ensure(user, "survey", commune)
    survey = Survey(commune=commune, surveyed_on=surveyed_on, surveyed_by=user, **fields)
    survey.full_clean()
    survey.save()
    # Lock the commune so two surveys recorded at once cannot leave the older one as latest.
    locked = Commune.objects.select_for_update().get(pk=commune.pk)
    if locked.latest_survey is None or locked.latest_survey.surveyed_on < surveyed_on:
        locked.latest_survey = survey
        locked.save(update_fields=["latest_survey"])
    return survey


def _line_items(items: Sequence[ItemData]) -> list[LineItem]:
    """Validated, unsaved line items; every error names its line and field.

    Each error also carries, in its params, the line's position in ``items`` (``index``, from
    0) and the field's name (``name``), so the API can point at ``items[index].name``.
    """
    if not items:
        raise ValidationError({"items": _("Add at least one line item.")})
    built, errors = [], []
    for index, data in enumerate(items):
        item = LineItem(**data)
        item.clean_text()  # written by bulk_create, without save()
        try:
            # The validators give the messages; the table's constraints only back them up.
            item.full_clean(exclude=["request"], validate_constraints=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                label = LineItem._meta.get_field(field).verbose_name
                errors += [
                    ValidationError(
                        _("Line %(number)s, %(field)s: %(error)s"),
                        code="line_item",
                        params={
                            "number": index + 1,
                            "field": label,
                            "error": message,
                            "index": index,
                            "name": field,
                        },
                    )
                    for message in messages
                ]
        built.append(item)
    if errors:
        raise ValidationError({"items": errors})
    return built


def _validate_files(files: Iterable) -> None:
    errors = []
    for upload in files:
        try:
            validate_evidence(upload)
        except ValidationError as exc:
            errors += exc.messages
    if errors:
        raise ValidationError({"files": errors})


def _save(request: InvestmentRequest, user) -> None:
    if request.pk is not None:
        request.version += 1
    request.updated_by = user
    request._history_user = user
    request.full_clean(exclude=["created_by"], validate_constraints=False)
    request.save()


def _attach(request: InvestmentRequest, user, files: Iterable) -> None:
    for upload in files:
        Attachment.objects.create(
            request=request,
            file=upload,
            original_name=PurePath(upload.name).name[:255],
            content_type=validate_evidence(upload),
            size=upload.size,
            uploaded_by=user,
        )


def _fill(request: InvestmentRequest, user, items: Sequence[ItemData], files: Sequence) -> None:
    """Save the request with these line items (replacing any) and its total; attach files."""
    built = _line_items(items)
    _validate_files(files)
    request.requested_amount = sum(item.amount for item in built)
    _save(request, user)
    request.items.all().delete()
    for item in built:
        item.request = request
    LineItem.objects.bulk_create(built)
    _attach(request, user, files)


@transaction.atomic
def request_create(
    *,
    commune: Commune,
    user,
    title: str,
    justification: str,
    items: Sequence[ItemData],
    files: Sequence = (),
) -> InvestmentRequest:
    """A commune files a request (as a draft, to be submitted)."""
    if not authz.can(user, authz.Capability.FILE_REQUESTS, commune):
        raise PermissionDenied(_("Only the commune's own officer may file its requests."))
    request = InvestmentRequest(
        commune=commune, title=title, justification=justification, created_by=user
    )
    _fill(request, user, items, files)
    return request


@transaction.atomic
def request_update(
    *,
    request: InvestmentRequest,
    user,
    title: str,
    justification: str,
    items: Sequence[ItemData],
    files: Sequence = (),
    expected_version: int | None = None,
) -> InvestmentRequest:
    """The commune edits a draft or a request returned for revision; with
    ``expected_version``, only if nobody saved it since that version was read."""
    # Lock the request so a submission (or the reviewer) cannot interleave with the edit.
    locked = InvestmentRequest.objects.select_for_update().get(pk=request.pk)
    check_version(locked, expected_version)
    if not authz.can(user, authz.Capability.FILE_REQUESTS, locked.commune):
        raise PermissionDenied(_("Only the commune's own officer may change its requests."))
    if locked.status not in EDITABLE:
        raise ValidationError(
            _("A request that is %(status)s can no longer be changed.")
            % {"status": locked.get_status_display().lower()}
        )
    locked.title, locked.justification = title, justification
    _fill(locked, user, items, files)
    return locked


def _check(request: InvestmentRequest, user, transition: Transition) -> None:
    if not authz.may_act(user, request, transition):
        raise PermissionDenied(
            _("Only %(actor)s may do this: %(action)s.")
            % {"actor": transition.actor.label, "action": transition.action.label.lower()}
        )
    if request.status not in transition.sources:
        raise ValidationError(
            {
                "action": _('"%(action)s" is not possible while the request is %(status)s.')
                % {
                    "action": transition.action.label,
                    "status": request.get_status_display().lower(),
                }
            }
        )


def _move(
    request: InvestmentRequest, user, transition: Transition, note: str = ""
) -> TransitionLog:
    log = TransitionLog.objects.create(
        request=request,
        action=transition.action,
        from_status=request.status,
        to_status=transition.target,
        user=user,
        at=timezone.now(),
        note=note,
    )
    request.status = transition.target
    _save(request, user)
    return log


# The steps told to the next step's people and the commune (communes.notices).
TOLD_STEPS = {
    Action.SUBMIT: "submitted",
    Action.RETURN: "returned",
    Action.APPROVE: "approved",
    Action.REJECT: "rejected",
}


def _lock(request: InvestmentRequest) -> InvestmentRequest:
    # The row lock makes each step see the state the previous step left: two reviewers
    # clicking at once cannot both approve, nor can the commune edit while one does.
    return (
        InvestmentRequest.objects.select_for_update(of=("self",))
        .select_related("commune")
        .get(pk=request.pk)
    )


@transaction.atomic
def request_transition(
    *,
    request: InvestmentRequest,
    user,
    action: str,
    reason: str = "",
    approved_amount: int | None = None,
    acceptance_record: str = "",
) -> InvestmentRequest:
    """Take one step of the workflow other than allocating (see ``allocation_create``)."""
    transition = TRANSITIONS.get(action)
    if transition is None or transition.action == Action.ALLOCATE:
        raise ValidationError({"action": _("Unknown action.")})
    locked = _lock(request)
    _check(locked, user, transition)
    reason = reason.strip()
    if transition.action == Action.SUBMIT and not locked.items.exists():
        raise ValidationError({"items": _("Add at least one line item.")})
    if transition.action == Action.APPROVE:
        if approved_amount is None or approved_amount <= 0:
            raise ValidationError(
                {"approved_amount": _("Enter the approved amount, greater than 0 VND.")}
            )
        if approved_amount > locked.requested_amount:
            raise ValidationError(
                {"approved_amount": _("The approved amount cannot exceed the requested amount.")}
            )
        if approved_amount < locked.requested_amount and not reason:
            raise ValidationError(
                {"reason": _("Give the reason for approving less than was requested.")}
            )
        locked.approved_amount = approved_amount
    if transition.action in (Action.RETURN, Action.REJECT):
        if not reason:
            raise ValidationError({"reason": _("Give the reason.")})
    if transition.action in (Action.APPROVE, Action.RETURN, Action.REJECT):
        locked.review_reason = reason
    if transition.action == Action.COMPLETE:
        if not acceptance_record.strip():
            raise ValidationError(
                {"acceptance_record": _("Describe the acceptance record (number, date, result).")}
            )
        locked.acceptance_record = acceptance_record.strip()
        reason = locked.acceptance_record
    log = _move(locked, user, transition, reason)
    if step := TOLD_STEPS.get(transition.action):
        amount = locked.approved_amount if transition.action == Action.APPROVE else None
        notices.request_step(
            locked, step, key=f"log:{log.pk}", actor=user, amount=amount, detail=reason
        )
    return locked


@transaction.atomic
def allocation_create(
    *,
    request: InvestmentRequest,
    user,
    programme: FundingProgramme,
    amount: int,
    decision_number: str,
    decided_on: date,
) -> Allocation:
    """Finance allocates programme money to an approved request (at most what was approved).

    The programme row is locked first: two finance officers allocating from the same programme
    at the same moment are serialised, and the second sees the first's allocation in the sum,
    so the programme's total is never exceeded.
    """
    if programme.committee_id != request.commune.committee_id:
        # A forged or stale choice: only the request's own province's programmes fund it.
        raise ValidationError(
            {"programme": _("This programme does not fund the communes of this province.")}
        )
    locked_programme = FundingProgramme.objects.select_for_update().get(pk=programme.pk)
    locked = _lock(request)
    _check(locked, user, TRANSITIONS[Action.ALLOCATE])
    remaining = locked_programme.total - programme_allocated(locked_programme)
    errors = {}
    if amount <= 0:
        errors["amount"] = _("The amount must be greater than 0 VND.")
    elif amount > (locked.approved_amount or 0):
        errors["amount"] = _("The amount cannot exceed the approved %(approved)s.") % {
            "approved": format_vnd(locked.approved_amount or 0)
        }
    elif amount > remaining:
        errors["amount"] = _("The amount exceeds the programme's remaining %(remaining)s.") % {
            "remaining": format_vnd(remaining)
        }
    if not decision_number.strip():
        errors["decision_number"] = _("Enter the number of the allocation decision.")
    if errors:
        raise ValidationError(errors)
    allocation = Allocation(
        programme=locked_programme,
        request=locked,
        amount=amount,
        decision_number=nfc(decision_number),
        decided_on=decided_on,
        created_by=user,
    )
    allocation._history_user = user
    allocation.save()
    log = _move(locked, user, TRANSITIONS[Action.ALLOCATE], allocation.decision_number)
    notices.request_step(
        locked,
        "allocated",
        key=f"log:{log.pk}",
        actor=user,
        amount=amount,
        decision=allocation.decision_number,
    )
    return allocation


def request_act(*, request: InvestmentRequest, user, action: str, **data: Any) -> InvestmentRequest:
    """Any workflow step by its action name: the one entry point of pages and the API."""
    if action == Action.ALLOCATE:
        return allocation_create(request=request, user=user, **data).request
    return request_transition(request=request, user=user, action=action, **data)


@transaction.atomic
def disbursement_create(
    *, allocation: Allocation, user, amount: int, paid_on: date, reference: str
) -> Disbursement:
    """Finance pays out part of an allocation; the payments never exceed it."""
    if not authz.can(user, authz.Capability.HANDLE_MONEY, allocation):
        raise PermissionDenied(_("Only finance may record disbursements."))
    # Lock the allocation so two payments recorded at once cannot together exceed it.
    locked = (
        Allocation.objects.select_for_update(of=("self",))
        .select_related("request")
        .get(pk=allocation.pk)
    )
    remaining = locked.amount - allocation_disbursed(locked)
    errors = {}
    if locked.request.status not in DISBURSABLE:
        errors["__all__"] = _("Payments are recorded only once funds are allocated.")
    if amount <= 0:
        errors["amount"] = _("The amount must be greater than 0 VND.")
    elif amount > remaining:
        errors["amount"] = _(
            "The amount exceeds what is left of the allocation: %(remaining)s."
        ) % {"remaining": format_vnd(remaining)}
    if not reference.strip():
        errors["reference"] = _("Enter the payment reference.")
    if errors:
        raise ValidationError(errors)
    disbursement = Disbursement(
        allocation=locked, amount=amount, paid_on=paid_on, reference=nfc(reference), created_by=user
    )
    disbursement._history_user = user
    disbursement.save()
    notices.request_step(
        locked.request,
        "disbursed",
        key=f"disbursement:{disbursement.pk}",
        actor=user,
        amount=amount,
        reference=disbursement.reference,
    )
    return disbursement
