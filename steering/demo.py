"""Demo data for the committees: every level of the Resolution 57 steering committees.

Four committees (tenants), as the founders' seeds describe them:

- the **Central Steering Committee**, whose agencies are the 34 provinces and cities of the July
  2025 reorganisation (from ``vietnam_provinces``: "Tỉnh Gia Lai", "Thành phố Hà Nội"...) and a
  few central bodies (ministries, the Government Office, Party boards); it owns the documents the
  whole country cites (57-NQ/TW, 204-QĐ/TW, 02-KH/BCĐTW, Project 06);
- **Gia Lai**'s provincial committee (the seeds' figures: 147 tasks, 135 communes, indicators),
  which the central committee reaches through its agency "Tỉnh Gia Lai" (``Committee.agency``);
- **Tuyên Quang**'s, a sibling with the same department names: every province has its own "Sở
  Khoa học và Công nghệ", and neither sees the other's;
- the steering committee of **Pleiku ward**, under Gia Lai, which Gia Lai reaches through its
  agency "Ủy ban nhân dân phường Pleiku".

People's names are invented; positions, agencies and documents are the real ones. Every function
is idempotent (keyed on natural keys), so ``seed_demo`` can run any number of times.
"""

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import vietnam_provinces
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from common.periods import Period, quarter, quarter_of
from notifications.models import Notification
from steering import services
from steering.authz import Role
from steering.models import (
    Agency,
    Committee,
    Document,
    DocumentFormat,
    Indicator,
    IndicatorValue,
    Meeting,
    Member,
    Profile,
)

DATA = Path(__file__).parent / "data"
# A copy of ../shared/data/agencies_gia_lai.csv, so a deployment image has it too.
AGENCIES_CSV = DATA / "agencies_gia_lai.csv"
PROVINCE_CODE = 52  # Gia Lai after the July 2025 reorganisation: 135 communes and wards
TUYEN_QUANG_CODE = 8  # Tuyên Quang (merged with Hà Giang): 124 communes and wards
DEMO_PASSWORD = "Demo@2025"

TOPIC = "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
CENTRAL_NAME = f"Ban Chỉ đạo Trung ương về {TOPIC}"
GIA_LAI_NAME = f"Ban Chỉ đạo {TOPIC} tỉnh Gia Lai"
TUYEN_QUANG_NAME = f"Ban Chỉ đạo {TOPIC} tỉnh Tuyên Quang"
PLEIKU_NAME = f"Ban Chỉ đạo {TOPIC} phường Pleiku"
PLEIKU_WARD = "Phường Pleiku"

K = Agency.Kind
R = Member.Role

# (name, short name, kind, aliases separated by ";")
AgencyRow = tuple[str, str, str, str]
# (number, kind, issued on, issuer, title)
DocumentRow = tuple[str, str, date, str, str]
# (full name, position, committee role, agency name or None)
MemberRow = tuple[str, str, str, str | None]
# (title, held on, kind, conclusion notice number, summary)
MeetingRow = tuple[str, date, str, str, str]
# (username, first name, last name, role, agency name or None)
AccountRow = tuple[str, str, str, str, str | None]


@dataclass(frozen=True)
class Login:
    """One demo login, as ``seed_demo`` prints it."""

    username: str
    role: str
    committee: Committee
    agency: str


@dataclass
class CommitteeSeed:
    """What a committee's demo consists of; ``seed_committee`` loads it."""

    name: str
    level: str
    establishing_decision: str
    established_on: date
    location: str
    agencies: list[AgencyRow]
    documents: list[DocumentRow]
    members: list[MemberRow]
    meetings: list[MeetingRow]
    accounts: list[AccountRow]
    province: str = ""  # the province whose communes it follows (vietnam_provinces name)
    province_code: int | None = None
    # Quarterly reviews after Q3/2025 up to the seed day (and the next one, upcoming), their
    # conclusion notices numbered from this number on; 0: none.
    reviews_from: int = 0
    # How its documents are headed (reports.letterhead): Party or State format, the body printed
    # above its name, its abbreviation in document numbers.
    document_format: str = DocumentFormat.PARTY
    superior_body: str = ""
    document_symbol: str = "BCĐ"


# --- The central committee -----------------------------------------------------------------

CENTRAL_BODIES: list[AgencyRow] = [
    ("Ban Chấp hành Trung ương", "BCH TW", K.PARTY, ""),
    ("Ban Chính sách, chiến lược Trung ương", "Ban CS,CL TW", K.PARTY, "Ban Chính sách chiến lược"),
    ("Văn phòng Trung ương Đảng", "VPTW", K.PARTY, ""),
    ("Ban Tổ chức Trung ương", "BTCTW", K.PARTY, ""),
    ("Văn phòng Chính phủ", "VPCP", K.CENTRAL, ""),
    ("Bộ Khoa học và Công nghệ", "Bộ KH&CN", K.CENTRAL, "Bộ KHCN"),
    ("Bộ Công an", "BCA", K.CENTRAL, ""),
    ("Bộ Tài chính", "BTC", K.CENTRAL, ""),
    ("Bộ Nội vụ", "BNV", K.CENTRAL, ""),
    ("Bộ Nông nghiệp và Môi trường", "Bộ NN&MT", K.CENTRAL, ""),
    ("Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", K.CENTRAL, ""),
]

CENTRAL_DOCUMENTS: list[DocumentRow] = [
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
        "06/QĐ-TTg",
        Document.Kind.DECISION,
        date(2022, 1, 6),
        "Thủ tướng Chính phủ",
        "Phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử "
        "phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030 (Đề án 06)",
    ),
]

CENTRAL = CommitteeSeed(
    superior_body="BAN CHẤP HÀNH TRUNG ƯƠNG",
    document_symbol="BCĐTW",
    name=CENTRAL_NAME,
    level=Committee.Level.CENTRAL,
    establishing_decision="204-QĐ/TW",
    established_on=date(2024, 11, 29),
    location="Trụ sở Trung ương Đảng, Hà Nội",
    agencies=CENTRAL_BODIES,  # and one agency per province, added by seed_central
    documents=CENTRAL_DOCUMENTS,
    members=[
        ("Đoàn Quốc Hưng", "Tổng Bí thư", R.HEAD, "Ban Chấp hành Trung ương"),
        ("Lưu Đức Thành", "Thủ tướng Chính phủ", R.DEPUTY_HEAD, "Văn phòng Chính phủ"),
        (
            "Tôn Thất Minh",
            "Trưởng Ban Chính sách, chiến lược Trung ương",
            R.STANDING,
            "Ban Chính sách, chiến lược Trung ương",
        ),
        (
            "Nghiêm Văn Khải",
            "Bộ trưởng Bộ Khoa học và Công nghệ",
            R.MEMBER,
            "Bộ Khoa học và Công nghệ",
        ),
        ("Thượng tướng Lã Quang Vinh", "Bộ trưởng Bộ Công an", R.MEMBER, "Bộ Công an"),
        ("Phùng Thị Thu", "Bộ trưởng Bộ Tài chính", R.MEMBER, "Bộ Tài chính"),
        ("Khúc Văn Nam", "Bộ trưởng Bộ Nội vụ", R.MEMBER, "Bộ Nội vụ"),
        ("Mạc Thị Hoa", "Chánh Văn phòng Trung ương Đảng", R.MEMBER, "Văn phòng Trung ương Đảng"),
        (
            "Lại Thị Minh Phương",
            "Phó Trưởng Ban Chính sách, chiến lược Trung ương",
            R.SECRETARY,
            "Ban Chính sách, chiến lược Trung ương",
        ),
    ],
    meetings=[
        (
            "Hội nghị toàn quốc quán triệt, triển khai Nghị quyết 57-NQ/TW",
            date(2025, 1, 13),
            Meeting.Kind.EXTRAORDINARY,
            "01-TB/BCĐTW",
            "Quán triệt Nghị quyết 57-NQ/TW đến các cấp ủy, tổ chức đảng; yêu cầu các bộ, ngành, "
            "địa phương ban hành chương trình, kế hoạch hành động trong quý I/2025.",
        ),
        (
            "Phiên họp triển khai Kế hoạch 02-KH/BCĐTW",
            date(2025, 6, 20),
            Meeting.Kind.REGULAR,
            "08-TB/BCĐTW",
            "Giao nhiệm vụ triển khai Kế hoạch 02-KH/BCĐTW: kiện toàn Ban Chỉ đạo cấp tỉnh, "
            "thành lập Ban Chỉ đạo cấp xã trước 15/8/2025; bảo đảm hạ tầng, trang thiết bị cho "
            "chính quyền cấp xã; bố trí tối thiểu 2% chi ngân sách cho khoa học, công nghệ, đổi "
            "mới sáng tạo và chuyển đổi số.",
        ),
        (
            "Phiên họp sơ kết 6 tháng đầu năm 2025",
            date(2025, 7, 24),
            Meeting.Kind.SIX_MONTH,
            "12-TB/BCĐTW",
            "Sơ kết 6 tháng thực hiện Nghị quyết 57-NQ/TW trên toàn quốc; yêu cầu các địa "
            "phương chậm kiện toàn Ban Chỉ đạo, chậm cập nhật thủ tục hành chính khẩn trương "
            "khắc phục.",
        ),
    ],
    accounts=[
        (
            "tw.thuky",
            "Lại Thị Minh",
            "Phương",
            Role.SECRETARIAT,
            "Ban Chính sách, chiến lược Trung ương",
        ),
        ("trunguong", "Kha Văn", "Định", Role.LEADER, None),
    ],
)


def province_agency_name(province: vietnam_provinces.Province) -> str:
    """The central committee's agency for a province: "Tỉnh Gia Lai", "Thành phố Hà Nội"."""
    name = province.name
    return name if name.startswith("Thành phố ") else f"Tỉnh {name}"


def province_agency_rows() -> list[AgencyRow]:
    """One agency of kind PROVINCE per province or city (34 since July 2025)."""
    rows = []
    for province in vietnam_provinces.Province.iter_all():
        name = province_agency_name(province)
        short = province.name.removeprefix("Thành phố ")
        prefix = "thành phố" if name.startswith("Thành phố ") else "tỉnh"
        rows.append((name, short, K.PROVINCE, f"UBND {prefix} {short}"))
    return rows


# --- Gia Lai -------------------------------------------------------------------------------

EXTRA_AGENCIES: list[AgencyRow] = [
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh", K.DEPARTMENT, "UBND tỉnh Gia Lai"),
    ("Tỉnh ủy Gia Lai", "Tỉnh ủy", K.PARTY, "Tỉnh ủy"),
]

# (full name, position, committee role, agency name)
MEMBERS: list[MemberRow] = [
    ("Trần Minh Khoa", "Bí thư Tỉnh ủy", R.HEAD, "Tỉnh ủy Gia Lai"),
    ("Lê Thị Hồng Nhung", "Phó Bí thư Thường trực Tỉnh ủy", R.DEPUTY_HEAD, "Tỉnh ủy Gia Lai"),
    ("Phạm Quốc Bảo", "Chủ tịch UBND tỉnh", R.DEPUTY_HEAD, "Ủy ban nhân dân tỉnh"),
    ("Võ Thanh Hải", "Phó Chủ tịch UBND tỉnh", R.STANDING, "Ủy ban nhân dân tỉnh"),
    (
        "Đặng Thị Mai Anh",
        "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        R.STANDING,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    ),
    (
        "Nguyễn Hữu Phước",
        "Giám đốc Sở Khoa học và Công nghệ",
        R.STANDING,
        "Sở Khoa học và Công nghệ",
    ),
    ("Huỳnh Văn Tâm", "Giám đốc Sở Tài chính", R.MEMBER, "Sở Tài chính"),
    ("Bùi Thị Thu Hà", "Giám đốc Sở Nội vụ", R.MEMBER, "Sở Nội vụ"),
    ("Đỗ Minh Trí", "Giám đốc Sở Giáo dục và Đào tạo", R.MEMBER, "Sở Giáo dục và Đào tạo"),
    ("Ngô Thị Lan", "Giám đốc Sở Y tế", R.MEMBER, "Sở Y tế"),
    (
        "Trương Công Danh",
        "Giám đốc Sở Nông nghiệp và Môi trường",
        R.MEMBER,
        "Sở Nông nghiệp và Môi trường",
    ),
    ("Lý Văn Hùng", "Giám đốc Sở Xây dựng", R.MEMBER, "Sở Xây dựng"),
    ("Đại tá Phan Đức Thịnh", "Giám đốc Công an tỉnh", R.MEMBER, "Công an tỉnh"),
    ("Mai Xuân Lộc", "Chánh Văn phòng Tỉnh ủy", R.MEMBER, "Văn phòng Tỉnh ủy"),
    (
        "Hồ Thị Ngọc Trâm",
        "Phó Giám đốc Sở Khoa học và Công nghệ",
        R.SECRETARY,
        "Sở Khoa học và Công nghệ",
    ),
]

# (username, first name, last name, role, agency name or None)
ACCOUNTS: list[AccountRow] = [
    ("admin", "Quản trị", "hệ thống", Role.ADMINISTRATOR, None),
    ("thuky", "Hồ Thị Ngọc", "Trâm", Role.SECRETARIAT, "Sở Khoa học và Công nghệ"),
    ("lanhdao", "Võ Thanh", "Hải", Role.LEADER, "Ủy ban nhân dân tỉnh"),
    ("canbo.khcn", "Lương Văn", "Thành", Role.AGENCY_OFFICER, "Sở Khoa học và Công nghệ"),
    ("canbo.noivu", "Châu Thị", "Hạnh", Role.AGENCY_OFFICER, "Sở Nội vụ"),
    ("canbo.xa", "Y", "Blốk", Role.COMMUNE_OFFICER, "Ủy ban nhân dân phường Pleiku"),
    ("thamdinh", "Tạ Quang", "Vinh", Role.REVIEWER, "Sở Khoa học và Công nghệ"),
    ("taichinh", "Kiều Thị", "Nga", Role.FINANCE, "Sở Tài chính"),
]

GIA_LAI = CommitteeSeed(
    superior_body="TỈNH ỦY GIA LAI",
    name=GIA_LAI_NAME,
    level=Committee.Level.PROVINCE,
    establishing_decision="05-QĐ/TU",
    established_on=date(2025, 7, 8),
    location="Hội trường Tỉnh ủy Gia Lai",
    agencies=[],  # agency_rows(): the CSV and EXTRA_AGENCIES
    documents=[
        (
            "15-CTr/TU",
            Document.Kind.PROGRAMME,
            date(2025, 3, 10),
            "Tỉnh ủy Gia Lai",
            "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá "
            "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
        ),
    ],
    members=MEMBERS,
    meetings=[
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
    ],
    accounts=ACCOUNTS,
    province="Gia Lai",
    province_code=PROVINCE_CODE,
    reviews_from=52,
)


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
LAST_SEEDED_QUARTER = quarter(2025, 3)  # the seeds' Q3/2025 review; later ones follow the day


def next_period(period: Period) -> Period:
    """The quarter after ``period``."""
    return quarter_of(period.end + timedelta(days=1))


def review_meetings(spec: "CommitteeSeed", today: date) -> list[MeetingRow]:
    """The committee's quarterly reviews after Q3/2025 (held on the 10th after each quarter)
    up to ``today``, and the next one, not held yet (no conclusion notice)."""
    if not spec.reviews_from:
        return []
    rows: list[MeetingRow] = []
    period = next_period(LAST_SEEDED_QUARTER)
    while True:
        held_on = period.end + timedelta(days=10)
        name = {2: "sơ kết 6 tháng đầu năm", 4: "tổng kết năm"}.get(
            period.number, f"sơ kết quý {period.label_vi.split()[1]} năm"
        )
        title = f"Phiên họp {name} {period.year}"
        kind = {2: Meeting.Kind.SIX_MONTH}.get(period.number, Meeting.Kind.QUARTERLY)
        if held_on > today:
            rows.append((title, held_on, kind, "", ""))
            return rows
        number = f"{spec.reviews_from + 6 * len(rows)}-TB/BCĐ"
        summary = (
            f"Đánh giá kết quả {period.label_vi}; yêu cầu các sở, ngành, địa phương khẩn trương "
            "hoàn thành các nhiệm vụ chậm tiến độ, xem xét gia hạn đối với nhiệm vụ có vướng "
            "mắc khách quan và cập nhật kết quả trên hệ thống trước ngày 25 hằng tháng."
        )
        rows.append((title, held_on, kind, number, summary))
        period = next_period(period)


def indicator_periods(today: date) -> list[date]:
    """The quarter ends whose indicator values are recorded by ``today``: the seeds' two, then
    each quarter's once it has been over for a week."""
    ends = list(INDICATOR_PERIODS)
    period = next_period(LAST_SEEDED_QUARTER)
    while period.end + timedelta(days=7) <= today:
        ends.append(period.end)
        period = next_period(period)
    return ends


def indicator_value(target: Decimal, values: list[str], index: int) -> Decimal:
    """The value of a later period: the seeds' values, then a steady climb towards the
    target (already met targets hold)."""
    if index < len(values):
        return Decimal(values[index])
    last = Decimal(values[-1])
    if last >= target:
        return last
    step = (target - last) / 6
    return min(target, last + step * (index - len(values) + 1)).quantize(last)


# --- Tuyên Quang ---------------------------------------------------------------------------

# The same department names as Gia Lai's (data/agencies_tuyen_quang.csv), in another tenant.
TUYEN_QUANG_EXTRA_AGENCIES: list[AgencyRow] = [
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh", K.DEPARTMENT, "UBND tỉnh Tuyên Quang"),
    ("Tỉnh ủy Tuyên Quang", "Tỉnh ủy", K.PARTY, "Tỉnh ủy"),
]

TUYEN_QUANG = CommitteeSeed(
    superior_body="TỈNH ỦY TUYÊN QUANG",
    name=TUYEN_QUANG_NAME,
    level=Committee.Level.PROVINCE,
    establishing_decision="02-QĐ/TU",
    established_on=date(2025, 7, 4),
    location="Hội trường Tỉnh ủy Tuyên Quang",
    agencies=[],  # agency_rows("tuyen_quang")
    documents=[
        (
            "10-KH/BCĐ",
            Document.Kind.PLAN,
            date(2025, 7, 18),
            "Ban Chỉ đạo tỉnh Tuyên Quang",
            "Kế hoạch triển khai các nhiệm vụ trọng tâm phát triển khoa học, công nghệ, đổi mới "
            "sáng tạo và chuyển đổi số năm 2025 sau hợp nhất tỉnh",
        ),
    ],
    members=[
        ("Hà Văn Quyết", "Bí thư Tỉnh ủy", R.HEAD, "Tỉnh ủy Tuyên Quang"),
        ("Nông Thị Bích", "Chủ tịch UBND tỉnh", R.DEPUTY_HEAD, "Ủy ban nhân dân tỉnh"),
        ("Ma Văn Tường", "Phó Chủ tịch UBND tỉnh", R.STANDING, "Ủy ban nhân dân tỉnh"),
        (
            "Hoàng Minh Đức",
            "Giám đốc Sở Khoa học và Công nghệ",
            R.STANDING,
            "Sở Khoa học và Công nghệ",
        ),
        ("Triệu Thị Hằng", "Giám đốc Sở Tài chính", R.MEMBER, "Sở Tài chính"),
        ("Lục Văn Sơn", "Giám đốc Sở Nội vụ", R.MEMBER, "Sở Nội vụ"),
        ("Đại tá Vi Đức Long", "Giám đốc Công an tỉnh", R.MEMBER, "Công an tỉnh"),
        (
            "Quan Thị Yến",
            "Phó Giám đốc Sở Khoa học và Công nghệ",
            R.SECRETARY,
            "Sở Khoa học và Công nghệ",
        ),
    ],
    meetings=[
        (
            "Hội nghị triển khai nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và "
            "chuyển đổi số sau hợp nhất tỉnh",
            date(2025, 7, 17),
            Meeting.Kind.REGULAR,
            "02-TB/BCĐ",
            "Giao nhiệm vụ: trước 15/8/2025 các xã, phường thành lập Ban Chỉ đạo cấp xã; trước "
            "30/8/2025 các đơn vị hoàn thành kế hoạch; trước 30/7/2025 các xã, phường báo cáo "
            "nhu cầu mua sắm trang thiết bị; bố trí tối thiểu 2% chi ngân sách cho khoa học, công "
            "nghệ, đổi mới sáng tạo và chuyển đổi số.",
        ),
        (
            "Phiên họp sơ kết quý III năm 2025",
            date(2025, 10, 8),
            Meeting.Kind.QUARTERLY,
            "05-TB/BCĐ",
            "Đánh giá kết quả quý III/2025; yêu cầu các xã, phường chưa thành lập Ban Chỉ đạo "
            "hoàn thành trong tháng 10/2025.",
        ),
    ],
    accounts=[
        ("tq.thuky", "Quan Thị", "Yến", Role.SECRETARIAT, "Sở Khoa học và Công nghệ"),
        ("tq.lanhdao", "Ma Văn", "Tường", Role.LEADER, "Ủy ban nhân dân tỉnh"),
        ("tq.canbo.khcn", "Sầm Văn", "Tiến", Role.AGENCY_OFFICER, "Sở Khoa học và Công nghệ"),
        (
            "tq.canbo.xa",
            "Bàn Thị",
            "Mai",
            Role.COMMUNE_OFFICER,
            "Ủy ban nhân dân phường Minh Xuân",
        ),
        ("tq.thamdinh", "Lường Văn", "Khánh", Role.REVIEWER, "Sở Khoa học và Công nghệ"),
        ("tq.taichinh", "Chu Thị", "Loan", Role.FINANCE, "Sở Tài chính"),
    ],
    province="Tuyên Quang",
    province_code=TUYEN_QUANG_CODE,
    reviews_from=9,
)


# --- Pleiku ward ---------------------------------------------------------------------------

PLEIKU = CommitteeSeed(
    # A committee of the ward's People's Committee: State documents (Decree 30/2020/ND-CP).
    document_format=DocumentFormat.STATE,
    superior_body="ỦY BAN NHÂN DÂN PHƯỜNG PLEIKU",
    name=PLEIKU_NAME,
    level=Committee.Level.COMMUNE,
    # Gia Lai's register records the decision as Pleiku's completion of task "Các xã, phường
    # thành lập Ban Chỉ đạo cấp xã" (tasks.demo), on the same day.
    establishing_decision="52-QĐ/ĐU",
    established_on=date(2025, 8, 6),
    location="Hội trường Đảng ủy phường Pleiku",
    agencies=[
        ("Đảng ủy phường Pleiku", "Đảng ủy phường", K.PARTY, ""),
        (
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Pleiku",
            "VP HĐND-UBND",
            K.DEPARTMENT,
            "Văn phòng HĐND và UBND phường",
        ),
        (
            "Phòng Kinh tế, Hạ tầng và Đô thị phường Pleiku",
            "Phòng KT-HT-ĐT",
            K.DEPARTMENT,
            "Phòng Kinh tế, Hạ tầng và Đô thị",
        ),
        (
            "Phòng Văn hóa - Xã hội phường Pleiku",
            "Phòng VH-XH",
            K.DEPARTMENT,
            "Phòng Văn hóa - Xã hội",
        ),
        (
            "Trung tâm Phục vụ hành chính công phường Pleiku",
            "TT PVHCC phường",
            K.DEPARTMENT,
            "Trung tâm Phục vụ hành chính công phường",
        ),
        ("Công an phường Pleiku", "CA phường", K.DEPARTMENT, "Công an phường"),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường Pleiku",
            "UBMTTQ phường",
            K.PARTY,
            "Mặt trận Tổ quốc phường",
        ),
    ],
    documents=[
        (
            "01-KH/BCĐ",
            Document.Kind.PLAN,
            date(2025, 8, 15),
            "Ban Chỉ đạo phường Pleiku",
            "Kế hoạch hoạt động năm 2025 của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới "
            "sáng tạo và chuyển đổi số phường Pleiku",
        ),
    ],
    members=[
        ("Rơ Chăm Hyun", "Bí thư Đảng ủy phường", R.HEAD, "Đảng ủy phường Pleiku"),
        ("Nguyễn Thị Kim Oanh", "Chủ tịch UBND phường", R.DEPUTY_HEAD, None),
        (
            "Trịnh Văn Lâm",
            "Trưởng Phòng Kinh tế, Hạ tầng và Đô thị",
            R.MEMBER,
            "Phòng Kinh tế, Hạ tầng và Đô thị phường Pleiku",
        ),
        (
            "Siu H'Nga",
            "Trưởng Phòng Văn hóa - Xã hội",
            R.MEMBER,
            "Phòng Văn hóa - Xã hội phường Pleiku",
        ),
        ("Thiếu tá Đinh Công Tuấn", "Trưởng Công an phường", R.MEMBER, "Công an phường Pleiku"),
        (
            "Phan Thị Diệu Linh",
            "Chánh Văn phòng HĐND và UBND phường",
            R.SECRETARY,
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Pleiku",
        ),
    ],
    meetings=[
        (
            "Phiên họp thứ nhất của Ban Chỉ đạo phường Pleiku",
            date(2025, 8, 14),
            Meeting.Kind.REGULAR,
            "01-TB/BCĐ",
            "Ban hành Quy chế hoạt động, phân công thành viên; giao nhiệm vụ kiện toàn Tổ công "
            "nghệ số cộng đồng tại các tổ dân phố, mua sắm trang thiết bị cho Trung tâm Phục vụ "
            "hành chính công phường từ nguồn kinh phí tỉnh phân bổ.",
        ),
    ],
    accounts=[
        (
            "pleiku.thuky",
            "Phan Thị Diệu",
            "Linh",
            Role.SECRETARIAT,
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Pleiku",
        ),
    ],
)


# --- Loading -------------------------------------------------------------------------------


def agency_rows(slug: str = "gia_lai") -> list[AgencyRow]:
    """A province's agencies: ``data/agencies_<slug>.csv`` and its People's Committee and Party
    committee."""
    with (DATA / f"agencies_{slug}.csv").open(encoding="utf-8") as fh:
        rows = [(r["name"], r["short_name"], r["kind"], r["aliases"]) for r in csv.DictReader(fh)]
    extra = {"gia_lai": EXTRA_AGENCIES, "tuyen_quang": TUYEN_QUANG_EXTRA_AGENCIES}[slug]
    return rows + extra


def commune_agency_name(ward_name: str) -> str:
    """'Phường Pleiku' -> 'Ủy ban nhân dân phường Pleiku' (the body tasks are assigned to)."""
    return f"Ủy ban nhân dân {ward_name[0].lower()}{ward_name[1:]}"


def seed_agencies(committee: Committee, rows: list[AgencyRow]) -> None:
    existing = {a.name: a for a in Agency.objects.filter(committee=committee)}
    for name, short_name, kind, aliases in rows:
        values = {"short_name": short_name, "kind": kind, "aliases": aliases.replace(";", "\n")}
        agency = existing.get(name)
        if agency is None:
            Agency.objects.create(committee=committee, name=name, **values)
        elif any(getattr(agency, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(agency, key, value)
            agency.save()


def seed_documents(committee: Committee, rows: list[DocumentRow]) -> None:
    for number, kind, issued_on, issuer, title in rows:
        Document.objects.update_or_create(
            committee=committee,
            number=number,
            defaults={"kind": kind, "issued_on": issued_on, "issuer": issuer, "title": title},
        )


def _agency(committee: Committee, name: str | None) -> Agency | None:
    return Agency.objects.get(committee=committee, name=name) if name else None


def seed_members(committee: Committee, rows: list[MemberRow], since: date) -> None:
    for order, (full_name, position, role, agency_name) in enumerate(rows, start=1):
        agency = _agency(committee, agency_name)
        Member.objects.update_or_create(
            committee=committee,
            full_name=full_name,
            position_title=position,
            defaults={"role": role, "agency": agency, "sort_order": order, "active_from": since},
        )


def seed_meetings(committee: Committee, rows: list[MeetingRow], location: str) -> None:
    members = list(committee.members.all())
    head = next(m for m in members if m.role == R.HEAD)
    for title, held_on, kind, number, summary in rows:
        meeting, _ = Meeting.objects.update_or_create(
            committee=committee,
            title=title,
            defaults={
                "held_on": held_on,
                "kind": kind,
                "chair": head,
                "conclusion_number": number,
                "summary": summary,
                "location": location,
            },
        )
        meeting.attendees.set(members)


@cache
def _demo_password_hash() -> str:
    """The demo password hashed once: hashing is deliberately slow (about 0.3 s), and the demo
    has 17 logins with the same public password, so they share one hash (and its salt)."""
    return make_password(DEMO_PASSWORD)


def seed_accounts(committee: Committee, rows: list[AccountRow]) -> list[Login]:
    """One login per row, in ``committee``; returns them for printing."""
    user_model = get_user_model()
    logins = []
    for username, first, last, role, agency_name in rows:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.password = _demo_password_hash()
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        agency = _agency(committee, agency_name)
        Profile.objects.update_or_create(
            user=user, defaults={"committee": committee, "agency": agency}
        )
        logins.append(Login(username, str(Role(role).label), committee, agency_name or ""))
    return logins


def seed_committee(
    spec: CommitteeSeed, *, parent: Committee | None, agency: Agency | None, agencies, today: date
) -> tuple[Committee, list[Login]]:
    """The committee of ``spec`` with its agencies, documents, members, meetings and logins.

    Communes are loaded before the logins, as a commune officer's agency is its commune's
    People's Committee (``communes.services.communes_load`` creates them).
    """
    committee, _ = Committee.objects.update_or_create(
        name=spec.name,
        parent=parent,
        defaults={
            "level": spec.level,
            "province_code": spec.province_code,
            "agency": agency,
            "establishing_decision": spec.establishing_decision,
            "established_on": spec.established_on,
            "document_format": spec.document_format,
            "superior_body": spec.superior_body,
            "document_symbol": spec.document_symbol,
        },
    )
    seed_agencies(committee, agencies)
    if spec.province:
        from communes.services import communes_load  # communes.services imports this module

        communes_load(committee=committee, province=spec.province)
    seed_documents(committee, spec.documents)
    seed_members(committee, spec.members, spec.established_on)
    seed_meetings(committee, spec.meetings + review_meetings(spec, today), spec.location)
    return committee, seed_accounts(committee, spec.accounts)


def seed_indicators(committee: Committee, today: date) -> None:
    """The five indicators with their values on 30/06 and 30/09/2025 and at each quarter's
    end since, up to ``today``, recorded by the secretariat on those days (back-dated, so the
    reports of each period show them)."""
    secretary = get_user_model().objects.get(username="thuky")
    documents = {
        d.number: d for d in Document.objects.filter(committee__in=[committee, committee.parent])
    }
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
                "agency": Agency.objects.get(committee=committee, name=agency),
                "source_document": documents[document],
                "sort_order": order,
            },
        )
        for index, period_end in enumerate(indicator_periods(today)):
            if IndicatorValue.objects.filter(indicator=indicator, period_end=period_end).exists():
                continue
            record = services.indicator_value_record(
                indicator=indicator,
                user=secretary,
                period_end=period_end,
                value=indicator_value(Decimal(target), values, index),
                note="Số liệu báo cáo của cơ quan chủ trì",
            )
            recorded_at = timezone.make_aware(datetime.combine(period_end, time(16)))
            if period_end not in INDICATOR_PERIODS:  # reported in the week after the quarter
                recorded_at += timedelta(days=5)
            IndicatorValue.objects.filter(pk=record.pk).update(recorded_at=recorded_at)
            IndicatorValue.history.filter(id=record.pk).update(
                recorded_at=recorded_at, history_date=recorded_at
            )


UNREAD_DAYS = 14  # a demo notification older than this (before the seed day) is read already


def backdate_notices(since: datetime, moment: datetime, today: date | None = None) -> None:
    """Date the notifications created since ``since`` at ``moment`` (the back-dated event
    that caused them); those older than two weeks before ``today``, the seed day (all of them
    without one), are read already, so a demo login is not met by hundreds of unread ones."""
    notices = Notification.objects.filter(created_at__gte=since)
    if today is None or moment.date() < today - timedelta(days=UNREAD_DAYS):
        notices.update(created_at=moment, read_at=moment + timedelta(hours=20))
    else:
        notices.update(created_at=moment)


@dataclass
class Demo:
    """The demo's committees and logins."""

    central: Committee
    gia_lai: Committee
    tuyen_quang: Committee
    pleiku: Committee
    logins: list[Login]

    @property
    def committees(self) -> list[Committee]:
        return [self.central, self.gia_lai, self.tuyen_quang, self.pleiku]


def seed(today: date) -> Demo:
    """Load the four committees, top down (a committee's agency belongs to the one above), as
    they stand on ``today`` (the seed day: meetings and indicator values up to it)."""
    central, logins = seed_committee(
        CENTRAL,
        parent=None,
        agency=None,
        agencies=CENTRAL_BODIES + province_agency_rows(),
        today=today,
    )

    def province_agency(code: int) -> Agency:
        province = vietnam_provinces.Province.from_code(code)
        return Agency.objects.get(committee=central, name=province_agency_name(province))

    gia_lai, more = seed_committee(
        GIA_LAI,
        parent=central,
        agency=province_agency(PROVINCE_CODE),
        agencies=agency_rows("gia_lai"),
        today=today,
    )
    logins += more
    tuyen_quang, more = seed_committee(
        TUYEN_QUANG,
        parent=central,
        agency=province_agency(TUYEN_QUANG_CODE),
        agencies=agency_rows("tuyen_quang"),
        today=today,
    )
    logins += more
    pleiku, more = seed_committee(
        PLEIKU,
        parent=gia_lai,
        agency=Agency.objects.get(committee=gia_lai, name=commune_agency_name(PLEIKU_WARD)),
        agencies=PLEIKU.agencies,
        today=today,
    )
    logins += more
    seed_indicators(gia_lai, today)
    # Gia Lai's logins first, as before: they are the ones the README starts with.
    order = {gia_lai.pk: 0, tuyen_quang.pk: 1, pleiku.pk: 2, central.pk: 3}
    logins.sort(key=lambda login: order[login.committee.pk])
    return Demo(central, gia_lai, tuyen_quang, pleiku, logins)
