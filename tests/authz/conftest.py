"""Four tenants with a full set of objects each, and the personas who look at them.

The tenants are committees (``steering.authz``): the central committee ``C``; province ``A``
(Gia Lai) with the commune committee ``K`` (Phường Pleiku) under it; and ``A``'s sibling
province ``B`` (Đắk Lắk). Every object a tenant owns carries the tenant's tag in its name
("GLA-task", "DLK-meeting"...), so a page can be searched for another tenant's data.

Everything is built once per test module, through the services as staff do, inside a
transaction rolled back when the module ends; each test runs in a savepoint of it (the ``db``
fixture), so what a test changes is undone before the next one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.urls import reverse
from openpyxl import Workbook

from apitokens.services import token_create
from communes import services as commune_services
from communes.models import Commune, FundingProgramme, InvestmentRequest
from communes.workflow import Action
from notifications import kinds
from notifications.services import notify
from reports.models import Report
from steering import services as steering_services
from steering.authz import Role
from steering.models import Agency, Committee, Document, Indicator, Meeting, Member
from tasks import imports
from tasks import services as task_services
from tasks.models import Extension, Urge
from tests.factories import make_user

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ITEMS = [
    {"category": "computers", "description": "Máy tính", "quantity": 10, "unit_price": 18_000_000},
    {"category": "scanners", "description": "Máy quét", "quantity": 2, "unit_price": 25_000_000},
]
PROGRAMME_TOTAL = 1_000_000_000

# The tenants in the order the matrix prints them, and their tags.
TENANTS = ("A", "B", "C", "K")
TAGS = {"A": "GLA", "B": "DLK", "C": "TW", "K": "PKU"}

# The personas: every role in province A, a leader of the central committee and the
# secretariat of the commune committee under A; with the tenant each works in.
PERSONAS = {
    "secretariat": "A",
    "leader": "A",
    "agency_officer": "A",
    "commune_officer": "A",
    "reviewer": "A",
    "finance": "A",
    "administrator": "A",
    "central_leader": "C",
    "commune_secretariat": "K",
}


@dataclass
class Tenant:
    key: str
    tag: str
    committee: Committee
    obj: dict[str, models.Model] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)

    def marker(self, kind: str) -> str:
        """The text every object of this tenant of ``kind`` carries, e.g. "DLK-task"."""
        return f"{self.tag}-{kind}"

    @property
    def prefix(self) -> str:
        """Found in a page only if some object of this tenant is on it."""
        return f"{self.tag}-"


@dataclass
class World:
    tenants: dict[str, Tenant]
    personas: dict[str, object]
    # A central task led by province B alone: A must never see it.
    central_task_for_b: object = None


def annex(rows: list[list]) -> bytes:
    """A one-sheet annex: a header row and ``rows``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _committee(name, level, parent=None, agency=None, province_code=None) -> Committee:
    return Committee.objects.create(
        name=name, level=level, parent=parent, agency=agency, province_code=province_code
    )


def _agency(committee, name, kind=Agency.Kind.DEPARTMENT, short_name="") -> Agency:
    return Agency.objects.create(committee=committee, name=name, kind=kind, short_name=short_name)


def _committee_data(t: Tenant, leads: list[Agency], coordinators: list[Agency]) -> None:
    """Document and meeting (with their files), member, indicator, task with assignments, a
    completion by the first lead awaiting confirmation with evidence, an import batch and a
    finished report."""
    lead = leads[0]
    sec = t.users["secretariat"]
    m = t.marker
    t.obj["document"] = Document.objects.create(
        committee=t.committee,
        number=f"{t.tag}-doc/KH",
        kind=Document.Kind.PLAN,
        issued_on=date(2025, 3, 1),
        issuer="Ban Chỉ đạo",
        title=f"Kế hoạch thực hiện Nghị quyết 57 {m('document')}",
    )
    steering_services.document_attach(
        document=t.obj["document"], user=sec, upload=pdf(f"{m('document-file')}.pdf")
    )
    t.obj["meeting"] = Meeting.objects.create(
        committee=t.committee,
        title=f"Phiên họp quý III {m('meeting')}",
        held_on=date(2025, 7, 15),
        kind=Meeting.Kind.QUARTERLY,
    )
    steering_services.meeting_conclude(
        meeting=t.obj["meeting"],
        user=sec,
        number=f"{t.tag}-12-TB/BCĐ",
        issued_on=date(2025, 7, 20),
        upload=pdf(f"{m('conclusion')}.pdf"),
    )
    t.obj["member"] = Member.objects.create(
        committee=t.committee,
        full_name=f"Nguyễn Văn {m('member')}",
        position_title="Trưởng ban",
        role=Member.Role.HEAD,
    )
    t.obj["indicator"] = Indicator.objects.create(
        committee=t.committee,
        code=m("ind"),
        name=f"Hồ sơ hộ tịch được số hóa {m('indicator')}",
        unit="hồ sơ",
        target_value=1000,
        target_date=date(2025, 12, 31),
        agency=lead,
    )
    t.obj["indicator_value"] = steering_services.indicator_value_record(
        indicator=t.obj["indicator"],
        user=sec,
        period_end=date(2025, 9, 30),
        value=Decimal("900"),
        note=m("indicator-value"),
    )
    task = task_services.task_create(
        committee=t.committee,
        user=sec,
        code=m("T1"),
        title=f"Số hóa hồ sơ hành chính {m('task')}",
        deadline_text="Quý IV/2025",
        field="digital_government",
        leads=leads,
        coordinators=coordinators,
    )
    t.obj["task"] = task
    lead_assignment = task.assignments.get(agency=lead)
    update = task_services.progress_log(
        assignment=lead_assignment,
        user=sec,
        percent=100,
        completed=True,
        note="Đã hoàn thành",
        effective_date=date(2025, 9, 1),
        files=[pdf(f"{m('evidence')}.pdf")],
    )
    lead_assignment.refresh_from_db()
    t.obj["assignment"] = lead_assignment  # awaiting the secretariat's confirmation
    t.obj["evidence"] = update.evidence.get()
    # Asked on the lead's behalf, for a date already past: a grant is refused, it stays pending.
    t.obj["extension"] = Extension.objects.create(
        assignment=lead_assignment,
        requested_by=sec,
        requested_at=update.created_at,
        previous_due=date(2025, 12, 31),
        new_due=date(2026, 3, 31),
        reason=m("extension"),
    )
    t.obj["urge"] = Urge.objects.create(
        assignment=lead_assignment, author=sec, created_at=update.created_at, message=m("urge")
    )
    rows = [[1, f"Nhiệm vụ nhập từ Excel {m('import-row')}", f"Sở lạ {m('unknown')}", "", "2025"]]
    t.obj["import_batch"] = imports.import_batch_create(
        user=sec,
        upload=SimpleUploadedFile(f"{m('import')}.xlsx", annex(rows)),
        default_field="digital_government",
    )
    report = Report.objects.create(
        committee=t.committee,
        kind=Report.Kind.QUARTERLY,
        period_start=date(2025, 7, 1),
        period_end=date(2025, 9, 30),
        as_of=date(2025, 9, 30),
        status=Report.Status.DONE,
        progress=100,
        requested_by=sec,
    )
    report.pdf.save(f"{m('report')}.pdf", ContentFile(PDF), save=False)
    report.xlsx.save(f"{m('report')}.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    report.save()
    t.obj["report"] = report
    t.obj["api_token"] = token_create(user=sec, name=m("token"), days=30)[0]


def _commune_data(
    t: Tenant, province: str, commune_agency: Agency, finance_agency: Agency, code: int
) -> None:
    """A commune, a programme and requests at draft, submitted, approved and allocated."""
    m = t.marker
    commune = Commune.objects.create(
        committee=t.committee,
        code=code,
        name=f"Phường {m('commune')}",
        kind=Commune.Kind.WARD,
        province_code=t.committee.province_code,
        province_name=province,
        agency=commune_agency,
        search_text=m("commune").lower(),
    )
    t.obj["commune"] = commune
    programme = FundingProgramme.objects.create(
        committee=t.committee,
        name=f"Hỗ trợ hạ tầng CNTT cấp xã {m('programme')}",
        decision_number=f"{t.tag}-1520/QĐ-UBND",
        decision_date=date(2025, 8, 5),
        fiscal_year=2025,
        total=PROGRAMME_TOTAL,
        managing_agency=finance_agency,
    )
    t.obj["programme"] = programme
    officer, reviewer, finance = (t.users[r] for r in ("commune_officer", "reviewer", "finance"))
    actors = {
        Action.SUBMIT: officer,
        Action.START_REVIEW: reviewer,
        Action.APPROVE: reviewer,
        Action.ALLOCATE: finance,
    }

    def advance(request, *actions):
        for action in actions:
            data = {}
            if action == Action.APPROVE:
                data = {"approved_amount": request.requested_amount}
            if action == Action.ALLOCATE:
                data = {
                    "programme": programme,
                    "amount": request.approved_amount,
                    "decision_number": f"{t.tag}-{request.pk}/QĐ-UBND",
                    "decided_on": date(2025, 9, 1),
                }
            request = commune_services.request_act(
                request=request, user=actors[action], action=action, **data
            )
        return request

    def new(stage: str, files=()):
        return commune_services.request_create(
            commune=commune,
            user=officer,
            title=f"Trang bị máy tính {m('request-' + stage)}",
            justification="Phục vụ Trung tâm Phục vụ hành chính công",
            items=ITEMS,
            files=files,
        )

    t.obj["request_draft"] = new("draft")
    t.obj["request_submitted"] = advance(
        new("submitted", [pdf(f"{m('quotation')}.pdf")]), Action.SUBMIT
    )
    t.obj["attachment"] = t.obj["request_submitted"].attachments.get()
    approved = (Action.SUBMIT, Action.START_REVIEW, Action.APPROVE)
    t.obj["request_approved"] = advance(new("approved"), *approved)
    t.obj["request_allocated"] = advance(new("allocated"), *approved, Action.ALLOCATE)
    t.obj["allocation"] = t.obj["request_allocated"].allocation
    t.obj["disbursement"] = commune_services.disbursement_create(
        allocation=t.obj["allocation"],
        user=finance,
        amount=1_000_000,
        paid_on=date(2025, 9, 15),
        reference=m("payment"),
    )
    t.obj["survey"] = commune_services.survey_record(
        commune=commune,
        user=reviewer,
        surveyed_on=date(2025, 7, 18),
        computers=20,
        computers_over_5_years=5,
        scanners=2,
        printers=4,
        bandwidth_mbps=100,
        has_lan=True,
        cameras=0,
        service_centre_ready=True,
        trained_staff=3,
        notes=m("survey"),
    )
    for name in ("request_draft", "request_submitted", "request_approved", "request_allocated"):
        t.obj[name] = InvestmentRequest.objects.get(pk=t.obj[name].pk)


def build_world() -> World:
    central = _committee("Ban Chỉ đạo Trung ương (TW-committee)", Committee.Level.CENTRAL)
    c = Tenant("C", TAGS["C"], central)
    ministry = _agency(central, "Bộ Khoa học và Công nghệ (TW-agency)", Agency.Kind.CENTRAL)
    province_agencies = {
        "A": _agency(central, "Tỉnh Gia Lai", Agency.Kind.PROVINCE),
        # Province B's work on central tasks is B's business: its name carries B's tag.
        "B": _agency(central, "Tỉnh Đắk Lắk (DLK-province)", Agency.Kind.PROVINCE),
    }
    c.obj["agency"] = ministry
    c.obj["committee"] = central
    c.users["secretariat"] = make_user("tw_secretariat", Role.SECRETARIAT, central, ministry)

    provinces = {}
    for key, name, code in (("A", "Gia Lai", 52), ("B", "Đắk Lắk", 66)):
        tag = TAGS[key]
        committee = _committee(
            f"Ban Chỉ đạo tỉnh {name} ({tag}-committee)",
            Committee.Level.PROVINCE,
            parent=central,
            agency=province_agencies[key],
            province_code=code,
        )
        t = provinces[key] = Tenant(key, tag, committee)
        t.obj["committee"] = committee
        dept = _agency(committee, f"Sở Khoa học và Công nghệ ({tag}-agency)")
        fin = _agency(committee, f"Sở Tài chính ({tag}-finance)")
        commune_agency = _agency(
            committee, f"Ủy ban nhân dân phường ({tag}-ubnd)", Agency.Kind.COMMUNE
        )
        t.obj["agency"] = dept
        t.obj["commune_agency"] = commune_agency
        prefix = {"A": "", "B": "b_"}[key]
        for role, agency in (
            (Role.SECRETARIAT, dept),
            (Role.LEADER, None),
            (Role.AGENCY_OFFICER, dept),
            (Role.COMMUNE_OFFICER, commune_agency),
            (Role.REVIEWER, dept),
            (Role.FINANCE, fin),
            (Role.ADMINISTRATOR, None),
        ):
            if key == "B" and role == Role.ADMINISTRATOR:
                continue
            t.users[str(role)] = make_user(f"{prefix}{role}", role, committee, agency)
        t.obj["_finance_agency"] = fin

    a, b = provinces["A"], provinces["B"]
    commune_committee = _committee(
        "Ban Chỉ đạo phường Pleiku (PKU-committee)",
        Committee.Level.COMMUNE,
        parent=a.committee,
        agency=a.obj["commune_agency"],
    )
    k = Tenant("K", TAGS["K"], commune_committee)
    k.obj["committee"] = commune_committee
    office = _agency(commune_committee, "Văn phòng HĐND và UBND phường (PKU-agency)")
    k.obj["agency"] = office
    k.users["secretariat"] = make_user(
        "commune_secretariat", Role.SECRETARIAT, commune_committee, office
    )
    c.users["leader"] = make_user("central_leader", Role.LEADER, central)

    # The central task is led by the ministry and both provinces: each province's secretariat
    # and leaders see it, with their own province's assignment and progress only.
    _committee_data(c, [ministry, *province_agencies.values()], [])
    for t in (a, b):
        _committee_data(t, [t.obj["agency"]], [t.obj["commune_agency"]])
        received = c.obj["task"].assignments.get(agency=province_agencies[t.key])
        task_services.progress_log(
            assignment=received,
            user=t.users["secretariat"],
            percent=40,
            completed=False,
            note=f"Tỉnh đã triển khai {t.marker('central-note')}",
            effective_date=date(2025, 8, 1),
            files=[pdf(f"{t.marker('central-evidence')}.pdf")],
        )
        received.refresh_from_db()
        t.obj["received_assignment"] = received
        t.obj["received_evidence"] = received.updates.get().evidence.get()
    _committee_data(k, [office], [])
    _commune_data(a, "Gia Lai", a.obj["commune_agency"], a.obj["_finance_agency"], 91001)
    _commune_data(b, "Đắk Lắk", b.obj["commune_agency"], b.obj["_finance_agency"], 92001)

    central_task_for_b = task_services.task_create(
        committee=central,
        user=c.users["secretariat"],
        code="TW-T2",
        title="Nhiệm vụ giao riêng tỉnh Đắk Lắk (DLK-received-task)",
        deadline_text="Năm 2025",
        field="digital_government",
        leads=[province_agencies["B"]],
    )

    # A notification of each tenant, to one of its users: only that user may open it.
    recipients = {"A": "agency_officer", "B": "agency_officer", "C": "secretariat"}
    for t in (a, b, c, k):
        t.obj["notification"] = notify(
            [t.users[recipients.get(t.key, "secretariat")]],
            kinds.URGED,
            key=f"matrix:{t.key}",
            url=reverse("task_detail", args=[t.obj["task"].pk]),
            params={"task": t.marker("notification"), "agency": "", "message": ""},
        )[0]

    personas = {name: a.users[name] for name in PERSONAS if name in a.users}
    personas["central_leader"] = c.users["leader"]
    personas["commune_secretariat"] = k.users["secretariat"]
    return World(
        tenants={"A": a, "B": b, "C": c, "K": k},
        personas=personas,
        central_task_for_b=central_task_for_b,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    """The four tenants, built once per module and rolled back when the module ends."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
