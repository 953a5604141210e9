"""Demo data for the committee: a province's steering committee as the founders' seeds describe it.

People's names are invented; roles, agencies and documents are the real ones. Every function
is idempotent (keyed on natural keys), so ``seed_demo`` can run any number of times.
"""

import csv
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import vietnam_provinces
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from steering import services
from steering.models import (
    Agency,
    Committee,
    Document,
    Indicator,
    IndicatorValue,
    Meeting,
    Member,
    Profile,
)
from steering.authz import Role

# A copy of ../shared/data/agencies_gia_lai.csv, so a deployment image has it too.
AGENCIES_CSV = Path(__file__).parent / "data" / "agencies_gia_lai.csv"
PROVINCE_CODE = 52  # Gia Lai after the July 2025 reorganisation: 135 communes and wards
DEMO_PASSWORD = "Demo@2025"

EXTRA_AGENCIES = [
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh", "department", "UBND tỉnh Gia Lai"),
    ("Tỉnh ủy Gia Lai", "Tỉnh ủy", "party", "Tỉnh ủy"),
]

DOCUMENTS = [
    (
        "57-NQ/TW",
        Document.Kind.RESOLUTION,
        date(2024, 12, 22),
        "Bộ Chính trị",
        "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
        "số quốc gia",
    ),
    (
        "204-QĐ/TW",
        Document.Kind.DECISION,
        date(2024, 11, 29),
        "Ban Chấp hành Trung ương",
        "Quyết định thành lập Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số",
    ),
    (
        "02-KH/BCĐTW",
        Document.Kind.PLAN,
        date(2025, 6, 19),
        "Ban Chỉ đạo Trung ương",
        "Kế hoạch thúc đẩy chuyển đổi số liên thông, đồng bộ, nhanh, hiệu quả đáp ứng yêu cầu "
        "sắp xếp tổ chức bộ máy của hệ thống chính trị",
    ),
    (
        "15-CTr/TU",
        Document.Kind.PROGRAMME,
        date(2025, 3, 10),
        "Tỉnh ủy Gia Lai",
        "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá "
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    ),
    (
        "06/QĐ-TTg",
        Document.Kind.DECISION,
        date(2022, 1, 6),
        "Thủ tướng Chính phủ",
        "Phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử "
        "phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030 (Đề án 06)",
    ),
]

# (full name, position, committee role, agency name)
MEMBERS = [
    ("Trần Minh Khoa", "Bí thư Tỉnh ủy", Member.Role.HEAD, "Tỉnh ủy Gia Lai"),
    (
        "Lê Thị Hồng Nhung",
        "Phó Bí thư Thường trực Tỉnh ủy",
        Member.Role.DEPUTY_HEAD,
        "Tỉnh ủy Gia Lai",
    ),
    ("Phạm Quốc Bảo", "Chủ tịch UBND tỉnh", Member.Role.DEPUTY_HEAD, "Ủy ban nhân dân tỉnh"),
    ("Võ Thanh Hải", "Phó Chủ tịch UBND tỉnh", Member.Role.STANDING, "Ủy ban nhân dân tỉnh"),
    (
        "Đặng Thị Mai Anh",
        "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        Member.Role.STANDING,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    ),
    (
        "Nguyễn Hữu Phước",
        "Giám đốc Sở Khoa học và Công nghệ",
        Member.Role.STANDING,
        "Sở Khoa học và Công nghệ",
    ),
    ("Huỳnh Văn Tâm", "Giám đốc Sở Tài chính", Member.Role.MEMBER, "Sở Tài chính"),
    ("Bùi Thị Thu Hà", "Giám đốc Sở Nội vụ", Member.Role.MEMBER, "Sở Nội vụ"),
    (
        "Đỗ Minh Trí",
        "Giám đốc Sở Giáo dục và Đào tạo",
        Member.Role.MEMBER,
        "Sở Giáo dục và Đào tạo",
    ),
    ("Ngô Thị Lan", "Giám đốc Sở Y tế", Member.Role.MEMBER, "Sở Y tế"),
    (
        "Trương Công Danh",
        "Giám đốc Sở Nông nghiệp và Môi trường",
        Member.Role.MEMBER,
        "Sở Nông nghiệp và Môi trường",
    ),
    ("Lý Văn Hùng", "Giám đốc Sở Xây dựng", Member.Role.MEMBER, "Sở Xây dựng"),
    ("Đại tá Phan Đức Thịnh", "Giám đốc Công an tỉnh", Member.Role.MEMBER, "Công an tỉnh"),
    ("Mai Xuân Lộc", "Chánh Văn phòng Tỉnh ủy", Member.Role.MEMBER, "Văn phòng Tỉnh ủy"),
    (
        "Hồ Thị Ngọc Trâm",
        "Phó Giám đốc Sở Khoa học và Công nghệ",
        Member.Role.SECRETARY,
        "Sở Khoa học và Công nghệ",
    ),
]

# (username, first name, last name, role, agency name or None)
ACCOUNTS = [
    ("admin", "Quản trị", "hệ thống", Role.ADMINISTRATOR, None),
    ("thuky", "Hồ Thị Ngọc", "Trâm", Role.SECRETARIAT, "Sở Khoa học và Công nghệ"),
    ("lanhdao", "Võ Thanh", "Hải", Role.LEADER, "Ủy ban nhân dân tỉnh"),
    ("canbo.khcn", "Lương Văn", "Thành", Role.AGENCY_OFFICER, "Sở Khoa học và Công nghệ"),
    ("canbo.noivu", "Châu Thị", "Hạnh", Role.AGENCY_OFFICER, "Sở Nội vụ"),
    ("canbo.xa", "Y", "Blốk", Role.COMMUNE_OFFICER, "Ủy ban nhân dân phường Pleiku"),
    ("thamdinh", "Tạ Quang", "Vinh", Role.REVIEWER, "Sở Khoa học và Công nghệ"),
    ("taichinh", "Kiều Thị", "Nga", Role.FINANCE, "Sở Tài chính"),
]


# (code, name, unit, target, responsible agency, source document, value on 30/06, on 30/09)
INDICATORS = [
    (
        "CT-01",
        "Số hồ sơ hộ tịch được số hóa",
        "hồ sơ",
        "2900000",
        "Sở Tư pháp",
        "06/QĐ-TTg",
        "2900000",
        "2900000",
    ),
    (
        "CT-02",
        "Số giấy chứng nhận quyền sử dụng đất được làm sạch dữ liệu",
        "giấy chứng nhận",
        "2025000",
        "Sở Nông nghiệp và Môi trường",
        "06/QĐ-TTg",
        "1350000",
        "1620000",
    ),
    (
        "CT-03",
        "Tỷ lệ cắt giảm thời gian giải quyết thủ tục hành chính",
        "%",
        "30",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "02-KH/BCĐTW",
        "44.05",
        "44.05",
    ),
    (
        "CT-04",
        "Chỉ số phục vụ người dân và doanh nghiệp",
        "điểm",
        "85",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "15-CTr/TU",
        "86.4",
        "89.05",
    ),
    (
        "CT-05",
        "Tỷ lệ chi ngân sách cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "%",
        "2",
        "Sở Tài chính",
        "57-NQ/TW",
        "1.8",
        "2.1",
    ),
]
INDICATOR_PERIODS = (date(2025, 6, 30), date(2025, 9, 30))


def agency_rows() -> list[tuple[str, str, str, str]]:
    with AGENCIES_CSV.open(encoding="utf-8") as fh:
        rows = [(r["name"], r["short_name"], r["kind"], r["aliases"]) for r in csv.DictReader(fh)]
    return rows + EXTRA_AGENCIES


def commune_agency_name(ward_name: str) -> str:
    """'Phường Pleiku' -> 'Ủy ban nhân dân phường Pleiku' (the body tasks are assigned to)."""
    return f"Ủy ban nhân dân {ward_name[0].lower()}{ward_name[1:]}"


def seed_agencies() -> None:
    for name, short_name, kind, aliases in agency_rows():
        Agency.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short_name,
                "kind": kind,
                "aliases": aliases.replace(";", "\n"),
            },
        )
    for ward in vietnam_provinces.Ward.iter_by_province(PROVINCE_CODE):
        Agency.objects.update_or_create(
            name=commune_agency_name(ward.name),
            defaults={
                "short_name": f"UBND {ward.name[0].lower()}{ward.name[1:]}",
                "kind": Agency.Kind.COMMUNE,
                "aliases": ward.name,
            },
        )


def seed_committee() -> Committee:
    central, _ = Committee.objects.update_or_create(
        name="Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
        "đổi số",
        defaults={
            "level": Committee.Level.CENTRAL,
            "establishing_decision": "204-QĐ/TW",
            "established_on": date(2024, 11, 29),
        },
    )
    province, _ = Committee.objects.update_or_create(
        name="Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh "
        "Gia Lai",
        defaults={
            "level": Committee.Level.PROVINCE,
            "province_code": PROVINCE_CODE,
            "parent": central,
            "agency": Agency.objects.get(name="Tỉnh ủy Gia Lai"),
            "establishing_decision": "05-QĐ/TU",
            "established_on": date(2025, 7, 8),
        },
    )
    agencies = {a.name: a for a in Agency.objects.all()}
    for order, (full_name, position, role, agency_name) in enumerate(MEMBERS, start=1):
        Member.objects.update_or_create(
            committee=province,
            full_name=full_name,
            position_title=position,
            defaults={
                "role": role,
                "agency": agencies[agency_name],
                "sort_order": order,
                "active_from": date(2025, 7, 8),
            },
        )
    return province


def seed_meetings(committee: Committee) -> None:
    members = list(committee.members.all())
    head = next(m for m in members if m.role == Member.Role.HEAD)
    meetings = [
        (
            "Phiên họp sơ kết quý I năm 2025",
            date(2025, 4, 8),
            Meeting.Kind.QUARTERLY,
            "12-TB/BCĐ",
            "Ban Chỉ đạo đánh giá kết quả triển khai Nghị quyết 57-NQ/TW quý I/2025: đã ban hành "
            "Chương trình hành động; yêu cầu các sở, ngành hoàn thành kế hoạch chi tiết trước "
            "30/4/2025.",
        ),
        (
            "Phiên họp giao nhiệm vụ triển khai Kế hoạch 02-KH/BCĐTW",
            date(2025, 7, 15),
            Meeting.Kind.REGULAR,
            "25-TB/BCĐ",
            "Giao nhiệm vụ: trước 15/8 các xã, phường thành lập Ban Chỉ đạo cấp xã; trước 30/8 "
            "các đơn vị hoàn thành kế hoạch; trước 30/7 các xã báo cáo nhu cầu mua sắm trang "
            "thiết bị công nghệ thông tin.",
        ),
        (
            "Hội nghị sơ kết 6 tháng đầu năm 2025",
            date(2025, 7, 28),
            Meeting.Kind.SIX_MONTH,
            "31-TB/BCĐ",
            "Sơ kết 6 tháng: số hóa 2,9 triệu hồ sơ hộ tịch (100%); cắt giảm 44,05% thời gian giải "
            "quyết thủ tục hành chính. Yêu cầu Ban Chỉ đạo các cấp thường xuyên đôn đốc, kiểm tra, "
            "xử lý nghiêm các đơn vị chậm tiến độ.",
        ),
        (
            "Phiên họp sơ kết quý III năm 2025",
            date(2025, 10, 10),
            Meeting.Kind.QUARTERLY,
            "40-TB/BCĐ",
            "Đánh giá kết quả quý III/2025: 147 nhiệm vụ, 76 đã hoàn thành, 68 đang triển khai.",
        ),
    ]
    for title, held_on, kind, number, summary in meetings:
        meeting, _ = Meeting.objects.update_or_create(
            committee=committee,
            title=title,
            defaults={
                "held_on": held_on,
                "kind": kind,
                "chair": head,
                "conclusion_number": number,
                "summary": summary,
                "location": "Hội trường Tỉnh ủy Gia Lai",
            },
        )
        meeting.attendees.set(members)


def seed_documents() -> None:
    for number, kind, issued_on, issuer, title in DOCUMENTS:
        Document.objects.update_or_create(
            number=number,
            defaults={"kind": kind, "issued_on": issued_on, "issuer": issuer, "title": title},
        )


def seed_accounts(committee: Committee) -> list[tuple[str, str]]:
    """One login per role; returns (username, role label) for printing."""
    user_model = get_user_model()
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    printed = []
    for username, first, last, role, agency_name in ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        agency = Agency.objects.get(name=agency_name) if agency_name else None
        Profile.objects.update_or_create(
            user=user, defaults={"committee": committee, "agency": agency}
        )
        printed.append((username, Role(role).label))
    return printed


def seed_indicators(committee: Committee) -> None:
    """The five indicators with their values on 30/06 and 30/09/2025, recorded by the
    secretariat on those days (back-dated, so the Q3/2025 report shows them)."""
    secretary = get_user_model().objects.get(username="thuky")
    for order, (code, name, unit, target, agency, document, *values) in enumerate(INDICATORS, 1):
        indicator, _ = Indicator.objects.update_or_create(
            committee=committee,
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "direction": Indicator.Direction.HIGHER,
                "target_value": Decimal(target),
                "target_date": date(2025, 12, 31),
                "agency": Agency.objects.get(name=agency),
                "source_document": Document.objects.get(number=document),
                "sort_order": order,
            },
        )
        for period_end, value in zip(INDICATOR_PERIODS, values, strict=True):
            if IndicatorValue.objects.filter(indicator=indicator, period_end=period_end).exists():
                continue
            record = services.indicator_value_record(
                indicator=indicator,
                user=secretary,
                period_end=period_end,
                value=Decimal(value),
                note="Số liệu báo cáo của cơ quan chủ trì",
            )
            recorded_at = timezone.make_aware(datetime.combine(period_end, time(16)))
            IndicatorValue.objects.filter(pk=record.pk).update(recorded_at=recorded_at)
            IndicatorValue.history.filter(id=record.pk).update(
                recorded_at=recorded_at, history_date=recorded_at
            )


def seed() -> tuple[Committee, list[tuple[str, str]]]:
    """Returns the provincial committee and the (username, role) rows to print."""
    seed_agencies()
    seed_documents()
    committee = seed_committee()
    seed_meetings(committee)
    accounts = seed_accounts(committee)
    seed_indicators(committee)
    return committee, accounts
