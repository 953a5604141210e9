"""Demo data for the communes of both demo provinces, from the official list (loaded by
``steering.demo`` with ``communes.services.communes_load``): their infrastructure surveys, each
province's funding programme and requests at every stage of the workflow.

Gia Lai: 135 communes and wards, a 250-billion-VND programme and 130 requests. Tuyên Quang: 124
communes and wards, a 120-billion-VND programme of its own and a few dozen requests, handled by
its own reviewer and finance officer.

Everything is written through ``communes.services`` by the province's demo logins (the reviewer
reviews, finance allocates and pays; communes without their own login are served by the
administrator), then the workflow log is back-dated to the summer and autumn of 2025.
Idempotent: surveys are keyed on (commune, date), requests on (commune, title).
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from communes import services
from communes.models import (
    Commune,
    FundingProgramme,
    InvestmentRequest,
    LineItem,
    Survey,
    TransitionLog,
)
from communes.workflow import Action, Status
from steering.demo import backdate_notices
from steering.models import Agency, Committee

PROGRAMME = {
    "name": "Hỗ trợ đầu tư hạ tầng công nghệ thông tin cho các xã, phường năm 2025",
    "decision_number": "1520/QĐ-UBND",
    "decision_date": date(2025, 8, 5),
    "fiscal_year": 2025,
    "total": 250_000_000_000,
}
SURVEY_DATES = (date(2025, 3, 20), date(2025, 7, 18))
OWN_COMMUNE = "Phường Pleiku"  # the demo commune officer's (canbo.xa)
MANAGING_AGENCY = "Sở Khoa học và Công nghệ"
USERNAMES = ["admin", "canbo.xa", "thamdinh", "taichinh"]

TQ_PROGRAMME = {
    "name": "Hỗ trợ trang thiết bị công nghệ thông tin cho chính quyền cấp xã năm 2025",
    "decision_number": "1368/QĐ-UBND",
    "decision_date": date(2025, 8, 12),
    "fiscal_year": 2025,
    "total": 120_000_000_000,
}
TQ_OWN_COMMUNE = "Phường Minh Xuân"  # tq.canbo.xa's
TQ_USERS = {"own": "tq.canbo.xa", "reviewer": "tq.thamdinh", "finance": "tq.taichinh"}

# How many communes end at each stage (the rest file nothing); in this order over the communes.
STAGES = [
    (Status.COMPLETED, 20),
    (Status.PURCHASING, 40),
    (Status.ALLOCATED, 40),
    (Status.APPROVED, 8),
    (Status.UNDER_REVIEW, 6),
    (Status.SUBMITTED, 6),
    (Status.RETURNED, 4),
    (Status.REJECTED, 2),
    (Status.DRAFT, 4),
]
TQ_STAGES = [
    (Status.COMPLETED, 3),
    (Status.PURCHASING, 6),
    (Status.ALLOCATED, 8),
    (Status.APPROVED, 3),
    (Status.UNDER_REVIEW, 3),
    (Status.SUBMITTED, 4),
    (Status.RETURNED, 1),
    (Status.DRAFT, 2),
]
# The steps that lead to each stage.
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [Action.SUBMIT],
    Status.UNDER_REVIEW: [Action.SUBMIT, Action.START_REVIEW],
    Status.RETURNED: [Action.SUBMIT, Action.START_REVIEW, Action.RETURN],
    Status.REJECTED: [Action.SUBMIT, Action.START_REVIEW, Action.REJECT],
    Status.APPROVED: [Action.SUBMIT, Action.START_REVIEW, Action.APPROVE],
}
PATHS[Status.ALLOCATED] = [*PATHS[Status.APPROVED], Action.ALLOCATE]
PATHS[Status.PURCHASING] = [*PATHS[Status.ALLOCATED], Action.START_PURCHASING]
PATHS[Status.COMPLETED] = [*PATHS[Status.PURCHASING], Action.COMPLETE]

TITLE = "Đầu tư trang thiết bị công nghệ thông tin phục vụ chính quyền số cấp xã năm 2025"
JUSTIFICATION = (
    "Sau sắp xếp đơn vị hành chính, Ủy ban nhân dân và Trung tâm Phục vụ hành chính công cấp xã "
    "cần đủ máy tính, máy quét, mạng nội bộ và camera để giải quyết thủ tục hành chính trên môi "
    "trường điện tử theo Kế hoạch 02-KH/BCĐTW."
)
# (category, description, quantity range, unit price in VND)
CATALOGUE = [
    (LineItem.Category.COMPUTERS, "Máy tính để bàn cấu hình văn phòng", (25, 55), 18_500_000),
    (LineItem.Category.SCANNERS, "Máy quét tài liệu tốc độ cao hai mặt", (4, 10), 26_000_000),
    (LineItem.Category.NETWORK, "Thiết bị mạng nội bộ và tường lửa", (1, 1), 320_000_000),
    (
        LineItem.Category.CAMERAS,
        "Camera giám sát Trung tâm Phục vụ hành chính công",
        (8, 20),
        8_500_000,
    ),
    (LineItem.Category.SERVERS, "Máy chủ lưu trữ dữ liệu", (1, 1), 380_000_000),
    (
        LineItem.Category.SOFTWARE,
        "Bản quyền phần mềm hệ điều hành và văn phòng",
        (25, 55),
        4_200_000,
    ),
    (LineItem.Category.TRAINING, "Bồi dưỡng kỹ năng số cho cán bộ, công chức", (1, 1), 85_000_000),
]
RETURN_REASON = "Đề nghị bổ sung báo giá của ít nhất ba nhà cung cấp cho máy quét và camera."
REJECT_REASON = "Xã đã được đầu tư máy chủ và mạng nội bộ từ nguồn Đề án 06 năm 2024."
LOWER_REASON = "Giảm số lượng máy tính theo định mức trang bị cho cán bộ, công chức cấp xã."


def _survey_fields(rng: random.Random, earlier: bool) -> dict:
    computers = rng.randint(12, 45)
    return {
        "computers": computers,
        "computers_over_5_years": rng.randint(computers // 4, computers * 3 // 4),
        "scanners": rng.randint(0, 4),
        "printers": rng.randint(3, 12),
        "bandwidth_mbps": rng.choice([20, 30, 50, 80, 100, 150, 200, 300]) // (2 if earlier else 1),
        "has_lan": rng.random() > (0.4 if earlier else 0.15),
        "cameras": rng.randint(0, 8),
        "service_centre_ready": rng.random() > (0.5 if earlier else 0.2),
        "trained_staff": rng.choice([0, 0, 2, 5, 8, 12, 20]),
        "notes": "",
    }


def _items(rng: random.Random) -> list[services.ItemData]:
    return [
        {"category": c, "description": d, "quantity": rng.randint(*q), "unit_price": p}
        for c, d, q, p in CATALOGUE
    ]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def seed_surveys(communes: list[Commune], surveyor, *, twice: bool = True) -> None:
    existing = set(Survey.objects.values_list("commune_id", "surveyed_on"))
    for index, commune in enumerate(communes):
        rng = random.Random(commune.code)
        # A third of the communes were also surveyed in March: their history has two surveys.
        dates = SURVEY_DATES if twice and index % 3 == 0 else SURVEY_DATES[1:]
        for day in dates:
            if (commune.pk, day) not in existing:
                fields = _survey_fields(rng, earlier=day != SURVEY_DATES[-1])
                services.survey_record(commune=commune, user=surveyor, surveyed_on=day, **fields)


def _advance(request, users, target, programme, rng, decided_on: date, last_day: date) -> None:
    """Take the steps that lead to ``target``; pay out what the stage implies (finance decides
    the allocation on ``decided_on``, pays no later than ``last_day``)."""
    for action in PATHS[target]:
        data: dict = {}
        if action == Action.APPROVE:
            # Most are approved in full; one in four is cut by up to 15%.
            cut = rng.choice([0, 0, 0, rng.randint(5, 15)])
            lower = request.requested_amount * (100 - cut) // 100 // 1_000_000 * 1_000_000
            data = {
                "approved_amount": lower if cut else request.requested_amount,
                "reason": LOWER_REASON if cut else "",
            }
        elif action == Action.RETURN:
            data = {"reason": RETURN_REASON}
        elif action == Action.REJECT:
            data = {"reason": REJECT_REASON}
        elif action == Action.ALLOCATE:
            data = {
                "programme": programme,
                "amount": request.approved_amount,
                "decision_number": f"{2100 + request.pk}/QĐ-UBND",
                "decided_on": decided_on,
            }
        elif action == Action.COMPLETE:
            data = {
                "acceptance_record": f"Biên bản nghiệm thu số {request.pk}/BB-UBND, đạt yêu cầu."
            }
        request = services.request_act(request=request, user=users[action], action=action, **data)
    if target in (Status.PURCHASING, Status.COMPLETED):
        allocation = request.allocation
        advance = allocation.amount // 2
        paid_on = min(allocation.decided_on + timedelta(days=15), last_day)
        services.disbursement_create(
            allocation=allocation,
            user=users[Action.ALLOCATE],
            amount=advance,
            paid_on=paid_on,
            reference=f"UNC-{request.pk:04d}-1",
        )
        if target == Status.COMPLETED:
            services.disbursement_create(
                allocation=allocation,
                user=users[Action.ALLOCATE],
                amount=allocation.amount - advance,
                paid_on=min(paid_on + timedelta(days=40), last_day),
                reference=f"UNC-{request.pk:04d}-2",
            )


def _step_days(submitted: date, decided: date | None, scale: float = 1.0) -> dict:
    """The day of each workflow step of a request filed on ``submitted`` (its allocation
    decided on ``decided``); ``scale`` shortens the intervals of a recent request."""

    def after(start: date, days: int) -> date:
        return start + timedelta(days=max(1, round(days * scale)))

    days = {Action.SUBMIT: submitted, Action.START_REVIEW: after(submitted, 2)}
    for action in (Action.APPROVE, Action.RETURN, Action.REJECT):
        days[action] = after(submitted, 9)
    if decided:
        days[Action.ALLOCATE] = decided
        days[Action.START_PURCHASING] = after(decided, 5)
        days[Action.COMPLETE] = after(decided, 60)
    return days


def _backdate(request: InvestmentRequest, days: dict, drafted: date) -> None:
    """Move the request and its workflow log to their days (``days``: action -> day, from
    ``_step_days``; ``drafted``: its creation), so reports as of a past date see them as they
    were then, and the queues' "last change" agrees with the log."""
    steps = list(request.transitions.order_by("at", "id"))
    real = [step.at for step in steps]
    for step in steps:
        step.at = _at(days[step.action])
    TransitionLog.objects.bulk_update(steps, ["at"])
    InvestmentRequest.objects.filter(pk=request.pk).update(
        created_at=_at(drafted), updated_at=steps[-1].at if steps else _at(drafted)
    )
    allocation = getattr(request, "allocation", None)
    if allocation is not None:
        type(allocation).objects.filter(pk=allocation.pk).update(
            created_at=_at(allocation.decided_on)
        )
        for payment in allocation.disbursements.all():
            type(payment).objects.filter(pk=payment.pk).update(created_at=_at(payment.paid_on))
    # Each history row (who changed the amounts, when) moves with the step that wrote it; the
    # rows written before the first step (the draft) move to the day it was drafted.
    for row in request.history.all():
        done = [step for step, at in zip(steps, real, strict=True) if at <= row.history_date]
        row.history_date = done[-1].at if done else _at(drafted)
        row.save(update_fields=["history_date"])


def _file(commune, author, users, target, programme, title, rng, days, last_day, today=None):
    """One request of ``commune`` taken to ``target`` and dated by ``days(request)``, which
    returns (step days, day drafted); nothing after ``last_day``. Its notifications are dated
    with its last step (read unless in the two weeks before ``today``, the seed day)."""
    mark = timezone.now()
    request = services.request_create(
        commune=commune, user=author, title=title, justification=JUSTIFICATION, items=_items(rng)
    )
    actors = {
        Action.SUBMIT: author,
        Action.START_PURCHASING: author,
        Action.COMPLETE: author,
        Action.START_REVIEW: users["reviewer"],
        Action.APPROVE: users["reviewer"],
        Action.RETURN: users["reviewer"],
        Action.REJECT: users["reviewer"],
        Action.ALLOCATE: users["finance"],
    }
    step_days, drafted = days(request)
    decided = step_days.get(Action.ALLOCATE, step_days[Action.SUBMIT])
    _advance(request, actors, target, programme, rng, decided, last_day)
    request = InvestmentRequest.objects.get(pk=request.pk)
    _backdate(request, step_days, drafted)
    last = request.transitions.order_by("-at").values_list("at", flat=True).first()
    backdate_notices(mark, last or _at(drafted), today)


def seed_requests(
    communes: list[Commune],
    programme: FundingProgramme,
    users: dict,
    *,
    own_commune: str = OWN_COMMUNE,
    stages=STAGES,
) -> None:
    """The 2025 requests: drafted and filed in late July 2025, funded in September."""
    filed = set(InvestmentRequest.objects.filter(title=TITLE).values_list("commune_id", flat=True))
    plan = [status for status, count in stages for _ in range(count)]
    own = next(c for c in communes if c.name == own_commune)
    # The demo commune officer's ward first, so its login shows a request being purchased.
    ordered = [own, *(c for c in communes if c != own)]
    plan.insert(0, plan.pop(plan.index(Status.PURCHASING)))
    for index, (commune, target) in enumerate(zip(ordered, plan, strict=False)):
        if commune.pk in filed:
            continue
        submitted = date(2025, 7, 21) + timedelta(days=index % 9)

        def days(request, submitted=submitted):
            decided = date(2025, 9, 1) + timedelta(days=request.pk % 20)
            return _step_days(submitted, decided), submitted - timedelta(days=3)

        author = users["own"] if commune == own else users["admin"]
        rng = random.Random(commune.code * 7)
        _file(commune, author, users, target, programme, TITLE, rng, days, date(2025, 12, 31))


# The requests of the seed day's year, at every step, filed in the weeks and months before it:
# (stage, how many, how many days before the seed day they were filed).
LIVE_STAGES = [
    (Status.COMPLETED, 3, (110, 130)),
    (Status.PURCHASING, 5, (50, 90)),
    (Status.ALLOCATED, 5, (25, 45)),
    (Status.APPROVED, 4, (12, 24)),
    (Status.REJECTED, 1, (15, 30)),
    (Status.RETURNED, 2, (10, 14)),
    (Status.UNDER_REVIEW, 5, (3, 8)),
    (Status.SUBMITTED, 5, (1, 3)),
    (Status.DRAFT, 3, (1, 5)),
]
LIVE_PROGRAMME_TOTAL = 120_000_000_000


def live_year(today: date) -> int:
    """The fiscal year whose programme is running on ``today`` (a new year's programme is
    decided in January, so early in the year the previous one still is)."""
    return (today - timedelta(days=45)).year


def live_programme(today: date) -> dict | None:
    year = live_year(today)
    if year <= PROGRAMME["fiscal_year"]:
        return None
    return {
        "name": f"Hỗ trợ đầu tư hạ tầng công nghệ thông tin cho các xã, phường năm {year}",
        "decision_number": f"{180 + year % 100}/QĐ-UBND",
        "decision_date": date(year, 1, 20),
        "fiscal_year": year,
        "total": LIVE_PROGRAMME_TOTAL,
    }


def seed_live_requests(communes: list[Commune], programme: FundingProgramme, users, today: date):
    """The requests of the current programme, at every step, dated in the weeks before
    ``today`` (the seed day); the first from the demo commune officer's ward, just filed."""
    title = f"{TITLE.removesuffix(' năm 2025')} năm {programme.fiscal_year}"
    filed = set(InvestmentRequest.objects.filter(title=title).values_list("commune_id", flat=True))
    rng = random.Random(f"live {today.isoformat()}")
    plan = [(status, span) for status, count, span in LIVE_STAGES for _ in range(count)]
    own = next(c for c in communes if c.name == OWN_COMMUNE)
    others = rng.sample([c for c in communes if c != own], len(plan) - 1)
    plan.insert(0, plan.pop(plan.index((Status.SUBMITTED, (1, 3)))))
    room = (today - programme.decision_date).days - 5  # filed after the programme's decision
    scale = min(1.0, room / 130)
    latest = today - timedelta(days=1)
    for commune, (target, (low, high)) in zip([own, *others], plan, strict=True):
        back = max(1, round(rng.randint(low, high) * scale))
        if commune.pk in filed:
            continue
        submitted = today - timedelta(days=back)

        def days(request, submitted=submitted):
            decided = submitted + timedelta(days=max(1, round(14 * scale)))
            step_days = _step_days(submitted, min(decided, latest), scale)
            return {a: min(d, latest) for a, d in step_days.items()}, submitted - timedelta(1)

        author = users["own"] if commune == own else users["admin"]
        rng = random.Random(commune.code)
        _file(commune, author, users, target, programme, title, rng, days, latest, today)


def seed_programme(committee: Committee, values: dict) -> FundingProgramme:
    programme, _ = FundingProgramme.objects.update_or_create(
        committee=committee,
        decision_number=values["decision_number"],
        defaults={
            **values,
            "managing_agency": Agency.objects.get(committee=committee, name=MANAGING_AGENCY),
        },
    )
    # The programme has existed since its decision, for reports as of any later date.
    programme.history.update(history_date=_at(programme.decision_date))
    return programme


def seed_province(
    committee: Committee, programme: dict, usernames: dict, today: date, **options
) -> None:
    """A province's programme, surveys and requests (its communes are loaded already); for
    Gia Lai also the programme running on ``today`` with its requests."""
    names = list(usernames.values())
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    users = {key: users[name] for key, name in usernames.items()}
    programme = seed_programme(committee, programme)
    communes = list(Commune.objects.filter(committee=committee).order_by("code"))
    seed_surveys(communes, users["reviewer"], twice=options.pop("twice", True))
    live = options.pop("live", False) and live_programme(today)
    seed_requests(communes, programme, users, **options)
    if live:
        seed_live_requests(communes, seed_programme(committee, live), users, today)


def seed(demo, today: date) -> None:
    """Both provinces' programmes, surveys and requests (idempotent); ``demo`` is what
    ``steering.demo.seed`` returned, ``today`` the seed day."""
    seed_province(
        demo.gia_lai,
        PROGRAMME,
        {"own": "canbo.xa", "admin": "admin", "reviewer": "thamdinh", "finance": "taichinh"},
        today,
        live=True,
    )
    seed_province(
        demo.tuyen_quang,
        TQ_PROGRAMME,
        {**TQ_USERS, "admin": "admin"},
        today,
        own_commune=TQ_OWN_COMMUNE,
        stages=TQ_STAGES,
        twice=False,
    )
