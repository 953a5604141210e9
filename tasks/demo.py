"""Demo task register: the 147 Resolution 57 tasks a province reported in 2025.

Gia Lai's register lives in ``data/register_gia_lai.xlsx``, an annex in the layout staff import
(plus a few columns of the demo's own, which the importer ignores), and is imported through the
importer (``tasks.imports``); every other task and every history entry is written through
``tasks.services`` (and ``tasks.followup`` for extensions); each log entry's recorded time (and
each task's creation time) is then back-dated. The histories run
to the province's Q3/2025 review, so the register replayed as of 30/09/2025 gives the seeds'
figures: 147 tasks, 76 completed, 68 in progress, 3 not started; then ``_after_q3`` carries the
work on up to the seed day (a function of that day, passed down from ``seed_demo``), so the
register looks alive whenever the demo is loaded: completions over the months, reports in the
last weeks, and most late work granted a new deadline ahead.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import DateTimeField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from common.periods import quarter_of
from steering.demo import backdate_notices
from steering.models import Agency, Committee, Document, Meeting
from tasks import followup, services
from tasks.annex import cell_text, read_annex
from tasks.deadlines import parse_deadline
from tasks.models import Assignment, Extension, Field, ImportBatch, Level, ProgressUpdate, Task
from tasks.resources import TaskResource, YesNoWidget
from tasks.status import Status

END = date(2025, 9, 30)  # the province's Q3/2025 review: every history ends by then
TOTAL, COMPLETED, NOT_STARTED, LATE = 147, 76, 3, 10
AWAITING, RETURNED_OPEN, RETURNED_DONE, OVERDUE_OPEN = 9, 2, 5, 10

# Agency keys used in the table below -> the agencies' names (steering/data/agencies_*.csv).
AGENCIES = {
    "KHCN": ("Sở Khoa học và Công nghệ", "SKHCN"),
    "NV": ("Sở Nội vụ", "SNV"),
    "TC": ("Sở Tài chính", "STC"),
    "XD": ("Sở Xây dựng", "SXD"),
    "CT": ("Sở Công Thương", "SCT"),
    "NNMT": ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    "GDDT": ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    "YT": ("Sở Y tế", "SYT"),
    "VHTTDL": ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    "TP": ("Sở Tư pháp", "STP"),
    "DTTG": ("Sở Dân tộc và Tôn giáo", "SDTTG"),
    "KKT": ("Ban Quản lý Khu kinh tế tỉnh", "BQLKKT"),
    "PVHCC": ("Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC"),
    "CA": ("Công an tỉnh", "CAT"),
    "VPUB": ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND"),
    "BTC": ("Ban Tổ chức Tỉnh ủy", "BTCTU"),
    "TGDV": ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGDVTU"),
    "MTTQ": ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "MTTQ"),
    "BAO": ("Báo và Phát thanh, Truyền hình Gia Lai", "BPTTH"),
    "DHQN": ("Trường Đại học Quy Nhơn", "ĐHQN"),
    "ICISE": ("Trung tâm Quốc tế Khoa học và Giáo dục liên ngành", "ICISE"),
    "VIETTEL": ("Viettel Gia Lai", "VTGL"),
    "VNPT": ("VNPT Gia Lai", "VNPTGL"),
    "MOBI": ("MobiFone Gia Lai", "MBFGL"),
}
# Agencies with their own demo officer; every other agency's entries are typed by the secretariat.
OFFICERS = {
    "Sở Khoa học và Công nghệ": "canbo.khcn",
    "Sở Nội vụ": "canbo.noivu",
    "Ủy ban nhân dân phường Pleiku": "canbo.xa",
}
SECRETARY = "thuky"
COMMUNE_TASK = (
    "Các xã, phường thành lập Ban Chỉ đạo cấp xã về phát triển khoa học, công nghệ, "
    "đổi mới sáng tạo và chuyển đổi số"
)


@dataclass
class Spec:
    title: str
    lead: str
    deadline: str
    output: str
    field: str
    doc: str
    level: str = Level.PROVINCE
    coord: tuple[str, ...] = ()
    key: bool = False
    meeting: str | None = None  # conclusion number of the meeting that assigned it
    outcome: str | None = None  # done, late, wip, new (else chosen by _plan)
    final_note: str = ""
    final_percent: int | None = None


REGISTER = Path(__file__).parent / "data" / "register_gia_lai.xlsx"
# Beside the annex's columns, the register file has the demo's own (the importer ignores them):
# its header -> the Spec field it gives.
DEMO_COLUMNS = {
    "Văn bản": "doc",
    "Phiên họp giao": "meeting",
    "Diễn biến đến 30/09/2025 (demo)": "outcome",
    "Phần trăm báo cáo cuối (demo)": "final_percent",
    "Báo cáo cuối (demo)": "final_note",
}
ALL_COMMUNES = "UBND các xã, phường"  # the lead of COMMUNE_TASK, a group (tasks.groups)


@cache
def specs() -> list[Spec]:
    """Gia Lai's register as the annex in ``REGISTER`` gives it, read by the importer's own
    reader and widgets (``tasks.annex``, ``tasks.resources``); the demo's columns with it."""
    data = REGISTER.read_bytes()
    columns = read_annex(data, REGISTER.name).columns
    mapping = {c.index: DEMO_COLUMNS.get(c.header, c.key) for c in columns}
    keys = {name: key for key, (name, _) in AGENCIES.items()} | {ALL_COMMUNES: "COMMUNES"}
    field_, level = TaskResource.fields["field"].widget, TaskResource.fields["level"].widget
    rows = []
    for record in read_annex(data, REGISTER.name, mapping).records:
        text = {key: cell_text(value) for key, value in record.values.items()}
        rows.append(
            Spec(
                title=text["title"],
                lead=keys[text["lead"]],
                deadline=text["deadline"],
                output=text["output"],
                field=field_.clean(text["field"]),
                doc=text["doc"],
                level=level.clean(text["level"]),
                coord=tuple(keys[name] for name in text["coordinating"].splitlines()),
                key=YesNoWidget().clean(text["is_key"]),
                meeting=text["meeting"] or None,
                outcome=text["outcome"] or None,
                final_note=text["final_note"],
                final_percent=int(text["final_percent"]) if text["final_percent"] else None,
            )
        )
    return rows


def _import_register(committee: Committee, user) -> dict[str, Task]:
    """Gia Lai's 147 tasks and their assignments, imported from ``REGISTER`` by the
    secretariat through the importer (upload, preview, confirmed import) as staff would;
    returns them by code. Their dates are back-dated afterwards (``_backdate_creation``)."""
    from tasks import imports  # tasks.imports pulls in the job machinery

    upload = SimpleUploadedFile(REGISTER.name, REGISTER.read_bytes())
    batch = imports.import_batch_create(user=user, upload=upload, default_field="")
    preview = imports.import_preview(batch)
    problems = preview.errors + [m for row in preview.rows for m in row.messages]
    assert not problems and not preview.unmatched, problems or preview.unmatched
    batch = imports.import_batch_confirm(batch=batch)
    assert batch.status == batch.Status.DONE, (batch.status, batch.error)
    return {t.code: t for t in Task.objects.filter(committee=committee)}


# --- planning ------------------------------------------------------------------------------


def _created_on(spec: Spec, meetings: dict, rng: random.Random) -> date:
    if spec.meeting and spec.meeting in meetings:
        return meetings[spec.meeting].held_on + timedelta(days=rng.randint(1, 3))
    start, span = {
        "57-NQ/TW": (date(2025, 1, 6), 30),
        "06/QĐ-TTg": (date(2025, 1, 8), 30),
        "15-CTr/TU": (date(2025, 3, 12), 14),
        "02-KH/BCĐTW": (date(2025, 6, 23), 8),
    }[spec.doc]
    return start + timedelta(days=rng.randint(0, span))


def _plan(specs: list[Spec], dues: list, rng: random.Random) -> list[str]:
    """Choose each task's outcome so the register reaches the province's figures."""
    outcomes = [s.outcome for s in specs]
    for i, due in enumerate(dues):
        if outcomes[i] is None and due is None:
            outcomes[i] = "done"  # a recurring task still open would count as "no deadline"

    def pick(outcome: str, count: int, test) -> None:
        free = [i for i, o in enumerate(outcomes) if o is None and test(i)]
        for i in rng.sample(free, count):
            outcomes[i] = outcome

    pick("new", NOT_STARTED, lambda i: dues[i] >= date(2026, 1, 1) and not specs[i].key)
    pick("late", LATE - outcomes.count("late"), lambda i: dues[i] <= date(2025, 8, 20))
    pick("wip", OVERDUE_OPEN, lambda i: dues[i] < date(2025, 9, 20))
    # Tasks due by the end of Q3 are done; the rest of the completions fall on later deadlines.
    for i, due in enumerate(dues):
        if outcomes[i] is None and due <= END:
            outcomes[i] = "done"
    done = sum(o in ("done", "late") for o in outcomes)
    pick("done", COMPLETED - done, lambda i: dues[i] <= date(2025, 12, 31))
    outcomes = [o or "wip" for o in outcomes]
    pick_sub = [i for i, o in enumerate(outcomes) if o == "wip" and specs[i].final_percent is None]
    for i in rng.sample(pick_sub, AWAITING + RETURNED_OPEN)[:AWAITING]:
        outcomes[i] = "wait"
    counts = (
        sum(o in ("done", "late") for o in outcomes),
        sum(o in ("wip", "wait", "communes") for o in outcomes),
        outcomes.count("new"),
    )
    assert len(specs) == TOTAL and counts == (COMPLETED, TOTAL - COMPLETED - NOT_STARTED, 3), (
        len(specs),
        counts,
    )
    return outcomes


# --- histories -----------------------------------------------------------------------------

PROGRESS_NOTES = {  # by the highest percent each note suits, in the order work proceeds
    25: [
        "Đã xây dựng đề cương, phân công phòng chuyên môn chủ trì thực hiện",
        "Đã tổ chức họp triển khai, giao nhiệm vụ cho các đơn vị trực thuộc",
        "Đang khảo sát, thu thập số liệu, đánh giá hiện trạng",
    ],
    50: [
        "Đã xây dựng dự thảo, gửi lấy ý kiến các sở, ngành và địa phương",
        "Đã hoàn thành khoảng {p}% khối lượng công việc",
        "Đang triển khai theo kế hoạch, đạt khoảng {p}% khối lượng",
    ],
    75: [
        "Đang tổng hợp, tiếp thu ý kiến góp ý để hoàn thiện",
        "Đã hoàn thành khoảng {p}% khối lượng công việc",
        "Đang phối hợp với đơn vị tư vấn hoàn thiện sản phẩm",
    ],
    100: [
        "Đã hoàn thiện hồ sơ, trình UBND tỉnh xem xét",
        "Đã hoàn thành {p}% khối lượng; đang nghiệm thu, hoàn thiện hồ sơ",
        "Đang hoàn thiện theo ý kiến thẩm định của các cơ quan liên quan",
    ],
}
LATE_NOTE = (
    "Chậm tiến độ do phải điều chỉnh theo mô hình chính quyền địa phương hai cấp; "
    "dự kiến hoàn thành trong quý IV/2025"
)
RETURN_REASONS = [
    "Chưa đính kèm văn bản đã ban hành; đề nghị bổ sung minh chứng.",
    "Báo cáo chưa nêu số liệu kết quả cụ thể so với chỉ tiêu được giao; đề nghị bổ sung.",
    "Sản phẩm mới ở dạng dự thảo, chưa được cấp có thẩm quyền ban hành.",
    "Minh chứng gửi kèm không đúng nhiệm vụ được giao; đề nghị kiểm tra, gửi lại.",
]
RESUBMIT_NOTE = "Đã bổ sung minh chứng theo yêu cầu của Văn phòng Ban Chỉ đạo. "
COMPLETION_NOTES = [
    ("Kế hoạch", "Đã ban hành Kế hoạch số {n}/KH-UBND ngày {d}"),
    ("Quyết định", "UBND tỉnh đã ban hành Quyết định số {n}/QĐ-UBND ngày {d}"),
    ("Nghị quyết", "HĐND tỉnh đã thông qua Nghị quyết số {m}/2025/NQ-HĐND ngày {d}"),
    ("Đề án", "UBND tỉnh đã phê duyệt Đề án tại Quyết định số {n}/QĐ-UBND ngày {d}"),
    ("Báo cáo", "Đã gửi Báo cáo số {n}/BC-{a} ngày {d}"),
    ("Văn bản hướng dẫn", "Đã ban hành Văn bản số {n}/{a}-VP ngày {d} hướng dẫn thực hiện"),
    ("Quy hoạch", "UBND tỉnh đã phê duyệt tại Quyết định số {n}/QĐ-UBND ngày {d}"),
    ("Quy chế", "Trưởng Ban Chỉ đạo đã ký Quyết định số {m}-QĐ/BCĐ ngày {d} ban hành Quy chế"),
    ("Quy", "Đã ban hành kèm theo Quyết định số {n}/QĐ-UBND ngày {d}"),
    ("Danh mục", "UBND tỉnh đã phê duyệt tại Quyết định số {n}/QĐ-UBND ngày {d}"),
    ("Bộ", "UBND tỉnh đã ban hành tại Quyết định số {n}/QĐ-UBND ngày {d}"),
]


def _vn(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _completion_note(spec: Spec, abbr: str, day: date, rng: random.Random) -> str:
    if spec.final_note and spec.final_percent is None:
        return spec.final_note.format(d=_vn(day))
    values = {"n": rng.randint(120, 2400), "m": rng.randint(5, 40), "d": _vn(day), "a": abbr}
    for prefix, template in COMPLETION_NOTES:
        if spec.output.startswith(prefix):
            return template.format(**values)
    result = spec.output[0].lower() + spec.output[1:]
    return "Đã hoàn thành: {r}. Báo cáo kết quả số {n}/BC-{a} ngày {d}".format(r=result, **values)


def _progress_note(percent: int, rng: random.Random) -> str:
    band = next(limit for limit in sorted(PROGRESS_NOTES) if percent <= limit)
    return rng.choice(PROGRESS_NOTES[band]).format(p=percent)


def _days(start: date, end: date, count: int, rng: random.Random) -> list[date]:
    """Up to ``count`` distinct sorted days in [start, end]."""
    span = (end - start).days
    if span < 0:
        return []
    return sorted(
        start + timedelta(days=d) for d in rng.sample(range(span + 1), min(count, span + 1))
    )


def _reports(start: date, end: date, top: int, rng: random.Random, count: int | None = None):
    """Progress reports with rising percents between ``start`` and ``end``."""
    days = _days(start, end, count or rng.randint(1, 3), rng)
    percents = sorted(rng.sample(range(20, top + 1, 5), len(days))) if days else []
    return [
        ("report", day, p, _progress_note(p, rng)) for day, p in zip(days, percents, strict=True)
    ]


def _history(
    outcome: str,
    start: date,
    due: date | None,
    rng: random.Random,
    note,
    *,
    returned: bool = False,
    final_percent: int | None = None,
    final_note: str = "",
) -> list[tuple]:
    """Events (kind, day, percent, note) of one lead assignment; ``note(day)`` words completion."""
    last = END - timedelta(days=2)
    if outcome == "new":
        return []
    if outcome in ("done", "late"):
        if outcome == "late":
            finish = min(due + timedelta(days=rng.randint(4, 40)), last)
        else:
            high = min(due or last, last)
            gap = (high - start).days
            low = start + timedelta(days=min(20, max(gap // 2, 0)))
            low = max(low, high - timedelta(days=50))
            finish = low + timedelta(days=rng.randint(0, max((high - low).days, 0)))
        events = []
        if returned:
            first = finish - timedelta(days=rng.randint(8, 14))
            events += _reports(start, first - timedelta(days=4), 80, rng)
            events += [("complete", first, 100, note(first))]
            events += [("return", first + timedelta(days=2), None, rng.choice(RETURN_REASONS))]
            events += [("complete", finish, 100, RESUBMIT_NOTE + note(finish))]
        else:
            events += _reports(start, finish - timedelta(days=4), 90, rng)
            events += [("complete", finish, 100, note(finish))]
        confirm = min(finish + timedelta(days=rng.randint(1, 6)), END)
        return [*events, ("confirm", confirm, None, "")]
    # Still open on 30/09/2025.
    overdue = due is not None and due < END
    top = final_percent or (rng.choice([40, 50, 60, 70, 80]))
    events = _reports(start, last - timedelta(days=8), top, rng) or [
        ("report", start, 20, _progress_note(20, rng))
    ]
    if final_percent:
        events[-1] = ("report", events[-1][1], final_percent, final_note or events[-1][3])
    if outcome == "wait":
        day = rng.choice(_days(events[-1][1] + timedelta(days=3), last, 5, rng))
        events.append(("complete", day, 100, note(day)))
    elif returned:
        day = events[-1][1] + timedelta(days=rng.randint(3, 6))
        events.append(("complete", day, 100, note(day)))
        events.append(("return", day + timedelta(days=2), None, rng.choice(RETURN_REASONS)))
    elif overdue:
        day = events[-1][1] + timedelta(days=rng.randint(2, 6))
        events.append(("report", day, events[-1][2], LATE_NOTE))
    return events


def _stamp(day: date, previous: datetime | None, rng: random.Random) -> datetime:
    moment = timezone.make_aware(
        datetime.combine(day, time(8, 0)) + timedelta(minutes=rng.randint(0, 540))
    )
    if previous and moment <= previous:
        moment = previous + timedelta(minutes=rng.randint(5, 40))
    return moment


def _backdate_history(since: datetime, moment: datetime, today: date | None = None) -> None:
    """Date the change-history rows and notifications written since ``since`` at ``moment``
    instead; the notifications older than two weeks before ``today`` (the seed day) are read."""
    Task.history.filter(history_date__gte=since).update(history_date=moment)
    Assignment.history.filter(history_date__gte=since).update(history_date=moment)
    backdate_notices(since, moment, today)


def _play(assignment, events, author, secretary, rng: random.Random, *, today=None, asker=None):
    """Replay events through the services, then back-date each entry to its day. Besides
    reports, completions, returns and confirmations, an "extend" event is asked for by
    ``asker`` (its value the new deadline) and the next "grant" grants it."""
    previous = extension = None
    for kind, day, value, note in events:
        mark = timezone.now()
        if kind in ("extend", "grant"):
            if kind == "extend":
                extension = followup.extension_request(
                    assignment=assignment, user=asker, new_due=value, reason=note
                )
            else:
                extension = followup.extension_grant(extension=extension, user=secretary)
            previous = _stamp(day, previous, rng)
            field = "requested_at" if kind == "extend" else "decided_at"
            Extension.objects.filter(pk=extension.pk).update(**{field: previous})
            _backdate_history(mark, previous, today)
            continue
        if kind in ("report", "complete"):
            update = services.progress_log(
                assignment=assignment,
                user=author,
                percent=100 if kind == "complete" else value,
                completed=kind == "complete",
                note=note,
                effective_date=day,
            )
        elif kind == "return":
            update = services.completion_return(
                assignment=assignment, user=secretary, reason=note, effective_date=day
            )
        else:
            update = services.completion_confirm(assignment=assignment, user=secretary)
        previous = _stamp(day, previous, rng)
        ProgressUpdate.objects.filter(pk=update.pk).update(created_at=previous)
        _backdate_history(mark, previous, today)


def _ward_note(agency: Agency, day: date, rng: random.Random) -> str:
    """A commune's completion of the commune-committee task: its founding decision."""
    ward = agency.aliases.splitlines()[0] if agency.aliases else ""
    ward = ward[:1].lower() + ward[1:] or agency.name
    return (
        f"Đã ban hành Quyết định số {rng.randint(15, 180)}/QĐ-UBND ngày {_vn(day)} "
        f"thành lập Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và "
        f"chuyển đổi số {ward}"
    )


def _commune_histories(
    task,
    start: date,
    users: dict,
    rng: random.Random,
    *,
    counts: tuple[int, int, int, int] = (85, 12, 8, 4),
    officers: dict = OFFICERS,
    secretary: str = SECRETARY,
    fixed: dict | None = None,
) -> None:
    """One lead per commune: ``counts`` = (confirmed by the deadline, confirmed late, awaiting
    confirmation, sent back) on 30/09/2025, the rest still open; Gia Lai's 135 give 97
    confirmed. ``fixed`` gives the events of named agencies (Pleiku's, whose own committee the
    demo has); they stay among the confirmed ones."""
    due = task.due_date
    fixed = fixed or {}
    leads = list(task.assignments.filter(role="lead").select_related("agency").order_by("pk"))
    on_time, late, waiting, returned = counts
    plan = ["done"] * on_time + ["late"] * late + ["wait"] * waiting + ["returned"] * returned
    plan += ["wip"] * (len(leads) - len(plan))
    rng.shuffle(plan)
    pinned = [i for i, a in enumerate(leads) if a.agency.name in fixed]
    for i in pinned:  # swap a confirmed outcome in, so the totals stay as planned
        if plan[i] != "done":
            j = next(j for j, o in enumerate(plan) if o == "done" and j not in pinned)
            plan[i], plan[j] = plan[j], plan[i]
    done_returned = set(rng.sample([i for i, o in enumerate(plan) if o == "done"], 3))
    for i, (assignment, outcome) in enumerate(zip(leads, plan, strict=True)):
        author = users.get(officers.get(assignment.agency.name, secretary), users[secretary])
        if assignment.agency.name in fixed:
            _play(assignment, fixed[assignment.agency.name], author, users[secretary], rng)
            continue

        def note(day, agency=assignment.agency):
            return _ward_note(agency, day, rng)

        begin = start + timedelta(days=rng.randint(3, 12))
        if outcome == "done":
            finish = begin + timedelta(days=rng.randint(8, (due - begin).days))
            events = _reports(begin, finish - timedelta(days=3), 60, rng, count=1)
            if i in done_returned:
                first = finish - timedelta(days=4)
                events = [e for e in events if e[1] < first]
                events += [("complete", first, 100, "Đã dự thảo Quyết định thành lập")]
                events += [("return", first + timedelta(days=1), None, RETURN_REASONS[2])]
                events += [("complete", finish, 100, RESUBMIT_NOTE + note(finish))]
            else:
                events += [("complete", finish, 100, note(finish))]
            events += [("confirm", min(finish + timedelta(days=rng.randint(1, 4)), END), 0, "")]
        elif outcome == "late":
            finish = due + timedelta(days=rng.randint(3, 40))
            events = _reports(begin, due - timedelta(days=5), 70, rng, count=2)
            events += [("complete", finish, 100, note(finish))]
            events += [("confirm", min(finish + timedelta(days=rng.randint(1, 5)), END), 0, "")]
        else:
            events = _history(
                "wip" if outcome == "returned" else outcome,
                begin,
                due,
                rng,
                note,
                returned=outcome == "returned",
            )
        _play(assignment, events, author, users[secretary], rng)


def seed_gia_lai(committee: Committee, central_tasks: dict[str, Task], today: date) -> None:
    """Import Gia Lai's 147 tasks (``REGISTER``) and play their histories; does nothing if
    "57-001" exists. A few name the central task they carry out (``UPSTREAM``)."""
    if Task.objects.filter(committee=committee, code="57-001").exists():
        return
    rng = random.Random(57)
    specs_ = specs()
    dues = [parse_deadline(s.deadline).due_date for s in specs_]
    outcomes = _plan(specs_, dues, rng)
    returned_done = set(
        rng.sample([i for i, o in enumerate(outcomes) if o == "done"], RETURNED_DONE)
    )
    returned_open = [
        i for i, o in enumerate(outcomes) if o == "wip" and specs_[i].final_percent is None
    ]
    returned_open = set(rng.sample(returned_open, RETURNED_OPEN))

    documents = _documents(committee)
    meetings = {m.conclusion_number: m for m in Meeting.objects.filter(committee=committee)}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[*OFFICERS.values(), SECRETARY])
    }
    secretary = users[SECRETARY]
    mark = timezone.now()
    tasks = _import_register(committee, secretary)
    upstream = upstream_codes()

    for number, (spec, due, outcome) in enumerate(zip(specs_, dues, outcomes, strict=True), 1):
        created = _created_on(spec, meetings, rng)
        task = tasks[f"57-{number:03d}"]
        links = {
            "source_document": documents.get(spec.doc),
            "meeting": meetings.get(spec.meeting) if spec.meeting else None,
            "upstream": central_tasks.get(upstream.get(spec.title, "")),
        }
        # The import says where the rows came from; the file's demo columns say more.
        Task.objects.filter(pk=task.pk).update(**links)
        task.history.update(**links)
        _backdate_creation(task, created, mark, mine=True)
        start = created + timedelta(days=rng.randint(3, 10))
        if outcome == "communes":
            _commune_histories(task, created, users, rng, fixed={PLEIKU_AGENCY: PLEIKU_EVENTS})
            continue
        lead_name, abbr = AGENCIES[spec.lead]
        events = _history(
            outcome,
            start,
            due,
            rng,
            lambda day, spec=spec, abbr=abbr: _completion_note(spec, abbr, day, rng),
            returned=number - 1 in returned_done or number - 1 in returned_open,
            final_percent=spec.final_percent,
            final_note=spec.final_note,
        )
        author = users.get(OFFICERS.get(lead_name, SECRETARY), secretary)
        lead = task.assignments.get(role=Assignment.Role.LEAD)
        _play(lead, events, author, secretary, rng)
    first = min(Task.objects.filter(committee=committee).values_list("created_at", flat=True))
    _backdate_import(committee, mark, first)
    by_title = {spec.title: spec for spec in specs_}

    def note(assignment, day):
        spec = by_title[assignment.task.title]
        if spec.lead == "COMMUNES":
            return _ward_note(assignment.agency, day, rng)
        return _completion_note(spec, AGENCIES[spec.lead][1], day, rng)

    users |= _people("admin")
    _after_q3(committee, today, OFFICERS, SECRETARY, people=users, note=note, fallback="admin")
    _touch(committee)


def _touch(committee: Committee) -> None:
    """``updated_at`` of the seeded tasks and assignments: their last log entry (or creation)."""

    def last(**lookup):
        entries = ProgressUpdate.objects.filter(**lookup).order_by("-created_at")
        return Subquery(entries.values("created_at")[:1])

    created = Subquery(Task.objects.filter(pk=OuterRef("task_id")).values("created_at")[:1])
    Assignment.objects.filter(task__committee=committee).update(
        updated_at=Coalesce(last(assignment=OuterRef("pk")), created)
    )
    Task.objects.filter(committee=committee).update(
        updated_at=Coalesce(last(assignment__task=OuterRef("pk")), F("created_at"))
    )


# --- The other committees ------------------------------------------------------------------
#
# Gia Lai's register above is the seeds' province. Below: the central committee's tasks (some
# assigned to all 34 provinces, some to central bodies), Tuyên Quang's conference of July 2025
# and Pleiku ward's first meeting. Each history runs to 30/09/2025, written through the services
# by the committee's own logins (a province reports on its central assignments as the central
# committee's agency "Tỉnh ..."; the central secretariat types the entries of provinces without
# demo logins), then back-dated like Gia Lai's; ``_after_q3`` carries them on to the seed day.

PROVINCES, COMMUNES = "PROVINCES", "COMMUNES"
CENTRAL_SECRETARY = "tw.thuky"
TQ_SECRETARY = "tq.thuky"
PLEIKU_SECRETARY = "pleiku.thuky"
PLEIKU_AGENCY = "Ủy ban nhân dân phường Pleiku"
# Pleiku's lead on the commune-committee task: the ward's committee exists in the demo
# (steering.demo.PLEIKU), so Gia Lai's register records its founding decision.
PLEIKU_EVENTS = [
    (
        "report",
        date(2025, 7, 25),
        50,
        "Đã dự thảo Quyết định thành lập Ban Chỉ đạo và Quy chế hoạt động, trình Ban Thường vụ "
        "Đảng ủy phường",
    ),
    (
        "complete",
        date(2025, 8, 6),
        100,
        "Ban Thường vụ Đảng ủy phường đã ban hành Quyết định số 52-QĐ/ĐU ngày 6/8/2025 thành lập "
        "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số phường "
        "Pleiku",
    ),
    ("confirm", date(2025, 8, 8), None, ""),
]


# Gia Lai's tasks that carry out a central task: the start of the title -> the central task's
# code (the first task whose title starts so).
UPSTREAM = {
    "Kiện toàn Ban Chỉ đạo phát triển": "TW-01",
    COMMUNE_TASK: "TW-01",
    "Bảo đảm Bộ phận Một cửa": "TW-02",
    "Cập nhật danh mục thủ tục hành chính trên Cổng": "TW-03",
    "Bổ sung dự toán năm 2025": "TW-04",
    "Sơ kết 6 tháng đầu năm 2025": "TW-05",
}


def upstream_codes() -> dict[str, str]:
    """Title -> code of the central task it carries out (``UPSTREAM``)."""
    titles = [spec.title for spec in specs()]
    return {
        next(title for title in titles if title.startswith(prefix)): code
        for prefix, code in UPSTREAM.items()
    }


@dataclass
class Item:
    """A task of the central committee, Tuyên Quang or Pleiku ward and its outcome on
    30/09/2025: for one lead "done", "late", "wip", "wait" (awaiting confirmation) or "new"; for
    several, how many leads end each way (the commune-committee task: the four counts of
    ``_commune_histories``). ``fixed`` gives some leads their outcome or their events."""

    code: str
    title: str
    leads: tuple[str, ...] | str  # agency names, or PROVINCES / COMMUNES
    deadline: str
    output: str
    field: str
    doc: str
    meeting: str  # conclusion number of the meeting that assigned it
    outcome: str | dict | tuple = "wip"
    coord: tuple[str, ...] | str = ()
    key: bool = False
    level: str = Level.PROVINCE
    # Code or title of the task above it carries out: one its secretariat sees (received), as
    # the task form offers only those.
    upstream: str = ""
    percent: int | None = None  # the last report of a task still open...
    progress: str = ""  # ...and its note
    note: str = "Đã hoàn thành; Báo cáo kết quả số {n}/BC ngày {d}"  # a completion ({d}, {n})
    fixed: dict | None = None


CENTRAL_ITEMS = [
    Item(
        "TW-01",
        "Kiện toàn Ban Chỉ đạo cấp tỉnh và chỉ đạo thành lập Ban Chỉ đạo cấp xã về phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số sau sắp xếp đơn vị hành chính",
        PROVINCES,
        "Trước 15/8/2025",
        "Quyết định kiện toàn Ban Chỉ đạo cấp tỉnh; 100% xã, phường có Ban Chỉ đạo",
        Field.INSTITUTIONS,
        "02-KH/BCĐTW",
        "08-TB/BCĐTW",
        {"done": 20, "late": 6, "wait": 2, "wip": 4},
        coord=("Ban Tổ chức Trung ương",),
        key=True,
        level=Level.CENTRAL,
        note="Đã kiện toàn Ban Chỉ đạo tỉnh; 100% xã, phường đã thành lập Ban Chỉ đạo cấp xã "
        "(Báo cáo số {m}-BC/BCĐ ngày {d})",
    ),
    Item(
        "TW-02",
        "Bảo đảm hạ tầng, trang thiết bị công nghệ thông tin và đường truyền cho Bộ phận Một "
        "cửa cấp xã đáp ứng mô hình chính quyền địa phương hai cấp",
        PROVINCES,
        "Quý III/2025",
        "100% Bộ phận Một cửa cấp xã đủ máy tính, máy quét, đường truyền",
        Field.INFRASTRUCTURE,
        "02-KH/BCĐTW",
        "08-TB/BCĐTW",
        {"done": 10, "wait": 3, "wip": 18, "new": 1},
        coord=("Bộ Khoa học và Công nghệ", "Bộ Tài chính"),
        key=True,
        level=Level.CENTRAL,
        note="100% Bộ phận Một cửa cấp xã đã được trang bị máy tính, máy quét và đường truyền "
        "(Báo cáo số {n}/BC-UBND ngày {d})",
    ),
    Item(
        "TW-03",
        "Cập nhật, công bố danh mục thủ tục hành chính cấp tỉnh, cấp xã trên Cổng Dịch vụ công "
        "quốc gia sau sắp xếp",
        PROVINCES,
        "Tháng 8/2025",
        "Danh mục thủ tục hành chính được công bố, cập nhật",
        Field.DIGITAL_GOVERNMENT,
        "02-KH/BCĐTW",
        "08-TB/BCĐTW",
        {"done": 18, "late": 6, "wait": 2, "wip": 6},
        coord=("Văn phòng Chính phủ",),
        level=Level.CENTRAL,
        note="Đã công bố, cập nhật đầy đủ danh mục thủ tục hành chính cấp tỉnh, cấp xã trên Cổng "
        "Dịch vụ công quốc gia (Quyết định số {n}/QĐ-UBND ngày {d})",
    ),
    Item(
        "TW-04",
        "Bố trí tối thiểu 2% tổng chi ngân sách nhà nước năm 2025 cho khoa học, công nghệ, đổi "
        "mới sáng tạo và chuyển đổi số",
        PROVINCES,
        "Năm 2025",
        "Dự toán chi ngân sách năm 2025 bảo đảm tối thiểu 2%",
        Field.SCIENCE_TECHNOLOGY,
        "57-NQ/TW",
        "08-TB/BCĐTW",
        {"done": 4, "wait": 2, "wip": 22, "new": 4},
        coord=("Bộ Tài chính",),
        key=True,
        level=Level.CENTRAL,
        note="Đã giao dự toán bảo đảm tối thiểu 2% tổng chi ngân sách năm 2025 cho khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số (Quyết định số {n}/QĐ-UBND ngày {d})",
    ),
    Item(
        "TW-05",
        "Báo cáo sơ kết 6 tháng đầu năm 2025 thực hiện Nghị quyết 57-NQ/TW gửi Ban Chỉ đạo "
        "Trung ương",
        PROVINCES,
        "Tháng 7/2025",
        "Báo cáo sơ kết 6 tháng",
        Field.INSTITUTIONS,
        "57-NQ/TW",
        "08-TB/BCĐTW",
        {"done": 26, "late": 6},
        level=Level.CENTRAL,
        note="Đã gửi Báo cáo số {m}-BC/BCĐ ngày {d} sơ kết 6 tháng đầu năm 2025",
    ),
    Item(
        "TW-06",
        "Trình Quốc hội thông qua Luật Khoa học, công nghệ và đổi mới sáng tạo",
        ("Bộ Khoa học và Công nghệ",),
        "Quý II/2025",
        "Luật được Quốc hội thông qua",
        Field.INSTITUTIONS,
        "57-NQ/TW",
        "01-TB/BCĐTW",
        "done",
        coord=("Văn phòng Chính phủ",),
        key=True,
        level=Level.CENTRAL,
        note="Quốc hội đã thông qua Luật Khoa học, công nghệ và đổi mới sáng tạo; Bộ đã gửi Báo "
        "cáo số {n}/BC-BKHCN ngày {d}",
    ),
    Item(
        "TW-07",
        "Ban hành Bộ chỉ số đánh giá kết quả chuyển đổi số của các bộ, ngành, địa phương",
        ("Bộ Khoa học và Công nghệ",),
        "Quý III/2025",
        "Quyết định ban hành Bộ chỉ số",
        Field.DIGITAL_GOVERNMENT,
        "02-KH/BCĐTW",
        "08-TB/BCĐTW",
        "wip",
        level=Level.CENTRAL,
    ),
    Item(
        "TW-08",
        "Hướng dẫn cơ chế khoán chi đến sản phẩm cuối cùng đối với nhiệm vụ khoa học và công "
        "nghệ sử dụng ngân sách nhà nước",
        ("Bộ Tài chính",),
        "Quý III/2025",
        "Thông tư hướng dẫn",
        Field.SCIENCE_TECHNOLOGY,
        "57-NQ/TW",
        "08-TB/BCĐTW",
        "late",
        coord=("Bộ Khoa học và Công nghệ",),
        level=Level.CENTRAL,
        note="Bộ Tài chính đã ban hành Thông tư số {m}/2025/TT-BTC ngày {d} hướng dẫn khoán chi",
    ),
    Item(
        "TW-09",
        "Hoàn thành kết nối Cơ sở dữ liệu quốc gia về dân cư với các cơ sở dữ liệu chuyên ngành "
        "của bộ, ngành, địa phương (Đề án 06)",
        ("Bộ Công an",),
        "Năm 2025",
        "Các cơ sở dữ liệu được kết nối, chia sẻ",
        Field.DIGITAL_GOVERNMENT,
        "06/QĐ-TTg",
        "01-TB/BCĐTW",
        "wip",
        level=Level.CENTRAL,
    ),
    Item(
        "TW-10",
        "Nâng cấp Cổng Dịch vụ công quốc gia tiếp nhận, giải quyết thủ tục hành chính không phụ "
        "thuộc địa giới hành chính",
        ("Văn phòng Chính phủ",),
        "Tháng 7/2025",
        "Cổng Dịch vụ công quốc gia được nâng cấp",
        Field.DIGITAL_GOVERNMENT,
        "02-KH/BCĐTW",
        "08-TB/BCĐTW",
        "done",
        level=Level.CENTRAL,
        note="Đã nâng cấp, vận hành Cổng Dịch vụ công quốc gia từ ngày {d}",
    ),
    Item(
        "TW-11",
        "Hướng dẫn bố trí vị trí việc làm chuyên trách công nghệ thông tin, chuyển đổi số ở "
        "chính quyền cấp xã",
        ("Bộ Nội vụ",),
        "Tháng 8/2025",
        "Văn bản hướng dẫn",
        Field.HUMAN_RESOURCES,
        "02-KH/BCĐTW",
        "08-TB/BCĐTW",
        "wait",
        level=Level.CENTRAL,
        note="Đã ban hành Văn bản số {n}/BNV-CCVC ngày {d} hướng dẫn vị trí việc làm",
    ),
    Item(
        "TW-12",
        "Xây dựng Hệ thống thông tin theo dõi, đánh giá kết quả thực hiện Nghị quyết 57-NQ/TW",
        ("Bộ Khoa học và Công nghệ",),
        "Quý IV/2025",
        "Hệ thống được đưa vào vận hành",
        Field.DIGITAL_GOVERNMENT,
        "57-NQ/TW",
        "01-TB/BCĐTW",
        "wip",
        coord=("Ban Chính sách, chiến lược Trung ương",),
        level=Level.CENTRAL,
    ),
    Item(
        "TW-13",
        "Xây dựng, cập nhật Cơ sở dữ liệu quốc gia về đất đai, kết nối với các địa phương",
        ("Bộ Nông nghiệp và Môi trường",),
        "Năm 2025",
        "Cơ sở dữ liệu được kết nối, vận hành",
        Field.DIGITAL_GOVERNMENT,
        "57-NQ/TW",
        "01-TB/BCĐTW",
        "wip",
        level=Level.CENTRAL,
    ),
    Item(
        "TW-14",
        "Xây dựng Đề án đào tạo nhân lực chất lượng cao về công nghệ chiến lược giai đoạn "
        "2025-2035",
        ("Bộ Giáo dục và Đào tạo",),
        "Năm 2026",
        "Đề án trình Thủ tướng Chính phủ",
        Field.HUMAN_RESOURCES,
        "57-NQ/TW",
        "01-TB/BCĐTW",
        "new",
        level=Level.CENTRAL,
    ),
]

# Gia Lai's own entries on its central assignments (typed by its secretariat, thuky); they
# agree with its register (57-005, 57-013, 57-016, 57-018, 57-141, the commune task).
GIA_LAI_CENTRAL = {
    "TW-01": [
        (
            "report",
            date(2025, 7, 9),
            40,
            "Ban Thường vụ Tỉnh ủy đã ban hành Quyết định số 05-QĐ/TU ngày 8/7/2025 kiện toàn "
            "Ban Chỉ đạo tỉnh sau hợp nhất; đang chỉ đạo 135 xã, phường thành lập Ban Chỉ đạo "
            "cấp xã",
        ),
        (
            "report",
            date(2025, 8, 18),
            60,
            "Đã có 76/135 xã, phường thành lập Ban Chỉ đạo cấp xã; đang đôn đốc các xã, phường "
            "còn lại",
        ),
        (
            "report",
            date(2025, 9, 29),
            70,
            "Đã có 97/135 xã, phường thành lập Ban Chỉ đạo cấp xã; 38 xã, phường đang hoàn thiện "
            "hồ sơ, dự kiến hoàn thành trong tháng 10/2025",
        ),
    ],
    "TW-02": [
        (
            "report",
            date(2025, 8, 5),
            30,
            "Đã khảo sát hiện trạng hạ tầng công nghệ thông tin của 135 xã, phường; đang tổng hợp "
            "nhu cầu đầu tư",
        ),
        (
            "report",
            date(2025, 9, 25),
            60,
            "UBND tỉnh đã phân bổ 263,3 tỷ đồng đầu tư hạ tầng công nghệ thông tin cho 135 xã, "
            "phường; các xã, phường đang mua sắm trang thiết bị",
        ),
    ],
    "TW-03": [
        (
            "report",
            date(2025, 8, 20),
            50,
            "Đã công bố danh mục thủ tục hành chính cấp tỉnh; đang rà soát danh mục thủ tục hành "
            "chính cấp xã",
        ),
        (
            "report",
            date(2025, 9, 15),
            75,
            "Đã cập nhật danh mục thủ tục hành chính cấp tỉnh và của 102/135 xã, phường trên Cổng "
            "Dịch vụ công quốc gia",
        ),
    ],
    "TW-04": [
        (
            "report",
            date(2025, 8, 27),
            80,
            "UBND tỉnh đã giao bổ sung dự toán năm 2025 bảo đảm tối thiểu 2% chi ngân sách cho "
            "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        ),
        (
            "complete",
            date(2025, 9, 29),
            100,
            "Tỷ lệ chi ngân sách tỉnh năm 2025 cho khoa học, công nghệ, đổi mới sáng tạo và chuyển "
            "đổi số đạt 2,1% tổng chi ngân sách (mục tiêu tối thiểu 2%)",
        ),
    ],
    "TW-05": [
        (
            "complete",
            date(2025, 7, 29),
            100,
            "Đã gửi Báo cáo số 18-BC/BCĐ ngày 29/7/2025 sơ kết 6 tháng đầu năm 2025 thực hiện "
            "Nghị quyết 57-NQ/TW",
        ),
        ("confirm", date(2025, 8, 1), None, ""),
    ],
}
# Tuyên Quang's central assignments end as its register says (typed by tq.thuky).
TUYEN_QUANG_CENTRAL = {"TW-01": "wip", "TW-02": "wip", "TW-03": "done", "TW-04": "wip"}
TUYEN_QUANG_CENTRAL["TW-05"] = "late"

TQ_DEPARTMENTS = (
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
)
TQ_ITEMS = [
    Item(
        "TQ-01",
        COMMUNE_TASK,
        COMMUNES,
        "Trước 15/8/2025",
        "Quyết định thành lập Ban Chỉ đạo cấp xã",
        Field.INSTITUTIONS,
        "02-KH/BCĐTW",
        "02-TB/BCĐ",
        (78, 14, 6, 4),  # 92 of the 124 communes confirmed by 30/09/2025
        coord=("Sở Khoa học và Công nghệ", "Sở Nội vụ"),
        key=True,
        level=Level.COMMUNE,
        upstream="TW-01",
    ),
    Item(
        "TQ-02",
        "Các sở, ban, ngành hoàn thành kế hoạch chuyển đổi số năm 2025 của đơn vị",
        TQ_DEPARTMENTS,
        "Trước 30/8/2025",
        "Kế hoạch chuyển đổi số năm 2025 của từng đơn vị",
        Field.DIGITAL_GOVERNMENT,
        "10-KH/BCĐ",
        "02-TB/BCĐ",
        {"done": 5, "late": 2, "wip": 1},
        note="Đã ban hành Kế hoạch chuyển đổi số năm 2025 của đơn vị (Kế hoạch số {n}/KH ngày {d})",
    ),
    Item(
        "TQ-03",
        "Các xã, phường báo cáo nhu cầu mua sắm trang thiết bị công nghệ thông tin; Sở Khoa học "
        "và Công nghệ tổng hợp, tham mưu phân bổ kinh phí",
        ("Sở Khoa học và Công nghệ",),
        "Trước 30/7/2025",
        "Báo cáo tổng hợp nhu cầu của 124 xã, phường",
        Field.INFRASTRUCTURE,
        "10-KH/BCĐ",
        "02-TB/BCĐ",
        "late",
        coord=COMMUNES,
        key=True,
        note="Đã tổng hợp nhu cầu mua sắm của 124/124 xã, phường; Báo cáo số {n}/BC-SKHCN ngày "
        "{d} trình UBND tỉnh phân bổ kinh phí",
    ),
    Item(
        "TQ-04",
        "Bố trí tối thiểu 2% tổng chi ngân sách tỉnh năm 2025 cho khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số",
        ("Sở Tài chính",),
        "Năm 2025",
        "Quyết định giao bổ sung dự toán",
        Field.SCIENCE_TECHNOLOGY,
        "57-NQ/TW",
        "02-TB/BCĐ",
        "wip",
        coord=("Sở Khoa học và Công nghệ",),
        key=True,
        upstream="TW-04",
        percent=60,
        progress="Đã bố trí 1,7% tổng chi ngân sách; đang trình HĐND tỉnh bổ sung dự toán để đạt "
        "tối thiểu 2%",
    ),
    Item(
        "TQ-05",
        "Ban hành Quy chế hoạt động của Ban Chỉ đạo và Tổ giúp việc Ban Chỉ đạo tỉnh",
        ("Sở Khoa học và Công nghệ",),
        "Tháng 8/2025",
        "Quy chế được Trưởng Ban Chỉ đạo ký ban hành",
        Field.INSTITUTIONS,
        "10-KH/BCĐ",
        "02-TB/BCĐ",
        "done",
        note="Trưởng Ban Chỉ đạo đã ký Quyết định số {m}-QĐ/BCĐ ngày {d} ban hành Quy chế",
    ),
    Item(
        "TQ-06",
        "Hợp nhất Hệ thống quản lý văn bản và điều hành của tỉnh Tuyên Quang và tỉnh Hà Giang (cũ)",
        ("Văn phòng Ủy ban nhân dân tỉnh",),
        "Tháng 7/2025",
        "Một hệ thống quản lý văn bản thống nhất",
        Field.DIGITAL_GOVERNMENT,
        "02-KH/BCĐTW",
        "02-TB/BCĐ",
        "late",
        coord=("Sở Khoa học và Công nghệ",),
        note="Hệ thống quản lý văn bản và điều hành thống nhất vận hành từ ngày {d}",
    ),
    Item(
        "TQ-07",
        "Bảo đảm Bộ phận Một cửa của 100% xã, phường được trang bị máy tính, máy quét và đường "
        "truyền đáp ứng yêu cầu",
        ("Sở Khoa học và Công nghệ",),
        "Quý III/2025",
        "Báo cáo kết quả trang bị",
        Field.INFRASTRUCTURE,
        "02-KH/BCĐTW",
        "02-TB/BCĐ",
        "wip",
        coord=("Sở Tài chính", "VNPT Tuyên Quang"),
        upstream="TW-02",
    ),
    Item(
        "TQ-08",
        "Cập nhật danh mục thủ tục hành chính trên Cổng Dịch vụ công quốc gia sau sắp xếp",
        ("Văn phòng Ủy ban nhân dân tỉnh",),
        "Tháng 8/2025",
        "Danh mục thủ tục được công bố",
        Field.DIGITAL_GOVERNMENT,
        "02-KH/BCĐTW",
        "02-TB/BCĐ",
        "done",
        coord=("Trung tâm Phục vụ hành chính công tỉnh",),
        upstream="TW-03",
        note="Chủ tịch UBND tỉnh đã công bố danh mục tại Quyết định số {n}/QĐ-UBND ngày {d}",
    ),
    Item(
        "TQ-09",
        "Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã sau sắp xếp",
        ("Sở Nội vụ",),
        "Quý IV/2025",
        "Báo cáo kết quả bồi dưỡng",
        Field.HUMAN_RESOURCES,
        "10-KH/BCĐ",
        "02-TB/BCĐ",
        "wip",
        coord=("Sở Khoa học và Công nghệ",),
    ),
    Item(
        "TQ-10",
        "Phủ sóng di động tại các thôn, bản vùng lõm sóng",
        ("Sở Khoa học và Công nghệ",),
        "Năm 2025",
        "100% thôn, bản có sóng di động",
        Field.INFRASTRUCTURE,
        "10-KH/BCĐ",
        "02-TB/BCĐ",
        "wip",
        coord=("Viettel Tuyên Quang", "VNPT Tuyên Quang", "MobiFone Tuyên Quang"),
    ),
    Item(
        "TQ-11",
        "Thí điểm Tổ công nghệ số cộng đồng tại các thôn, bản vùng cao",
        ("Sở Khoa học và Công nghệ",),
        "Quý III/2025",
        "Báo cáo kết quả thí điểm",
        Field.DIGITAL_SOCIETY,
        "10-KH/BCĐ",
        "02-TB/BCĐ",
        "wait",
        coord=("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",),
        note="Đã thành lập Tổ công nghệ số cộng đồng tại 100% thôn, bản thí điểm; Báo cáo số "
        "{n}/BC-SKHCN ngày {d}",
    ),
    Item(
        "TQ-12",
        "Xây dựng Đề án du lịch thông minh gắn với Công viên địa chất toàn cầu UNESCO Cao nguyên "
        "đá Đồng Văn",
        ("Sở Văn hóa, Thể thao và Du lịch",),
        "Năm 2026",
        "Đề án được UBND tỉnh phê duyệt",
        Field.DIGITAL_ECONOMY,
        "10-KH/BCĐ",
        "02-TB/BCĐ",
        "new",
    ),
]
TQ_OFFICERS = {
    "Sở Khoa học và Công nghệ": "tq.canbo.khcn",
    "Ủy ban nhân dân phường Minh Xuân": "tq.canbo.xa",
}

PLEIKU_OFFICE = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Pleiku"
PLEIKU_ITEMS = [
    Item(
        "PK-01",
        "Ban hành Quy chế hoạt động và phân công nhiệm vụ thành viên Ban Chỉ đạo phường",
        (PLEIKU_OFFICE,),
        "Tháng 8/2025",
        "Quy chế hoạt động của Ban Chỉ đạo phường",
        Field.INSTITUTIONS,
        "01-KH/BCĐ",
        "01-TB/BCĐ",
        "done",
        level=Level.COMMUNE,
        upstream=COMMUNE_TASK,
        note="Trưởng Ban Chỉ đạo phường đã ký Quyết định số {m}-QĐ/BCĐ ngày {d} ban hành Quy chế",
    ),
    Item(
        "PK-02",
        "Xây dựng Kế hoạch thực hiện Nghị quyết 57-NQ/TW trên địa bàn phường năm 2025",
        (PLEIKU_OFFICE,),
        "Tháng 9/2025",
        "Kế hoạch của UBND phường",
        Field.INSTITUTIONS,
        "57-NQ/TW",
        "01-TB/BCĐ",
        "done",
        level=Level.COMMUNE,
        note="UBND phường đã ban hành Kế hoạch số {m}/KH-UBND ngày {d}",
    ),
    Item(
        "PK-03",
        "Kiện toàn Tổ công nghệ số cộng đồng tại 100% tổ dân phố",
        ("Phòng Văn hóa - Xã hội phường Pleiku",),
        "Quý III/2025",
        "Quyết định kiện toàn Tổ công nghệ số cộng đồng",
        Field.DIGITAL_SOCIETY,
        "01-KH/BCĐ",
        "01-TB/BCĐ",
        "wip",
        coord=("Ủy ban Mặt trận Tổ quốc Việt Nam phường Pleiku",),
        level=Level.COMMUNE,
    ),
    Item(
        "PK-04",
        "Mua sắm trang thiết bị công nghệ thông tin cho Trung tâm Phục vụ hành chính công phường "
        "từ nguồn kinh phí tỉnh phân bổ",
        ("Phòng Kinh tế, Hạ tầng và Đô thị phường Pleiku",),
        "Quý IV/2025",
        "Trang thiết bị được bàn giao, đưa vào sử dụng",
        Field.INFRASTRUCTURE,
        "01-KH/BCĐ",
        "01-TB/BCĐ",
        "wip",
        coord=("Trung tâm Phục vụ hành chính công phường Pleiku",),
        level=Level.COMMUNE,
        percent=40,
        progress="Đã được tỉnh phân bổ kinh phí; đang tổ chức lựa chọn nhà thầu cung cấp thiết bị",
    ),
    Item(
        "PK-05",
        "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến và ứng dụng VNeID",
        ("Công an phường Pleiku",),
        "Năm 2025",
        "Báo cáo kết quả hướng dẫn",
        Field.DIGITAL_SOCIETY,
        "01-KH/BCĐ",
        "01-TB/BCĐ",
        "wait",
        coord=("Trung tâm Phục vụ hành chính công phường Pleiku",),
        level=Level.COMMUNE,
        note="Đã hướng dẫn 12.400 lượt người dân kích hoạt VNeID mức độ 2 và nộp hồ sơ trực "
        "tuyến; Báo cáo số {n}/BC-CAP ngày {d}",
    ),
]


def _documents(committee: Committee) -> dict[str, Document]:
    """The documents the committee cites: its own and those of the committees above it."""
    chain = []
    while committee is not None:
        chain.append(committee.pk)
        committee = committee.parent
    documents = {}
    for pk in reversed(chain):  # the own committee's number wins
        documents |= {d.number: d for d in Document.objects.filter(committee_id=pk)}
    return documents


def _backdate_creation(task: Task, created: date, mark: datetime, mine: bool = False) -> None:
    """Date ``task``'s creation on ``created``: its row and the history written since
    ``mark`` (``mine``: only the task's own history, for tasks imported together)."""
    created_at = timezone.make_aware(datetime.combine(created, time(8, 30)))
    Task.objects.filter(pk=task.pk).update(created_at=created_at)
    if mine:
        Task.history.filter(id=task.pk, history_date__gte=mark).update(history_date=created_at)
        Assignment.history.filter(task_id=task.pk, history_date__gte=mark).update(
            history_date=created_at
        )
    else:
        _backdate_history(mark, created_at)


def _backdate_import(committee: Committee, mark: datetime, moment: datetime) -> None:
    """The register's import (its batch and the notices it sent) dated on the day the first
    task was set down."""
    batches = ImportBatch.objects.filter(committee=committee, created_at__gte=mark)
    fields = [f.name for f in ImportBatch._meta.get_fields() if isinstance(f, DateTimeField)]
    for batch in batches:
        batches.filter(pk=batch.pk).update(
            **{name: moment for name in fields if getattr(batch, name) is not None}
        )
    backdate_notices(mark, moment)


def _people(*usernames: str) -> dict:
    return {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}


def _item_histories(task, item: Item, created, people, officers, secretary, rng) -> None:
    """Play each lead's history to 30/09/2025 (see ``Item``)."""
    if item.leads == COMMUNES:
        _commune_histories(
            task,
            created,
            people,
            rng,
            counts=item.outcome,
            officers=officers,
            secretary=secretary,
        )
        return
    leads = list(
        task.assignments.filter(role=Assignment.Role.LEAD)
        .select_related("agency")
        .order_by("agency__name")
    )
    fixed = item.fixed or {}
    free = [a.agency.name for a in leads if a.agency.name not in fixed]
    if isinstance(item.outcome, str):
        plan = [item.outcome]
    else:
        plan = [outcome for outcome, count in item.outcome.items() for _ in range(count)]
        rng.shuffle(plan)
    assert len(plan) == len(free), (item.code, len(plan), len(free))
    outcomes = {**dict(zip(free, plan, strict=True)), **fixed}

    def note(day: date) -> str:
        return item.note.format(d=_vn(day), n=rng.randint(120, 2400), m=rng.randint(5, 60))

    for assignment in leads:
        outcome = outcomes[assignment.agency.name]
        if isinstance(outcome, list):
            events = outcome
        else:
            start = created + timedelta(days=rng.randint(3, 15 if len(leads) > 1 else 8))
            events = _history(
                outcome,
                start,
                task.due_date,
                rng,
                note,
                final_percent=item.percent,
                final_note=item.progress,
            )
        author = people[officers.get(assignment.agency.name, secretary)]
        _play(assignment, events, author, people[secretary], rng)


def _seed_items(
    committee: Committee,
    items: list[Item],
    *,
    people: dict,
    officers: dict,
    secretary: str,
    above: dict[str, Task],
    rng: random.Random,
) -> dict[str, Task]:
    """Create ``items`` as ``secretary`` with their histories; returns the tasks by code."""
    agencies = {a.name: a for a in Agency.objects.filter(committee=committee)}
    groups = {
        kind: sorted((a for a in agencies.values() if a.kind == kind), key=lambda a: a.name)
        for kind in (Agency.Kind.PROVINCE, Agency.Kind.COMMUNE)
    }
    groups = {PROVINCES: groups[Agency.Kind.PROVINCE], COMMUNES: groups[Agency.Kind.COMMUNE]}
    documents = _documents(committee)
    meetings = {m.conclusion_number: m for m in Meeting.objects.filter(committee=committee)}
    user = people[secretary]
    tasks = {}
    for item in items:
        created = meetings[item.meeting].held_on + timedelta(days=rng.randint(1, 3))
        mark = timezone.now()
        leads, coord = (
            groups[names] if isinstance(names, str) else [agencies[n] for n in names]
            for names in (item.leads, item.coord)
        )
        task = services.task_create(
            committee=committee,
            user=user,
            leads=leads,
            coordinators=coord,
            code=item.code,
            title=item.title,
            field=item.field,
            level=item.level,
            is_key=item.key,
            expected_output=item.output,
            source_document=documents[item.doc],
            meeting=meetings[item.meeting],
            deadline_text=item.deadline,
            upstream=above.get(item.upstream),
        )
        _backdate_creation(task, created, mark)
        _item_histories(task, item, created, people, officers, secretary, rng)
        tasks[item.code] = task
    return tasks


def _by_code_and_title(committee: Committee) -> dict[str, Task]:
    tasks = Task.objects.filter(committee=committee)
    return {t.code: t for t in tasks} | {t.title: t for t in tasks}


def seed_central(committee: Committee, gia_lai: Committee, tuyen_quang: Committee, today: date):
    """The central committee's 14 tasks: five to every province (one lead assignment per
    province agency), the rest to central bodies. Gia Lai's and Tuyên Quang's secretariats
    report on their own provinces' assignments; the central secretariat types the others' and
    confirms. Does nothing if "TW-01" exists."""
    if not Task.objects.filter(committee=committee, code="TW-01").exists():
        gia_lai_name, tuyen_quang_name = gia_lai.agency.name, tuyen_quang.agency.name
        items = [
            replace(
                item,
                fixed={
                    gia_lai_name: GIA_LAI_CENTRAL[item.code],
                    tuyen_quang_name: TUYEN_QUANG_CENTRAL[item.code],
                },
            )
            if item.leads == PROVINCES
            else item
            for item in CENTRAL_ITEMS
        ]
        officers = {gia_lai_name: SECRETARY, tuyen_quang_name: TQ_SECRETARY}
        people = _people(CENTRAL_SECRETARY, SECRETARY, TQ_SECRETARY)
        rng = random.Random("central")
        _seed_items(
            committee,
            items,
            people=people,
            officers=officers,
            secretary=CENTRAL_SECRETARY,
            above={},
            rng=rng,
        )
        _after_q3(committee, today, officers, CENTRAL_SECRETARY, people=people)
        _touch(committee)
    return _by_code_and_title(committee)


def seed_tuyen_quang(committee: Committee, central_tasks: dict[str, Task], today: date) -> None:
    """Tuyên Quang's tasks from its July 2025 conference; does nothing if "TQ-01" exists."""
    if Task.objects.filter(committee=committee, code="TQ-01").exists():
        return
    people = _people(TQ_SECRETARY, *TQ_OFFICERS.values())
    _seed_items(
        committee,
        TQ_ITEMS,
        people=people,
        officers=TQ_OFFICERS,
        secretary=TQ_SECRETARY,
        above=central_tasks,
        rng=random.Random("tuyen_quang"),
    )
    _after_q3(committee, today, TQ_OFFICERS, TQ_SECRETARY, people=people)
    _touch(committee)


def seed_pleiku(committee: Committee, today: date) -> None:
    """Pleiku ward's tasks from its first meeting (after Gia Lai's register, which they carry
    out); does nothing if "PK-01" exists."""
    if Task.objects.filter(committee=committee, code="PK-01").exists():
        return
    people = _people(PLEIKU_SECRETARY)
    _seed_items(
        committee,
        PLEIKU_ITEMS,
        people=people,
        officers={},
        secretary=PLEIKU_SECRETARY,
        above=_by_code_and_title(committee.parent),
        rng=random.Random("pleiku"),
    )
    people |= _people("admin")
    _after_q3(committee, today, {}, PLEIKU_SECRETARY, people=people, fallback="admin")
    _touch(committee)


# --- From the Q3/2025 review up to the seed day ----------------------------------------------

RECENT_DAYS = 14  # "recent": the last two weeks before the seed day
HORIZON = 720  # an assignment open on 30/09/2025 finishes within about two years of it
EXTENDED_SHARE = 0.75  # of the work overdue on the seed day, how much was granted more time
RECENT_NOTES = [
    "Đang triển khai theo kế hoạch, đạt khoảng {p}% khối lượng",
    "Đã làm việc với các đơn vị liên quan; tiếp tục hoàn thiện sản phẩm, đạt khoảng {p}%",
    "Đang hoàn thiện hồ sơ, dự kiến trình cấp có thẩm quyền trong tháng tới",
    "Đã tổ chức kiểm tra tiến độ tại các đơn vị; khối lượng hoàn thành đạt khoảng {p}%",
]
EXTENSION_REASON = (
    "Nhiệm vụ phải điều chỉnh theo mô hình chính quyền địa phương hai cấp và chờ hướng dẫn của "
    "Trung ương; đề nghị gia hạn đến {label} để hoàn thành đúng chất lượng."
)
LATE_AFTER_NOTE = (
    "Chưa hoàn thành do vướng mắc về kinh phí và thủ tục đầu tư; đang báo cáo UBND tỉnh "
    "tháo gỡ, đạt khoảng {p}%"
)


def _done_note(day: date, rng: random.Random) -> str:
    return f"Đã hoàn thành; Báo cáo kết quả số {rng.randint(120, 2400)}/BC ngày {_vn(day)}"


def _quarter_label(day: date) -> str:
    """The deadline text of the quarter ending on ``day``, as staff write it: "Quý I/2027"."""
    period = quarter_of(day)
    return f"Quý {'I' * period.number if period.number < 4 else 'IV'}/{period.year}"


def _extension_to(today: date, rng: random.Random) -> date:
    """The end of a quarter 1 to 3 quarters ahead of ``today`` (at least 45 days away)."""
    due = quarter_of(today + timedelta(days=45)).end
    for _ in range(rng.choice([0, 0, 1, 2])):
        due = quarter_of(due + timedelta(days=1)).end
    return due


def _after_q3_events(assignment, today: date, rng: random.Random, *, can_extend: bool, horizon):
    """Events (kind, day, value, note) of one lead assignment from 01/10/2025 to the day before
    ``today``: it is confirmed, resumed, completed and confirmed; or still open, with reports up
    to the last weeks and, if its deadline has passed, for most a granted extension to a
    quarter ahead (``can_extend``: someone may ask for it). Days before ``today`` only."""
    last = today - timedelta(days=1)
    first = END + timedelta(days=2)
    if last < first:
        return []
    status, percent = assignment.status, assignment.percent
    if status == Status.AWAITING:
        confirm = END + timedelta(days=rng.randint(2, 20))
        return [("confirm", confirm, None, "")] if confirm <= last else []
    if percent >= 100:  # sent back on its completion report: completed again, with evidence
        finish = END + timedelta(days=rng.randint(5, 25))
        confirm = finish + timedelta(days=rng.randint(2, 5))
        events = [("complete", finish, 100, RESUBMIT_NOTE.strip())] if finish <= last else []
        return [*events, ("confirm", confirm, None, "")] if events and confirm <= last else events
    finish = END + timedelta(days=rng.randint(20, horizon))
    done = finish <= last - timedelta(days=1)
    until = finish - timedelta(days=4) if done else last
    start = first + timedelta(days=rng.randint(0, 120 if status == Status.NOT_STARTED else 30))
    events, count = [], max(1, min(5, (until - start).days // 75))
    for day in _days(start, min(until, last - timedelta(days=RECENT_DAYS)), count, rng):
        percent = min(95, max(percent, 10) + rng.choice([5, 10, 15]))
        events.append(("report", day, percent, rng.choice(RECENT_NOTES).format(p=percent)))
    if done:
        events.append(("complete", finish, 100, None))
        confirm = finish + timedelta(days=rng.randint(1, 6))
        return [*events, ("confirm", confirm, None, "")] if confirm <= last else events
    if start <= last and rng.random() < 0.7:  # a report in the last two weeks
        day = max(start, last - timedelta(days=rng.randint(0, RECENT_DAYS - 1)))
        percent = min(95, max(percent, 10) + rng.choice([5, 10]))
        events.append(("report", day, percent, rng.choice(RECENT_NOTES).format(p=percent)))
    deadline = assignment.deadline
    if deadline is not None and deadline < today:
        if can_extend and rng.random() < EXTENDED_SHARE:
            asked = max(first, deadline - timedelta(days=10), last - timedelta(days=60))
            asked += timedelta(days=rng.randint(0, max(0, (last - asked).days - 3)))
            granted = min(asked + timedelta(days=rng.randint(1, 3)), last)
            new_due = _extension_to(today, rng)
            reason = EXTENSION_REASON.format(label=_quarter_label(new_due))
            events += [("extend", asked, new_due, reason), ("grant", granted, None, "")]
        elif events and events[-1][0] == "report":
            kind, day, value, _ = events[-1]
            events[-1] = (kind, day, value, LATE_AFTER_NOTE.format(p=value))
    return sorted(events, key=lambda e: e[1])


def _after_q3(
    committee: Committee,
    today: date,
    officers: dict,
    secretary: str,
    *,
    people: dict,
    note=None,
    fallback: str | None = None,
) -> None:
    """Carry the register on from its Q3/2025 review to ``today``, the seed day: the work
    still open then goes on; most of it is completed over the months, the rest reports up to
    the last weeks and, if late, was mostly granted a new deadline ahead. Written through the
    services and back-dated like the rest; the replay as of 30/09/2025 sees none of it
    (recorded later), so the seeds' figures stay. ``note(assignment, day)`` words a
    completion; an extension is asked for by the agency's officer in ``officers``, else by
    ``fallback`` (the administrator serves agencies without a login), else by no one."""
    rng = random.Random(f"{committee.name} {today.isoformat()}")
    note = note or (lambda assignment, day: _done_note(day, rng))
    leads = (
        Assignment.objects.filter(task__committee=committee, role=Assignment.Role.LEAD)
        .filter(status__in=(Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING))
        .select_related("agency", "task")
        .order_by("task__code", "agency__name")
    )
    for assignment in leads:
        name = assignment.agency.name
        requester = officers.get(name, fallback)
        # A commune or province among many leads catches up faster (the others are done).
        one_of_many = assignment.agency.kind in (Agency.Kind.COMMUNE, Agency.Kind.PROVINCE)
        events = _after_q3_events(
            assignment,
            today,
            rng,
            can_extend=requester is not None and assignment.agency.kind != Agency.Kind.COMMUNE,
            horizon=300 if one_of_many else HORIZON,
        )
        events = [(k, d, v, note(assignment, d) if n is None else n) for k, d, v, n in events]
        author = people.get(officers.get(name, secretary), people[secretary])
        asker = people.get(requester) if requester else None
        _play(assignment, events, author, people[secretary], rng, today=today, asker=asker)


def seed(demo, today: date) -> None:
    """Every committee's register (``demo`` is what ``steering.demo.seed`` returned), top down:
    a task names the task above it carries out, so the central committee's come first. The
    histories run to 30/09/2025 (the seeds' figures), then on to ``today``, the seed day."""
    central_tasks = seed_central(demo.central, demo.gia_lai, demo.tuyen_quang, today)
    seed_gia_lai(demo.gia_lai, central_tasks, today)
    seed_tuyen_quang(demo.tuyen_quang, central_tasks, today)
    seed_pleiku(demo.pleiku, today)
