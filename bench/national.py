"""Benchmark of the national data set (issue 9, "Speed"): every province in one database.

Run from the repository root:

    DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/national.py

It uses its own PostgreSQL database ``bench_national`` on 127.0.0.1 (user postgres, trust auth),
creates and migrates it when missing, and loads the national data set once:

- 1 central committee with 25 central bodies (ministries...) and the 34 provinces as its
  agencies (kind ``province``), each standing for a provincial committee (``Committee.agency``);
- 34 provincial committees, each with 20 departments and, for each of its communes and wards
  (all 3,321 of ``vietnam_provinces`` after July 2025), a ``Commune`` and its People's
  Committee (an agency of the province's committee);
- 50,000 tasks: 1,132 central ones (the national figure; 40 of them led by every province),
  the rest spread over the provinces in proportion to their communes (70 per province led by
  every commune of the province), about 400,000 assignments and exactly 1,000,000 progress
  updates whose replay gives each assignment's stored state; each task's stored roll-up
  (status, percent, completed_on, earliest_lead_due) is what ``tasks.services.task_refresh``
  would write (``tasks.services.rollup``).

Tasks, assignments and updates are written with PostgreSQL's COPY (bench data, not product
writes: no history rows); the load time is printed and recorded. Re-runs reuse the data;
``--rebuild`` drops the database and starts over.

Every date is relative to a frozen day, TODAY (15/10/2025): the pages are requested with the
clock frozen there (``time_machine``), since the views take today from the clock. Each page is
requested through ``django.test.Client`` as the register benchmark does (5 warm-ups, 30 timed
requests, median and p90; the queries counted on one extra request) by:

- an agency officer of the large province (Thành phố Hồ Chí Minh, 168 communes): ``/tasks/``;
- the secretariat of that province: the overdue register;
- a leader of the central committee: ``/dashboard/`` (its own 1,132 tasks, and the league table
  of the provinces over the other 48,868);

plus, without goals: the same pages for the smallest province (Lai Châu, 38 communes), the
province's dashboard, the central reader's register (all 50,000 tasks), the large province's
tasks led by every commune (``/tasks/?level=commune``, the worst page of the lead column) and a
50-row baseline. The query counts are compared between the two provinces and again after
adding a 35th province and 2,500 tasks (rolled back). ``--explain`` prints the plans of the
slowest queries of the goal pages (always for a page that misses its goal); ``--pages a,b``
only times those pages (no RESULTS.md). The figures go to the console and to
the "National data set" section of ``bench/RESULTS.md``.
"""

import argparse
import random
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import django
from _shared import (
    RESULTS,
    ROOT,
    bulk,
    copy_rows,
    ensure_database,
    migrate,
    replace_section,
    reset_sequence,
    task_title,
    time_calls,
    timestamp,
    use_database,
)

DB_NAME = "bench_national"
use_database(DB_NAME)

TODAY = date(2025, 10, 15)
NOW = datetime(2025, 10, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
N_TASKS = 50_000
N_CENTRAL_TASKS = 1_132  # "25 meetings of the central committee assigned 1,132 tasks"
N_NATIONWIDE = 40  # central tasks led by every province
N_COMMUNE_WIDE = 70  # per province: tasks led by every commune of the province
N_UPDATES = 1_000_000
LARGE, SMALL = 79, 12  # province codes: Thành phố Hồ Chí Minh (168 communes), Lai Châu (38)
WARMUP, RUNS = 5, 30
SECTION = "## National data set"
COMMAND = "DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/national.py"
OVERDUE = "/tasks/?category=in_progress_overdue&category=not_started_overdue"
TARGETS_MS = {"officer_register": 50.0, "secretariat_overdue": 50.0, "central_dashboard": 150.0}
LOAD_TARGET_S = 300.0

CENTRAL_BODIES = [
    ("Bộ Khoa học và Công nghệ", "Bộ KH&CN", "central"),
    ("Bộ Tài chính", "Bộ TC", "central"),
    ("Bộ Công an", "Bộ CA", "central"),
    ("Bộ Quốc phòng", "Bộ QP", "central"),
    ("Bộ Nội vụ", "Bộ NV", "central"),
    ("Bộ Tư pháp", "Bộ TP", "central"),
    ("Bộ Công Thương", "Bộ CT", "central"),
    ("Bộ Nông nghiệp và Môi trường", "Bộ NN&MT", "central"),
    ("Bộ Xây dựng", "Bộ XD", "central"),
    ("Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", "central"),
    ("Bộ Y tế", "Bộ YT", "central"),
    ("Bộ Văn hóa, Thể thao và Du lịch", "Bộ VHTTDL", "central"),
    ("Bộ Ngoại giao", "Bộ NG", "central"),
    ("Bộ Dân tộc và Tôn giáo", "Bộ DT&TG", "central"),
    ("Ngân hàng Nhà nước Việt Nam", "NHNN", "central"),
    ("Thanh tra Chính phủ", "TTCP", "central"),
    ("Văn phòng Chính phủ", "VPCP", "central"),
    ("Văn phòng Trung ương Đảng", "VPTW", "party"),
    ("Ban Tổ chức Trung ương", "BTCTW", "party"),
    ("Ban Tuyên giáo và Dân vận Trung ương", "BTGDVTW", "party"),
    ("Đảng ủy Chính phủ", "ĐUCP", "party"),
    ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "VAST", "central"),
    ("Đại học Quốc gia Hà Nội", "ĐHQGHN", "central"),
    ("Tập đoàn Công nghiệp - Viễn thông Quân đội", "Viettel", "enterprise"),
    ("Tập đoàn Bưu chính Viễn thông Việt Nam", "VNPT", "enterprise"),
]
DEPARTMENTS = [
    ("Sở Khoa học và Công nghệ", "Sở KH&CN", "department"),
    ("Văn phòng Ủy ban nhân dân", "VP UBND", "department"),
    ("Sở Tài chính", "STC", "department"),
    ("Sở Nội vụ", "SNV", "department"),
    ("Sở Tư pháp", "STP", "department"),
    ("Sở Công Thương", "SCT", "department"),
    ("Sở Nông nghiệp và Môi trường", "SNN&MT", "department"),
    ("Sở Xây dựng", "SXD", "department"),
    ("Sở Giáo dục và Đào tạo", "SGD&ĐT", "department"),
    ("Sở Y tế", "SYT", "department"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "department"),
    ("Sở Ngoại vụ", "SNgV", "department"),
    ("Sở Dân tộc và Tôn giáo", "SDT&TG", "department"),
    ("Thanh tra", "TT", "department"),
    ("Công an", "CA", "department"),
    ("Ban Quản lý các khu công nghiệp", "BQL KCN", "department"),
    ("Đài Phát thanh và Truyền hình", "PTTH", "department"),
    ("Văn phòng Tỉnh ủy", "VPTU", "party"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGDV", "party"),
    ("Viễn thông (VNPT)", "VNPT", "enterprise"),
]
USERS = {
    # username: (role, committee key, agency key)
    "national-officer": ("agency_officer", LARGE, "Sở Khoa học và Công nghệ"),
    "national-secretariat": ("secretariat", LARGE, None),
    "national-officer-small": ("agency_officer", SMALL, "Sở Khoa học và Công nghệ"),
    "national-secretariat-small": ("secretariat", SMALL, None),
    "national-central": ("leader", "central", None),
}
# name: (username, url, what)
PAGES = {
    "officer_register": ("national-officer", "/tasks/", "agency officer, large province"),
    "secretariat_overdue": ("national-secretariat", OVERDUE, "secretariat, large province"),
    "central_dashboard": ("national-central", "/dashboard/", "leader, central committee"),
    "province_dashboard": ("national-secretariat", "/dashboard/", "secretariat, large province"),
    "central_register": ("national-central", "/tasks/", "leader, central committee"),
    "officer_register_small": (
        "national-officer-small",
        "/tasks/",
        "agency officer, small province",
    ),
    "secretariat_overdue_small": (
        "national-secretariat-small",
        OVERDUE,
        "secretariat, small province",
    ),
    "commune_wide_register": (
        "national-secretariat",
        "/tasks/?level=commune",
        "secretariat, large province: its 70 tasks led by every commune",
    ),
    "province_dashboard_small": (
        "national-secretariat-small",
        "/dashboard/",
        "secretariat, small province",
    ),
}


# --- The data set ----------------------------------------------------------------------------


def province_label(name: str) -> tuple[str, str]:
    """('Tỉnh Gia Lai', 'tỉnh Gia Lai') or ('Thành phố Huế', 'thành phố Huế')."""
    full = name if name.startswith("Thành phố ") else f"Tỉnh {name}"
    return full, full[0].lower() + full[1:]


def make_committees():
    """The central committee, its agencies, the 34 provincial committees, their departments,
    communes and the communes' People's Committees. Returns what the task generator needs."""
    import vietnam_provinces

    from common.text import fold, nfc
    from communes.models import Commune
    from communes.services import KINDS
    from steering.demo import commune_agency_name
    from steering.models import Agency, Committee

    central = Committee.objects.create(
        name="Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và "
        "chuyển đổi số",
        level=Committee.Level.CENTRAL,
    )
    bodies = bulk(
        Agency,
        [
            Agency(committee=central, name=name, short_name=short, kind=kind)
            for name, short, kind in CENTRAL_BODIES
        ],
    )
    provinces = list(vietnam_provinces.Province.iter_all())
    province_agencies = bulk(
        Agency,
        [
            Agency(
                committee=central,
                name=province_label(p.name)[0],
                short_name=p.name.removeprefix("Thành phố "),
                kind=Agency.Kind.PROVINCE,
            )
            for p in provinces
        ],
    )
    committees = bulk(
        Committee,
        [
            Committee(
                name=f"Ban Chỉ đạo {province_label(p.name)[1]}",
                level=Committee.Level.PROVINCE,
                parent=central,
                agency=agency,
                province_code=int(p.code),
            )
            for p, agency in zip(provinces, province_agencies, strict=True)
        ],
    )
    wards = {int(p.code): list(vietnam_provinces.Ward.iter_by_province(p.code)) for p in provinces}
    agencies = []
    for p, committee in zip(provinces, committees, strict=True):
        label = province_label(p.name)[1]
        agencies += [
            Agency(committee=committee, name=f"{name} {label}", short_name=short, kind=kind)
            for name, short, kind in DEPARTMENTS
        ]
        agencies += [
            Agency(
                committee=committee,
                name=nfc(commune_agency_name(w.name)),
                short_name=nfc(f"UBND {w.name[0].lower()}{w.name[1:]}"),
                kind=Agency.Kind.COMMUNE,
                aliases=nfc(w.name),
            )
            for w in wards[int(p.code)]
        ]
    agencies = bulk(Agency, agencies)
    by_committee: dict[int, dict[str, list]] = {
        c.pk: {"departments": [], "communes": []} for c in committees
    }
    commune_rows = []
    commune_agencies = iter(a for a in agencies if a.kind == Agency.Kind.COMMUNE)
    for a in agencies:
        if a.kind != Agency.Kind.COMMUNE:
            by_committee[a.committee_id]["departments"].append(a)
    for p, committee in zip(provinces, committees, strict=True):
        for w in wards[int(p.code)]:
            agency = next(commune_agencies)
            by_committee[committee.pk]["communes"].append(agency)
            commune_rows.append(
                Commune(
                    committee=committee,
                    code=int(w.code),
                    name=nfc(w.name),
                    kind=KINDS[w.division_type],
                    province_code=int(p.code),
                    province_name=p.name,
                    agency=agency,
                    search_text=fold(w.name),
                )
            )
    bulk(Commune, commune_rows)
    return central, bodies, province_agencies, committees, by_committee


def make_users(central, committees) -> int:
    """The measured users (see ``USERS``) and the author of the log; returns the author's id."""
    from django.contrib.auth.models import Group, User

    from steering.models import Agency, Profile

    by_code = {c.province_code: c for c in committees}
    for username, (role, key, agency_name) in USERS.items():
        committee = central if key == "central" else by_code[key]
        agency = None
        if agency_name:
            agency = Agency.objects.get(committee=committee, name__startswith=agency_name)
        user = User.objects.create_user(username, password="bench")
        user.groups.add(Group.objects.get(name=role))
        Profile.objects.create(user=user, committee=committee, agency=agency)
    return User.objects.create_user("national-author").pk


def deadline(rng: random.Random, created: date) -> tuple[str, date | None, bool]:
    """(deadline text, due date, recurring) as plans write them."""
    roll = rng.random()
    if roll < 0.06:
        return "Thường xuyên", None, True
    if roll < 0.08:
        return "", None, False
    day = created + timedelta(days=rng.randint(20, 540))
    style = rng.random()
    if style < 0.25:  # "Quý IV/2025" -> end of the quarter
        quarter = (day.month - 1) // 3 + 1
        end = date(day.year, 3 * quarter, 30 if quarter in (2, 3) else 31)
        return f"Quý {['I', 'II', 'III', 'IV'][quarter - 1]}/{day.year}", end, False
    if style < 0.4:  # "Tháng 8/2025" -> end of the month
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return f"Tháng {day.month}/{day.year}", following - timedelta(days=1), False
    if style < 0.45:
        return f"Năm {day.year}", date(day.year, 12, 31), False
    return f"{day:%d/%m/%Y}", day, False


STATUSES = ["not_started", "in_progress", "awaiting", "completed"]


def status_weights(rng: random.Random, due: date | None) -> tuple[int, ...]:
    """Weights of STATUSES for the leads of one task: past deadlines are mostly done, and
    some tasks run ahead or behind (so tasks led by 100 communes are not all "in progress")."""
    past = due is not None and due < TODAY
    weights = [8, 25, 4, 60] if past else [22, 53, 4, 20]
    pace = rng.random()
    if pace < 0.25:
        weights[3] *= 4
    elif pace > 0.8:
        weights[0] *= 4
    return tuple(weights)


class Generator:
    """Tasks, assignments and log entries as rows for COPY, with explicit ids."""

    def __init__(self, rng: random.Random, author_id: int):
        self.rng = rng
        self.author_id = author_id
        self.tasks: list[tuple] = []
        self.assignments: list[tuple] = []  # see ASSIGNMENT_COLUMNS, plus extras for the log
        self.history: list[tuple] = []  # per assignment: (start day, was started, cancelled)

    def add_task(
        self,
        committee_id: int,
        number: int,
        level: str,
        created: date,
        leads: list,
        coordinators: list,
        upstream_id: int | None = None,
    ) -> int:
        from common.text import fold
        from tasks.models import Field
        from tasks.services import State, rollup
        from tasks.status import OPEN_STATUSES

        rng = self.rng
        task_id = len(self.tasks) + 1
        code = f"57-{number:05d}"
        title = task_title(rng, task_id)
        description = "Nhiệm vụ sinh tự động cho benchmark quốc gia."
        text, due, recurring = deadline(rng, created)
        weights = status_weights(rng, due)
        cancelled = rng.random() < 0.015
        lead_states, earliest = [], None
        for agency, role in [(a, "lead") for a in leads] + [
            (a, "coordinating") for a in coordinators
        ]:
            own_due = None
            if due and role == "lead" and rng.random() < 0.08:
                own_due = max(created + timedelta(days=10), due - timedelta(rng.randint(5, 60)))
            status = rng.choices(STATUSES, weights)[0] if role == "lead" else rng.choice(STATUSES)
            percent, completed_on = self.progress(status, own_due or due, created)
            started = status != "not_started"
            if cancelled and status != "completed":
                status, completed_on = "cancelled", None
            self.assignments.append(
                (
                    len(self.assignments) + 1,
                    task_id,
                    agency.pk,
                    role,
                    own_due,
                    status,
                    percent,
                    completed_on,
                    1,
                    NOW,
                )
            )
            self.history.append((created, started))
            if role == "lead":
                lead_states.append(State(status, percent, completed_on))
                if status in OPEN_STATUSES and own_due and (earliest is None or own_due < earliest):
                    earliest = own_due
        state = rollup(lead_states)
        status = "cancelled" if cancelled else state.status
        self.tasks.append(
            (
                task_id,
                committee_id,
                code,
                title,
                description,
                "",
                rng.choice(Field.values),
                level,
                rng.random() < 0.1,
                "",
                text,
                due,
                recurring,
                status,
                state.percent,
                state.completed_on,
                "Không còn phù hợp (bench)." if cancelled else "",
                earliest,
                fold(" ".join([code, title, description, ""])),
                1,
                datetime.combine(created, datetime.min.time(), NOW.tzinfo) + timedelta(hours=10),
                NOW,
                upstream_id,
            )
        )
        return task_id

    def progress(self, status: str, due: date | None, created: date) -> tuple[int, date | None]:
        """(percent, completed_on) plausible for ``status``."""
        rng = self.rng
        if status == "completed":
            anchor = due or date(2025, 9, 30)
            done = anchor + timedelta(days=rng.randint(-90, 45))
            done = min(max(done, created + timedelta(days=5)), TODAY - timedelta(days=1))
            return 100, done
        if status == "awaiting":
            return 100, None
        if status == "in_progress":
            return rng.randint(5, 95), None
        return 0, None

    def updates(self):
        """Exactly N_UPDATES log entries whose replay ends in each assignment's stored state:
        the minimum each state needs (a report; a completion awaiting confirmation, then the
        confirmation; a cancellation), and the rest as earlier progress reports."""
        rng = self.rng
        minimum = []
        for (_, _, _, _, _, status, *_), (_, started) in zip(
            self.assignments, self.history, strict=True
        ):
            needed = {"not_started": 0, "in_progress": 1, "awaiting": 1, "completed": 2}.get(
                status, 1 + started
            )
            minimum.append(needed)
        extras = [0] * len(self.assignments)
        candidates = [
            i
            for i, (row, (_, started)) in enumerate(
                zip(self.assignments, self.history, strict=True)
            )
            if row[5] != "not_started" and (row[5] != "cancelled" or started)
        ]
        budget = N_UPDATES - sum(minimum)
        assert budget >= 0, f"{sum(minimum):,} entries needed, more than {N_UPDATES:,}"
        for _ in range(budget):
            extras[candidates[rng.randrange(len(candidates))]] += 1
        next_id = 1
        for row, (created, started), extra in zip(
            self.assignments, self.history, extras, strict=True
        ):
            for entry in self.entries(row, created, started, extra):
                yield (next_id, *entry, row[0], self.author_id)
                next_id += 1

    def entries(self, row, created: date, started: bool, extra: int):
        """(kind, created_at, effective_date, percent, status, note) of one assignment's log."""
        rng = self.rng
        status, percent, completed_on = row[5], row[6], row[7]
        if status == "not_started":
            return []
        first = created + timedelta(days=rng.randint(1, 20))
        last_day = TODAY - timedelta(days=1)
        if status == "completed":
            last = completed_on
        else:
            recent = 30 if status == "awaiting" else 60
            last = last_day - timedelta(days=rng.randint(0, recent))
            last = max(last, min(created + timedelta(days=1), last_day))
        first = min(first, last)
        reports = extra + (1 if status == "in_progress" else 0)
        if status == "cancelled" and started:
            reports += 1
        span = (last - first).days
        days = sorted(first + timedelta(days=rng.randint(0, span)) for _ in range(reports))
        top = percent if status in ("in_progress", "cancelled") else 95
        percents = sorted(rng.randint(min(5, top), max(5, top)) for _ in range(reports))
        if status in ("in_progress", "cancelled") and reports:
            percents[-1] = percent
        moments = sorted(self.moment(day) for day in days)
        rows = [
            ("report", at, at.date(), p, "in_progress", "Cập nhật tiến độ (bench).")
            for at, p in zip(moments, percents, strict=True)
        ]
        after = moments[-1] if moments else self.moment(first)
        if status in ("awaiting", "completed"):
            at = max(self.moment(last), after + timedelta(minutes=1))
            rows.append(("report", at, last, 100, "awaiting", "Đã hoàn thành (bench)."))
            after = at
        if status == "completed":
            day = min(last + timedelta(days=rng.randint(0, 5)), last_day)
            at = max(self.moment(day), after + timedelta(minutes=1))
            rows.append(("confirmation", at, last, 100, "completed", ""))
        if status == "cancelled":
            at = max(self.moment(last), after + timedelta(minutes=1))
            rows.append(("cancellation", at, last, percent, "cancelled", "Hủy (bench)."))
        return rows

    def moment(self, day: date) -> datetime:
        minutes = self.rng.randint(0, 9 * 60)
        return datetime.combine(day, datetime.min.time(), NOW.tzinfo) + timedelta(
            hours=8, minutes=minutes
        )


TASK_COLUMNS = [
    "id",
    "committee_id",
    "code",
    "title",
    "description",
    "source_article",
    "field",
    "level",
    "is_key",
    "expected_output",
    "deadline_text",
    "due_date",
    "recurring",
    "status",
    "percent",
    "completed_on",
    "cancel_reason",
    "earliest_lead_due",
    "search_text",
    "version",
    "created_at",
    "updated_at",
    "upstream_id",
]
ASSIGNMENT_COLUMNS = [
    "id",
    "task_id",
    "agency_id",
    "role",
    "due_date",
    "status",
    "percent",
    "completed_on",
    "version",
    "updated_at",
]
UPDATE_COLUMNS = [
    "id",
    "kind",
    "created_at",
    "effective_date",
    "percent",
    "status",
    "note",
    "assignment_id",
    "author_id",
]


def created_day(rng: random.Random) -> date:
    return date(2025, 1, 10) + timedelta(
        days=rng.randint(0, (date(2025, 9, 30) - date(2025, 1, 10)).days)
    )


def make_tasks(
    rng: random.Random, gen: Generator, central, bodies, provinces, committees, by_committee
):
    """The central committee's tasks, then each province's, in proportion to its communes; the
    special tasks (led by every province, breakdowns, led by every commune) are numbered among
    the others, as plans list them, not all on the register's first page."""
    meetings = sorted(created_day(rng) for _ in range(25))
    nationwide = []
    kinds = ["nationwide"] * N_NATIONWIDE + ["central"] * (N_CENTRAL_TASKS - N_NATIONWIDE)
    rng.shuffle(kinds)
    for n, kind in enumerate(kinds, start=1):
        created = rng.choice(meetings)
        if kind == "nationwide":
            leads, coordinators = list(provinces), rng.sample(bodies, rng.randint(1, 2))
        else:
            leads = rng.sample(bodies, rng.choice([1, 1, 1, 2]))
            if rng.random() < 0.1:
                leads.append(rng.choice(provinces))
            pool = [a for a in bodies + provinces if a not in leads]
            coordinators = rng.sample(pool, rng.randint(0, 3))
        task_id = gen.add_task(central.pk, n, "central", created, leads, coordinators)
        if kind == "nationwide":
            nationwide.append((task_id, created))
    communes_total = sum(len(v["communes"]) for v in by_committee.values())
    remaining = N_TASKS - N_CENTRAL_TASKS
    shares = {
        c.pk: remaining * len(by_committee[c.pk]["communes"]) // communes_total for c in committees
    }
    shares[committees[0].pk] += remaining - sum(shares.values())
    for committee in committees:
        departments = by_committee[committee.pk]["departments"]
        communes = by_committee[committee.pk]["communes"]
        science = departments[0]  # Sở Khoa học và Công nghệ leads more than the others
        kinds = ["breakdown"] * N_NATIONWIDE + ["communes"] * N_COMMUNE_WIDE
        kinds += ["province"] * (shares[committee.pk] - len(kinds))
        rng.shuffle(kinds)
        upstreams = iter(nationwide)
        for n, kind in enumerate(kinds, start=1):
            upstream = None
            if kind == "breakdown":  # the province's own task for a nationwide central task
                upstream, meeting_day = next(upstreams)
                created = min(
                    meeting_day + timedelta(days=rng.randint(5, 30)), TODAY - timedelta(10)
                )
                level = "central"
                leads = [science] if rng.random() < 0.4 else rng.sample(departments, 1)
                coordinators = rng.sample([d for d in departments if d not in leads], 2)
            elif kind == "communes":  # every commune of the province leads
                created, level = created_day(rng), "commune"
                leads = list(communes)
                coordinators = [science] + rng.sample(departments[1:], 1)
            else:
                created, level = created_day(rng), "province"
                roll = rng.random()
                if roll < 0.15:
                    leads = [science]
                elif roll < 0.8:
                    leads = rng.sample(departments, 1)
                elif roll < 0.93:
                    leads = rng.sample(departments, 2)
                else:
                    leads = rng.sample(communes, 1)
                pool = [a for a in departments if a not in leads]
                coordinators = rng.sample(pool, rng.choice([0, 1, 2, 2, 3]))
                if rng.random() < 0.3:
                    coordinators += rng.sample([c for c in communes if c not in leads], 2)
            gen.add_task(committee.pk, n, level, created, leads, coordinators, upstream)


def load_data() -> float | None:
    """Generate and load the data set unless it is there; returns the load time in seconds."""
    from django.db import connection, transaction

    from tasks.models import Task

    if Task.objects.count() >= N_TASKS:
        print(f"data present ({Task.objects.count():,} tasks), reusing it (--rebuild to redo)")
        return None
    started = time.perf_counter()
    rng = random.Random(57)
    with transaction.atomic():
        central, bodies, provinces, committees, by_committee = make_committees()
        author_id = make_users(central, committees)
        gen = Generator(rng, author_id)
        make_tasks(rng, gen, central, bodies, provinces, committees, by_committee)
        generated = time.perf_counter()
        print(
            f"generated {len(gen.tasks):,} tasks and {len(gen.assignments):,} assignments "
            f"in {generated - started:.1f} s"
        )
        copy_rows("tasks_task", TASK_COLUMNS, gen.tasks)
        copy_rows("tasks_assignment", ASSIGNMENT_COLUMNS, gen.assignments)
        updates = copy_rows("tasks_progressupdate", UPDATE_COLUMNS, gen.updates())
        for table in ("tasks_task", "tasks_assignment", "tasks_progressupdate"):
            reset_sequence(table)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = time.perf_counter() - started
    print(
        f"loaded {len(gen.tasks):,} tasks, {len(gen.assignments):,} assignments, "
        f"{updates:,} progress updates in {seconds:.1f} s (COPY and ANALYZE included)"
    )
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    LOAD_TIME_FILE.write_text(f"{seconds:.1f}\n{timestamp()}\n", encoding="utf-8")
    return seconds


LOAD_TIME_FILE = ROOT / "var" / "bench" / "national-load-seconds.txt"


def recorded_load() -> tuple[float, str] | None:
    """(seconds, date) of the last load, kept in var/bench since re-runs reuse the data."""
    try:
        seconds, when = LOAD_TIME_FILE.read_text(encoding="utf-8").splitlines()[:2]
        return float(seconds), when
    except (OSError, ValueError):
        return None


def data_counts() -> dict[str, int]:
    from communes.models import Commune
    from steering.models import Agency, Committee
    from tasks.models import Assignment, ProgressUpdate, Task

    return {
        "committees": Committee.objects.count(),
        "agencies": Agency.objects.count(),
        "communes": Commune.objects.count(),
        "tasks": Task.objects.count(),
        "assignments": Assignment.objects.count(),
        "progress updates": ProgressUpdate.objects.count(),
    }


def check_consistency() -> None:
    """The stored roll-ups agree with the leads and the log (what task_refresh would write)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM tasks_assignment a
            LEFT JOIN LATERAL (
                SELECT status, percent FROM tasks_progressupdate u
                WHERE u.assignment_id = a.id ORDER BY created_at DESC, id DESC LIMIT 1
            ) last ON true
            WHERE coalesce(last.status, 'not_started') <> a.status
               OR coalesce(last.percent, 0) <> a.percent
            """
        )
        (mismatched,) = cursor.fetchone()
    assert mismatched == 0, f"{mismatched} assignments disagree with their log"


# --- Measuring -------------------------------------------------------------------------------


def frozen():
    import time_machine

    return time_machine.travel(NOW, tick=True)


def scope_sizes() -> dict[str, int]:
    """How many tasks each measured user sees (the size behind each page)."""
    from django.contrib.auth.models import User

    from tasks.models import Task

    return {
        username: Task.objects.restrict(User.objects.get(username=username)).count()
        for username in USERS
    }


def measure(pages: dict) -> dict[str, tuple[float, float, int, float]]:
    from django.contrib.auth.models import User
    from django.test import Client

    clients = {}
    for username in {user for user, _, _ in pages.values()}:
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        clients[username] = client

    def get(client, url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, f"{url}: HTTP {response.status_code}"

        return call

    results = {}
    for name, (username, url, _) in pages.items():
        results[name] = time_calls(get(clients[username], url), WARMUP, RUNS)
        print(f"  {name}: {results[name][0]:.1f} ms median, {results[name][2]} queries", flush=True)
    results[BASELINE] = time_calls(baseline, WARMUP, RUNS)
    return results


BASELINE = "baseline_50_rows"


def baseline() -> None:
    """A plain page, as in register_dashboard.py: 50 rows of the task table, queried and
    rendered to a string (the yardstick of the machine's speed at that moment). By id, so the
    query costs the same whatever the table's size (not a sort of 50,000 codes)."""
    from django.template import engines

    from tasks.models import Task

    template = engines["django"].from_string(
        "<table>{% for t in rows %}<tr><td>{{ t.code }}</td><td>{{ t.title }}</td></tr>"
        "{% endfor %}</table>"
    )
    html = template.render({"rows": Task.objects.only("code", "title").order_by("pk")[:50]})
    assert html.count("<tr>") == 50, "baseline rendered the wrong number of rows"


def count_queries(pages: dict) -> dict[str, int]:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, (username, url, _) in pages.items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[name] = len(captured.captured_queries)
    return counts


class Rollback(Exception):
    pass


def counts_after_adding_rows() -> dict[str, int]:
    """Query counts of the pages after adding a 35th province (its agency, committee, 20
    departments and 2,000 tasks with their assignments) and 500 central tasks assigned to the
    large province: everything rolled back afterwards."""
    from django.db import transaction

    from steering.models import Agency, Committee
    from tasks.models import Assignment, Task

    counts = {}
    try:
        with transaction.atomic():
            central = Committee.objects.get(level="central")
            large = Committee.objects.get(province_code=LARGE)
            agency = Agency.objects.create(committee=central, name="Tỉnh Bench", kind="province")
            province = Committee.objects.create(
                name="Ban Chỉ đạo tỉnh Bench", level="province", parent=central, agency=agency
            )
            departments = bulk(
                Agency,
                [
                    Agency(committee=province, name=f"Sở bench {i}", kind="department")
                    for i in range(20)
                ],
            )
            extra = bulk(
                Task,
                [
                    Task(
                        committee=province if i < 2000 else central,
                        code=f"B-{i:05d}",
                        title=f"Nhiệm vụ thêm {i}",
                        field="innovation",
                        due_date=TODAY - timedelta(days=i % 200),
                    )
                    for i in range(2500)
                ],
            )
            science = Agency.objects.get(committee=large, name__startswith="Sở Khoa học")
            bulk(
                Assignment,
                [
                    Assignment(
                        task=task,
                        agency=departments[i % 20] if i < 2000 else large.agency,
                        role="lead",
                    )
                    for i, task in enumerate(extra)
                ]
                + [
                    Assignment(task=task, agency=science, role="coordinating")
                    for task in extra[:300]
                ],
            )
            counts = count_queries(PAGES)
            raise Rollback
    except Rollback:
        pass
    return counts


def explain(pages: list[str], top: int = 3) -> list[tuple[str, str]]:
    """EXPLAIN ANALYZE of the ``top`` slowest queries of one request to each of ``pages``,
    exactly as the page sent them (captured), so new queries on a page are covered too."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    plans = []
    for name in pages:
        username, url, _ = PAGES[name]
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        register = [q for q in captured.captured_queries if '"tasks_' in q["sql"]]
        slowest = sorted(register, key=lambda q: -float(q["time"]))[:top]
        for query in slowest:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            title = f"{name} `{url}`: {float(query['time']) * 1000:.0f} ms in the request"
            plans.append((f"{title}\n\n```sql\n{query['sql']}\n```\n", plan))
    return plans


# --- Reporting -------------------------------------------------------------------------------


def table(results, sizes) -> str:
    lines = [
        "| page | user | tasks in scope | median ms | p90 ms | queries | SQL ms (1 request) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, (median, p90, queries, sql_ms) in results.items():
        if name == BASELINE:
            page, who, size = name, "render_to_string of 50 rows + query (no request)", "50"
        else:
            username, url, who = PAGES[name]
            page, size = f"{name} `{url}`", f"{sizes[username]:,}"
        lines.append(
            f"| {page} | {who} | {size} | {median:.1f} | {p90:.1f} | {queries} | {sql_ms:.0f} |"
        )
    return "\n".join(lines)


def targets(results) -> str:
    lines = []
    for name, limit in TARGETS_MS.items():
        median = results[name][0]
        verdict = "met" if median < limit else "NOT met"
        lines.append(f"- {name}: median {median:.1f} ms, target < {limit:.0f} ms: **{verdict}**")
    return "\n".join(lines)


def constancy(results, grown: dict[str, int]) -> str:
    """Query counts: large against small province, and before against after adding rows."""
    queries = {name: r[2] for name, r in results.items() if name != BASELINE}
    pairs = [
        ("officer_register", "officer_register_small"),
        ("secretariat_overdue", "secretariat_overdue_small"),
        ("province_dashboard", "province_dashboard_small"),
    ]
    lines = []
    for large, small in pairs:
        same = "same" if queries[large] == queries[small] else "**differs**"
        lines.append(
            f"- {large}: {queries[large]} queries in the large province, {queries[small]} in "
            f"the small one ({same})"
        )
    for name, count in grown.items():
        same = "same" if count == queries[name] else "**differs**"
        lines.append(f"- {name}: {queries[name]} queries, {count} after adding rows ({same})")
    return "\n".join(lines)


def write_results(results, sizes, grown, counts, load, plans, notes) -> None:
    data = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    if load:
        seconds, when = load
        verdict = "met" if seconds < LOAD_TARGET_S else "NOT met"
        load = (
            f"{seconds:.0f} s on {when} (generation in Python, COPY, ANALYZE; target < "
            f"{LOAD_TARGET_S:.0f} s: **{verdict}**)"
        )
    else:
        load = "not recorded (run with --rebuild)"
    body = [
        SECTION,
        "",
        f"Date: {timestamp()}. Machine: 2 cores, shared and noisy: compare ratios, not absolutes.",
        f"Data: {data}; PostgreSQL database `{DB_NAME}` on 127.0.0.1. 34 provinces (each with "
        "its province agency owned by the central committee, 20 departments, its communes and "
        "their People's Committees), 1,132 central tasks (40 led by every province), provincial "
        "tasks in proportion to communes (70 per province led by every commune).",
        f"Load time: {load}.",
        f"Today frozen at {TODAY:%d/%m/%Y} (`time_machine`). Server time through "
        f"`django.test.Client` (no network), {WARMUP} warm-up requests then {RUNS} timed; "
        "queries counted on one extra request. Large province: Thành phố Hồ Chí Minh (168 "
        "communes); small: Lai Châu (38).",
        "",
        "```",
        COMMAND,
        "```",
        "",
        table(results, sizes),
        "",
        "Targets (issue 9, median):",
        "",
        targets(results),
        "",
        "Query counts do not grow with the data:",
        "",
        constancy(results, grown),
        "",
    ]
    if notes:
        body += [notes.strip(), ""]
    if plans:
        body += ["### National: query plans (EXPLAIN ANALYZE)", ""]
        for title, plan in plans:
            body += [f"{title}:", "", "```", plan, "```", ""]
    replace_section(SECTION, "\n".join(body))


FINDINGS = """
### National: findings (01/12/2026)

The machine was loaded throughout (load average 3-4 on 2 cores: other engineers' test suites),
so the same page measured up to 2x apart from one run to the next, and the 10,000-task
register, 24 ms when its section was first written, took 36-87 ms in the runs of this day. The
causes below come from the query plans and the objects built, which do not depend on the load.
Over the day's five full runs the officer's register took 54-114 ms (1.3-1.5x the
10,000-task register of the same run: on a quiet machine it may be near its goal, but cause 1 is
its excess), the secretariat's overdue register 101-206 ms (2-3x, most of it SQL: causes 1 and
2; the small province's costs nearly as much, 89 against 101 ms in the last run, because it
reads the same 50,000 rows), the central dashboard 71-154 ms.

1. **Registers: every lead of every task on the page is loaded.** `lead_prefetch()` in
   `tasks/views/register.py` prefetches all lead assignments (with their agency) of the page's
   50 tasks, while `templates/tasks/task_list.html` shows two and "and N more". A task led by
   every commune has 168 leads in Hồ Chí Minh City: an average page of the officer's register
   builds about 870 Assignment and Agency objects, the secretariat's `?level=commune` page 8,400
   (`commune_wide_register`); profiled, that prefetch was 80% of the officer's page before the
   special tasks were spread over the numbering. Plan of the prefetch for such a page (the
   officer's, when the commune-wide tasks came first): `Index Scan using
   tasks_assignment_task_id_53c45b5e on tasks_assignment ... rows=5227`, then `Sort ...
   rows=5227`, for 50 tasks. Suggested fix (view and template, not done here): read at most two
   leads and count the others, `Prefetch("assignments",
   queryset=leads.select_related("agency").order_by("agency__name")[:2], to_attr="leads")`
   (Django turns the slice into `ROW_NUMBER() OVER (PARTITION BY task_id)`) with a count of the
   visible leads for "and N more"; better, store the lead count and the first two short names on
   Task in `services.task_refresh`, as `earliest_lead_due` is, so the list reads no assignment.
2. **The secretariat's and leaders' scope reads the whole national table.** `_tasks_view` in
   `steering/authz.py` (readers with `view_all`) filters `Q(committee_id__in=committee_ids(user))
   | Q(pk__in=Assignment.objects.filter(agency_id=received).values("task_id"))`. PostgreSQL uses
   no index for an OR one of whose arms is a subquery: `Seq Scan on tasks_task ... Filter:
   ((committee_id = 29) OR (hashed SubPlan 1)) Rows Removed by Filter: 47459`, 15-35 ms each, in
   three queries of every register request (the counts per category, the page, and the lead
   prefetch through `_assignments_view`) and in the province dashboard: the cost follows the
   national register (50,000 tasks), not the province's 2,545. Suggested fix (in
   `steering/authz.py`, not done here): materialise the received tasks' ids, `ids =
   list(Assignment.objects.filter(agency_id=received).values_list("task_id", flat=True))` (an
   index scan of about 70 rows), and filter `Q(pk__in=ids)`; the plan becomes `BitmapOr ->
   Bitmap Index Scan on tasks_task_committee_id_09eca3fe, Bitmap Index Scan on tasks_task_pkey`,
   0.5 ms instead of 15 ms for the same 2,541 rows.

   What-if, both fixes monkeypatched into a scratch process (not committed), medians of 15
   requests in one process, ms, two rounds (noisy):

   | page | as is | 2 leads | 2 leads + ids | no leads + ids |
   |---|---:|---:|---:|---:|
   | officer `/tasks/` | 140 / 53 | 85 / 42 | 53 / 61 | 38 / 80 |
   | secretariat overdue | 205 / 97 | 146 / 94 | 80 / 87 | 39 / 84 |
   | secretariat `?level=commune` | 614 / 382 | 153 / 124 | 102 / 120 | 34 / 83 |
   | secretariat `/dashboard/` | 122 / 58 | 110 / 89 | 71 / 71 | 62 / 69 |

3. **Central dashboard**: within its goal on the quieter runs (71-120 ms), over it under the
   heaviest load (154 ms). Its largest query is the league table's counts
   (`selectors.committee_league`: `Seq Scan on tasks_task ... rows=48868` and a HashAggregate over
   the timeliness CASE, 55-65 ms under load), which grows with the national register; then
   `selectors.agency_table` (25 ms: `Seq Scan on tasks_task ... rows=50000` hashed against the
   1,132 central tasks). A covering index (committee_id, status, due_date, completed_on,
   earliest_lead_due) was tried and dropped: 58 against 62 ms, the time is the CASE per row. To
   keep it under 150 ms as the register grows: cache the league table for a few minutes (the
   figures of a day), or count on stored timeliness columns. Before the league table (commit
   ecc830a, run from an export of that commit against the same database, alternating with the
   current code): 944 and 679 ms with 10 queries, against 73 and 76 ms with the league table: the
   dashboard's own figures and agency table then covered all 50,000 tasks and 4,060 agencies;
   1f37315 limits them to the committee's own tasks and rolls the provinces up in the league.
4. **Query counts** are the same for the large and the small province and after adding 2,500
   tasks and a 35th province (the lists above); the central reader's pages make as many queries
   as a province's.
5. `central_register` (no goal: the central reader's `/tasks/` over all 50,000 tasks) pays both
   causes above plus the counts over 50,000 rows.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and regenerate the data")
    parser.add_argument("--explain", action="store_true", help="always print query plans")
    parser.add_argument(
        "--pages",
        help=f"only time these pages (comma-separated, of {', '.join(PAGES)}); print, don't write",
    )
    args, _unknown = parser.parse_known_args()  # bench/run.py passes every option to all

    ensure_database(DB_NAME, args.rebuild)
    django.setup()
    migrate()
    load_data()
    load = recorded_load()
    check_consistency()
    counts = data_counts()
    print(", ".join(f"{n:,} {name}" for name, n in counts.items()))

    if args.pages:
        with frozen():
            sizes = scope_sizes()
            results = measure({name: PAGES[name] for name in args.pages.split(",")})
        print(table(results, sizes))
        return
    with frozen():
        sizes = scope_sizes()
        results = measure(PAGES)
        grown = counts_after_adding_rows()
        print(table(results, sizes))
        print(targets(results))
        print(constancy(results, grown))
        slow = [name for name, limit in TARGETS_MS.items() if results[name][0] >= limit]
        plans = explain(list(TARGETS_MS) if args.explain else slow)
    for title, plan in plans:
        print(f"\n--- {title}\n{plan}")
    write_results(results, sizes, grown, counts, load, plans, FINDINGS)
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
