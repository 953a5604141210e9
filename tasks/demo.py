"""Demo task register: the 147 Resolution 57 tasks a province reported in 2025.

Everything is written through ``tasks.services``; each log entry's recorded time (and each
task's creation time) is then back-dated, so the register today and the register replayed as of
30/09/2025 give the same figures: 147 tasks, 76 completed, 68 in progress, 3 not started.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from steering.models import Agency, Committee, Document, Meeting
from tasks import services
from tasks.deadlines import parse_deadline
from tasks.models import Assignment, Field, Level, ProgressUpdate, Task
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


def _group(field_, doc, rows, level=Level.PROVINCE) -> list[Spec]:
    """Rows (title, lead, deadline, output[, options]) sharing a field, document and level."""
    return [
        Spec(title, lead, deadline, output, **{"field": field_, "doc": doc, "level": level, **opt})
        for title, lead, deadline, output, *opts in rows
        for opt in [opts[0] if opts else {}]
    ]


SPECS: list[Spec] = [
    *_group(
        Field.INSTITUTIONS,
        "15-CTr/TU",
        [
            (
                "Xây dựng Kế hoạch của UBND tỉnh thực hiện Chương trình hành động số 15-CTr/TU "
                "của Tỉnh ủy về thực hiện Nghị quyết 57-NQ/TW",
                "KHCN",
                "Quý II/2025",
                "Kế hoạch được UBND tỉnh ban hành",
                {"key": True, "coord": ("VPUB", "TC", "NV"), "outcome": "done"},
            ),
            (
                "Hướng dẫn, đôn đốc các sở, ngành xây dựng kế hoạch chi tiết thực hiện "
                "Chương trình hành động số 15-CTr/TU",
                "VPUB",
                "Trước 30/4/2025",
                "Kế hoạch chi tiết của các sở, ngành",
                {"meeting": "12-TB/BCĐ", "coord": ("KHCN",)},
            ),
            (
                "Rà soát các văn bản quy phạm pháp luật của tỉnh gây cản trở phát triển khoa học, "
                "công nghệ, đổi mới sáng tạo và chuyển đổi số, đề xuất sửa đổi, bổ sung",
                "TP",
                "Quý III/2025",
                "Báo cáo rà soát gửi UBND tỉnh",
                {"coord": ("KHCN",)},
            ),
            (
                "Tham mưu HĐND tỉnh ban hành Nghị quyết quy định chính sách hỗ trợ phát triển "
                "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn tỉnh",
                "KHCN",
                "Năm 2025",
                "Nghị quyết của HĐND tỉnh",
                {"key": True, "coord": ("TC", "TP")},
            ),
            (
                "Kiện toàn Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và "
                "chuyển đổi số tỉnh sau hợp nhất đơn vị hành chính",
                "BTC",
                "Tháng 7/2025",
                "Quyết định thành lập Ban Chỉ đạo tỉnh",
                {
                    "outcome": "done",
                    "doc": "02-KH/BCĐTW",
                    "final_note": "Ban Thường vụ Tỉnh ủy đã ban hành Quyết định số 05-QĐ/TU "
                    "thành lập Ban Chỉ đạo tỉnh sau hợp nhất",
                },
            ),
            (
                "Ban hành Quy chế hoạt động của Ban Chỉ đạo và Tổ giúp việc Ban Chỉ đạo tỉnh",
                "KHCN",
                "Tháng 8/2025",
                "Quy chế được Trưởng Ban Chỉ đạo ký ban hành",
                {"meeting": "25-TB/BCĐ"},
            ),
            (
                "Nghiên cứu, đề xuất cơ chế thử nghiệm có kiểm soát (sandbox) đối với công nghệ, "
                "mô hình kinh doanh mới trên địa bàn tỉnh",
                "KHCN",
                "Năm 2026",
                "Đề xuất cơ chế trình UBND tỉnh",
                {"coord": ("TP", "CT")},
            ),
            (
                "Ban hành quy định phân cấp, ủy quyền giải quyết thủ tục hành chính cho chính "
                "quyền cấp xã theo mô hình chính quyền địa phương hai cấp",
                "NV",
                "Quý III/2025",
                "Quyết định của UBND tỉnh",
                {"coord": ("VPUB", "TP")},
            ),
            (
                "Xây dựng quy định khoán chi đến sản phẩm cuối cùng đối với nhiệm vụ khoa học và "
                "công nghệ sử dụng ngân sách tỉnh",
                "KHCN",
                "Năm 2025",
                "Quyết định ban hành quy định khoán chi",
                {"coord": ("TC",)},
            ),
            (
                "Đưa kết quả thực hiện nhiệm vụ khoa học, công nghệ, đổi mới sáng tạo và chuyển "
                "đổi số vào tiêu chí đánh giá, xếp loại người đứng đầu cơ quan, đơn vị",
                "NV",
                "Năm 2025",
                "Bộ tiêu chí được UBND tỉnh phê duyệt",
            ),
            (
                "Tổ chức quán triệt, tuyên truyền Nghị quyết 57-NQ/TW đến cán bộ, đảng viên và "
                "các tầng lớp nhân dân",
                "TGDV",
                "Quý I/2025",
                "Báo cáo kết quả quán triệt",
                {"coord": ("MTTQ", "BAO"), "doc": "57-NQ/TW"},
            ),
            (
                "Duy trì chuyên trang, chuyên mục tuyên truyền về khoa học, công nghệ, đổi mới "
                "sáng tạo và chuyển đổi số trên các phương tiện thông tin đại chúng",
                "BAO",
                "Thường xuyên",
                "Chuyên trang, chuyên mục được duy trì định kỳ",
            ),
            (
                "Sơ kết 6 tháng đầu năm 2025 thực hiện Nghị quyết 57-NQ/TW trên địa bàn tỉnh",
                "KHCN",
                "Tháng 7/2025",
                "Báo cáo sơ kết gửi Ban Chỉ đạo Trung ương",
                {"outcome": "done"},
            ),
            (
                "Xây dựng Bộ chỉ số đánh giá mức độ chuyển đổi số của các sở, ngành và các xã, "
                "phường",
                "KHCN",
                "Quý IV/2025",
                "Bộ chỉ số được UBND tỉnh ban hành",
                {"coord": ("NV",)},
            ),
        ],
    ),
    *_group(
        Field.SCIENCE_TECHNOLOGY,
        "57-NQ/TW",
        [
            (
                "Bố trí tối thiểu 3% tổng chi ngân sách tỉnh cho khoa học, công nghệ, đổi mới "
                "sáng tạo và chuyển đổi số trong dự toán năm 2026",
                "TC",
                "Tháng 12/2025",
                "Nghị quyết của HĐND tỉnh về dự toán ngân sách năm 2026",
                {
                    "key": True,
                    "outcome": "wip",
                    "final_percent": 60,
                    "final_note": "Đã tổng hợp dự toán; dự kiến chi cho khoa học, công nghệ, "
                    "đổi mới sáng tạo và chuyển đổi số chiếm 3,1% tổng chi ngân sách tỉnh",
                },
            ),
            (
                "Bổ sung dự toán năm 2025 bảo đảm tối thiểu 2% chi ngân sách cho khoa học, công "
                "nghệ, đổi mới sáng tạo và chuyển đổi số",
                "TC",
                "Quý III/2025",
                "Quyết định giao bổ sung dự toán",
                {"coord": ("KHCN",)},
            ),
            (
                "Thành lập Quỹ Phát triển khoa học và công nghệ tỉnh",
                "KHCN",
                "Năm 2025",
                "Quyết định thành lập Quỹ",
                {"key": True, "coord": ("TC", "NV")},
            ),
            (
                "Bố trí kinh phí đầu tư hạ tầng công nghệ thông tin cho 135 xã, phường",
                "TC",
                "Quý III/2025",
                "Quyết định phân bổ kinh phí",
                {
                    "key": True,
                    "field": Field.INFRASTRUCTURE,
                    "coord": ("KHCN",),
                    "outcome": "done",
                    "final_note": "UBND tỉnh đã ban hành Quyết định số 1842/QĐ-UBND ngày "
                    "{d} phân bổ 263,3 tỷ đồng đầu tư hạ tầng công nghệ thông tin cho 135 "
                    "xã, phường",
                },
            ),
            (
                "Hướng dẫn doanh nghiệp trích lập và sử dụng Quỹ phát triển khoa học và công "
                "nghệ của doanh nghiệp",
                "KHCN",
                "Năm 2025",
                "Văn bản hướng dẫn gửi doanh nghiệp",
                {"coord": ("TC",)},
            ),
            (
                "Hướng dẫn quy trình mua sắm trang thiết bị công nghệ thông tin từ nguồn kinh "
                "phí hỗ trợ cho cấp xã",
                "TC",
                "Tháng 8/2025",
                "Văn bản hướng dẫn gửi các xã, phường",
                {"field": Field.INFRASTRUCTURE, "coord": ("KHCN",), "meeting": "25-TB/BCĐ"},
            ),
            (
                "Đơn giản hóa thủ tục thanh toán, quyết toán kinh phí nhiệm vụ khoa học và công "
                "nghệ",
                "TC",
                "Quý III/2025",
                "Quy định được sửa đổi, bổ sung",
                {"coord": ("KHCN",)},
            ),
            (
                "Xác định danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh đặt hàng thực hiện "
                "từ năm 2026",
                "KHCN",
                "Quý III/2025",
                "Danh mục được UBND tỉnh phê duyệt",
            ),
            (
                "Hợp tác với Trung tâm Quốc tế Khoa học và Giáo dục liên ngành (ICISE) phát "
                "triển nghiên cứu cơ bản và thu hút nhà khoa học quốc tế",
                "KHCN",
                "2025-2030",
                "Chương trình hợp tác được ký kết",
                {"coord": ("ICISE", "DHQN")},
            ),
            (
                "Đổi mới phương thức tuyển chọn, giao trực tiếp nhiệm vụ khoa học và công nghệ "
                "gắn với bài toán thực tiễn của tỉnh",
                "KHCN",
                "Năm 2025",
                "Quy định tuyển chọn, giao trực tiếp được ban hành",
            ),
        ],
    ),
    *_group(
        Field.SCIENCE_TECHNOLOGY,
        "15-CTr/TU",
        [
            (
                "Xây dựng Đề án phát triển công nghiệp bán dẫn, trí tuệ nhân tạo và an ninh mạng "
                "tỉnh Gia Lai giai đoạn 2025-2030",
                "KHCN",
                "Quý IV/2025",
                "Đề án được UBND tỉnh phê duyệt",
                {"key": True, "coord": ("CA", "KKT", "DHQN")},
            ),
            (
                "Xây dựng Đề án đào tạo nguồn nhân lực chất lượng cao về bán dẫn, trí tuệ nhân "
                "tạo và an ninh mạng giai đoạn 2025-2030",
                "GDDT",
                "Quý IV/2025",
                "Đề án được UBND tỉnh phê duyệt",
                {"key": True, "field": Field.HUMAN_RESOURCES, "coord": ("DHQN", "NV")},
            ),
            (
                "Xây dựng Đề án đẩy mạnh giáo dục STEM trong các cơ sở giáo dục phổ thông giai "
                "đoạn 2025-2030",
                "GDDT",
                "Quý III/2025",
                "Đề án được UBND tỉnh phê duyệt",
                {"key": True, "field": Field.HUMAN_RESOURCES},
            ),
            (
                "Xây dựng Đề án thành lập Khu công nghệ thông tin tập trung tỉnh Gia Lai",
                "KKT",
                "Năm 2025",
                "Đề án trình Thủ tướng Chính phủ",
                {"key": True, "field": Field.INFRASTRUCTURE, "coord": ("KHCN", "XD")},
            ),
            (
                "Khảo sát, lựa chọn địa điểm và lập quy hoạch chi tiết Khu công nghệ thông tin "
                "tập trung",
                "XD",
                "Năm 2026",
                "Quy hoạch chi tiết tỷ lệ 1/500 được phê duyệt",
                {"field": Field.INFRASTRUCTURE, "coord": ("KKT",)},
            ),
            (
                "Thí điểm trợ lý ảo ứng dụng trí tuệ nhân tạo hướng dẫn thủ tục hành chính tại "
                "Trung tâm Phục vụ hành chính công tỉnh",
                "PVHCC",
                "Quý III/2025",
                "Trợ lý ảo được đưa vào vận hành",
                {"field": Field.DIGITAL_GOVERNMENT, "coord": ("KHCN", "VIETTEL")},
            ),
            (
                "Trang bị phòng học STEM cho các trường trung học phổ thông",
                "GDDT",
                "Năm 2025",
                "Phòng học STEM được đưa vào sử dụng",
                {"field": Field.HUMAN_RESOURCES, "coord": ("TC",)},
            ),
            (
                "Tổ chức Cuộc thi khoa học kỹ thuật cấp tỉnh dành cho học sinh trung học",
                "GDDT",
                "Quý I/2025",
                "Báo cáo kết quả Cuộc thi",
                {"field": Field.HUMAN_RESOURCES, "doc": "57-NQ/TW"},
            ),
            (
                "Xây dựng chính sách thu hút chuyên gia, nhà khoa học và nhân lực công nghệ số "
                "về làm việc tại tỉnh",
                "NV",
                "Năm 2025",
                "Nghị quyết của HĐND tỉnh",
                {"field": Field.HUMAN_RESOURCES, "coord": ("TC", "KHCN")},
            ),
            (
                "Hỗ trợ Trường Đại học Quy Nhơn mở ngành đào tạo thiết kế vi mạch bán dẫn và trí "
                "tuệ nhân tạo",
                "GDDT",
                "2025-2030",
                "Ngành đào tạo được mở và tuyển sinh",
                {"field": Field.HUMAN_RESOURCES, "coord": ("DHQN",)},
            ),
            (
                "Xây dựng phòng thí nghiệm dùng chung về trí tuệ nhân tạo và an ninh mạng",
                "KHCN",
                "2026-2030",
                "Phòng thí nghiệm được đầu tư",
                {"coord": ("DHQN", "CA")},
            ),
        ],
    ),
    *_group(
        Field.HUMAN_RESOURCES,
        "15-CTr/TU",
        [
            (
                "Bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức cấp tỉnh và cấp xã",
                "NV",
                "Năm 2025",
                "Báo cáo kết quả bồi dưỡng",
                {"coord": ("KHCN",)},
            ),
            (
                "Bố trí mỗi sở, ngành ít nhất 01 công chức chuyên trách công nghệ thông tin, "
                "chuyển đổi số",
                "NV",
                "Quý III/2025",
                "Báo cáo kết quả bố trí công chức",
            ),
            (
                "Đào tạo chuyên sâu về an toàn thông tin cho đội ngũ chuyên trách công nghệ "
                "thông tin của tỉnh",
                "CA",
                "Quý IV/2025",
                "Báo cáo kết quả đào tạo",
                {"coord": ("KHCN",)},
            ),
            (
                "Tập huấn khai thác, sử dụng Hệ thống thông tin giải quyết thủ tục hành chính "
                "cho công chức cấp xã sau sắp xếp",
                "PVHCC",
                "Tháng 7/2025",
                "Báo cáo kết quả tập huấn",
                {"coord": ("KHCN",), "doc": "02-KH/BCĐTW", "level": Level.CENTRAL},
            ),
        ],
    ),
    *_group(
        Field.DIGITAL_GOVERNMENT,
        "15-CTr/TU",
        [
            (
                "Số hóa 2,9 triệu hồ sơ hộ tịch và cập nhật vào Cơ sở dữ liệu hộ tịch điện tử",
                "TP",
                "Quý II/2025",
                "100% hồ sơ hộ tịch được số hóa",
                {
                    "key": True,
                    "outcome": "done",
                    "final_note": "Đã số hóa 2,9 triệu hồ sơ hộ tịch (đạt 100%), cập nhật vào Cơ "
                    "sở dữ liệu hộ tịch điện tử toàn quốc; Báo cáo số 214/BC-STP ngày {d}",
                },
            ),
            (
                "Làm sạch dữ liệu 1,62 triệu giấy chứng nhận quyền sử dụng đất đã cấp",
                "NNMT",
                "Năm 2025",
                "Dữ liệu đất đai đúng, đủ, sạch, sống",
                {
                    "key": True,
                    "outcome": "wip",
                    "final_percent": 80,
                    "coord": ("CA",),
                    "final_note": "Đã làm sạch 1,30 triệu/1,62 triệu giấy chứng nhận (đạt 80%)",
                },
            ),
            (
                "Xây dựng cơ sở dữ liệu đất đai của tỉnh kết nối với Cơ sở dữ liệu quốc gia về "
                "đất đai",
                "NNMT",
                "Năm 2025",
                "Cơ sở dữ liệu được kết nối, chia sẻ",
                {"coord": ("KHCN",)},
            ),
            (
                "Số hóa tài liệu lưu trữ lịch sử tại Trung tâm Lưu trữ lịch sử tỉnh",
                "NV",
                "2025-2030",
                "Tài liệu lưu trữ được số hóa",
            ),
            (
                "Cập nhật hồ sơ sức khỏe điện tử của người dân trên địa bàn tỉnh",
                "YT",
                "Năm 2025",
                "Hồ sơ sức khỏe điện tử được cập nhật",
                {"field": Field.DIGITAL_SOCIETY},
            ),
            (
                "Cắt giảm tối thiểu 30% thời gian giải quyết thủ tục hành chính so với quy định",
                "VPUB",
                "Năm 2025",
                "Báo cáo kết quả cắt giảm thời gian",
                {
                    "key": True,
                    "coord": ("PVHCC",),
                    "outcome": "done",
                    "final_note": "Thời gian giải quyết thủ tục hành chính đã giảm 44,05% so với "
                    "quy định (mục tiêu 30%); Báo cáo số 311/BC-VPUBND ngày {d}",
                },
            ),
            (
                "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh đáp ứng mô hình "
                "chính quyền địa phương hai cấp",
                "PVHCC",
                "Tháng 7/2025",
                "Hệ thống được nâng cấp, vận hành ổn định",
                {"coord": ("KHCN", "VNPT")},
            ),
            (
                "Triển khai tiếp nhận, trả kết quả thủ tục hành chính không phụ thuộc địa giới "
                "hành chính trong phạm vi tỉnh",
                "PVHCC",
                "Quý III/2025",
                "Danh mục thủ tục được công bố và áp dụng",
            ),
            (
                "Nâng Chỉ số phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính "
                "đạt trên 85 điểm",
                "VPUB",
                "6 tháng đầu năm 2025",
                "Chỉ số phục vụ người dân, doanh nghiệp đạt trên 85 điểm",
                {
                    "outcome": "done",
                    "final_note": "Chỉ số phục vụ người dân, doanh nghiệp 6 tháng đầu năm 2025 đạt "
                    "89,05 điểm",
                },
            ),
            (
                "Khai thác, tái sử dụng dữ liệu số hóa, không yêu cầu người dân nộp lại giấy tờ "
                "đã có trong cơ sở dữ liệu",
                "PVHCC",
                "Năm 2025",
                "Tỷ lệ hồ sơ tái sử dụng dữ liệu đạt trên 50%",
            ),
            (
                "Nâng tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính đạt trên 50% "
                "số hồ sơ",
                "TC",
                "Năm 2025",
                "Báo cáo tỷ lệ thanh toán trực tuyến",
                {"coord": ("PVHCC",)},
            ),
            (
                "Công khai tiến độ, kết quả giải quyết hồ sơ trên Cổng Dịch vụ công tỉnh",
                "PVHCC",
                "Thường xuyên",
                "Kết quả giải quyết hồ sơ được công khai",
            ),
        ],
    ),
    *_group(
        Field.DIGITAL_GOVERNMENT,
        "15-CTr/TU",
        [
            (
                f"Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực thuộc lĩnh vực "
                f"{sector}",
                lead,
                deadline,
                "100% hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa",
            )
            for sector, lead, deadline in [
                ("đất đai", "NNMT", "Quý III/2025"),
                ("xây dựng", "XD", "Năm 2025"),
                ("tư pháp", "TP", "6 tháng đầu năm 2025"),
                ("giáo dục và đào tạo", "GDDT", "Quý III/2025"),
                ("y tế", "YT", "Năm 2025"),
                ("nội vụ, lao động và người có công", "NV", "Quý III/2025"),
                ("công thương", "CT", "Năm 2025"),
                ("văn hóa, thể thao và du lịch", "VHTTDL", "Quý III/2025"),
                ("đăng ký doanh nghiệp", "TC", "6 tháng đầu năm 2025"),
                ("khoa học và công nghệ", "KHCN", "Quý II/2025"),
            ]
        ],
    ),
    *_group(
        Field.DIGITAL_GOVERNMENT,
        "57-NQ/TW",
        [
            (
                f"Cung cấp dịch vụ công trực tuyến toàn trình đối với các thủ tục hành chính đủ "
                f"điều kiện thuộc lĩnh vực {sector}",
                lead,
                deadline,
                "Thủ tục được cung cấp trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia",
                {"coord": ("PVHCC",)},
            )
            for sector, lead, deadline in [
                ("đất đai", "NNMT", "Năm 2025"),
                ("xây dựng", "XD", "Quý III/2025"),
                ("hộ tịch, chứng thực", "TP", "Quý II/2025"),
                ("giáo dục", "GDDT", "Quý III/2025"),
                ("khám bệnh, chữa bệnh", "YT", "Năm 2025"),
                ("lao động, việc làm", "NV", "Quý III/2025"),
                ("an toàn thực phẩm", "CT", "Năm 2025"),
                ("giao thông vận tải", "XD", "Năm 2025"),
                ("tài chính, ngân sách", "TC", "Quý III/2025"),
                ("nông nghiệp", "NNMT", "Năm 2026"),
            ]
        ],
    ),
    *_group(
        Field.DIGITAL_GOVERNMENT,
        "06/QĐ-TTg",
        [
            (
                "Kết nối, chia sẻ dữ liệu giữa Cơ sở dữ liệu quốc gia về dân cư với các cơ sở dữ "
                "liệu chuyên ngành của tỉnh (Đề án 06)",
                "CA",
                "Quý III/2025",
                "Các cơ sở dữ liệu được kết nối, chia sẻ",
                {"key": True, "coord": ("KHCN", "PVHCC")},
            ),
            (
                "Đẩy mạnh cấp và kích hoạt tài khoản định danh điện tử mức độ 2 cho người dân",
                "CA",
                "Năm 2025",
                "Tỷ lệ người dân có tài khoản định danh điện tử mức độ 2",
                {"field": Field.DIGITAL_SOCIETY},
            ),
            (
                "Làm sạch dữ liệu dân cư theo yêu cầu “đúng, đủ, sạch, sống”",
                "CA",
                "6 tháng đầu năm 2025",
                "Dữ liệu dân cư được làm sạch",
            ),
            (
                "Xác thực tài khoản Hệ thống thông tin giải quyết thủ tục hành chính tỉnh bằng "
                "tài khoản định danh điện tử VNeID",
                "PVHCC",
                "Quý II/2025",
                "Hệ thống xác thực qua VNeID",
                {"coord": ("CA",)},
            ),
            (
                "Cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID",
                "TP",
                "Quý III/2025",
                "Dịch vụ được triển khai trên VNeID",
                {"coord": ("CA",)},
            ),
            (
                "Sử dụng căn cước công dân gắn chip thay thẻ bảo hiểm y tế khi khám bệnh, chữa "
                "bệnh tại 100% cơ sở y tế",
                "YT",
                "Quý II/2025",
                "100% cơ sở khám chữa bệnh áp dụng",
                {"field": Field.DIGITAL_SOCIETY, "coord": ("CA",)},
            ),
            (
                "Chi trả chế độ an sinh xã hội không dùng tiền mặt",
                "NV",
                "Năm 2025",
                "Tỷ lệ chi trả không dùng tiền mặt",
                {"field": Field.DIGITAL_SOCIETY},
            ),
            (
                "Lắp đặt camera giám sát an ninh trật tự kết nối Trung tâm giám sát, điều hành",
                "CA",
                "2025-2030",
                "Hệ thống camera được kết nối",
                {"field": Field.INFRASTRUCTURE, "coord": ("KHCN", "VIETTEL")},
            ),
            (
                "Tuyên truyền, cảnh báo phương thức lừa đảo trên không gian mạng",
                "CA",
                "Thường xuyên",
                "Tin bài tuyên truyền, cảnh báo định kỳ",
                {"field": Field.DIGITAL_SOCIETY, "coord": ("BAO",)},
            ),
        ],
        level=Level.CENTRAL,
    ),
    *_group(
        Field.DIGITAL_GOVERNMENT,
        "57-NQ/TW",
        [
            (
                "Nâng cấp Trung tâm giám sát, điều hành thông minh (IOC) của tỉnh",
                "KHCN",
                "Năm 2025",
                "Trung tâm IOC được nâng cấp",
                {"key": True, "coord": ("VPUB", "VNPT")},
            ),
            (
                "Nâng cấp Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP) kết nối Nền tảng "
                "tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
                "KHCN",
                "Quý II/2025",
                "Nền tảng LGSP kết nối thông suốt với NDXP",
            ),
            (
                "Hợp nhất Hệ thống quản lý văn bản và điều hành của tỉnh Gia Lai và tỉnh Bình Định "
                "(cũ)",
                "VPUB",
                "Tháng 7/2025",
                "Hệ thống dùng chung vận hành thông suốt",
                {"key": True, "coord": ("KHCN",), "doc": "02-KH/BCĐTW"},
            ),
            (
                "Triển khai hệ thống hội nghị truyền hình trực tuyến đến 135 xã, phường",
                "KHCN",
                "Quý III/2025",
                "Hệ thống hội nghị trực tuyến kết nối 135 điểm cầu",
                {"field": Field.INFRASTRUCTURE, "coord": ("VNPT", "VIETTEL")},
            ),
            (
                "Cấp chứng thư chữ ký số cho 100% cán bộ, công chức cấp xã",
                "KHCN",
                "Quý III/2025",
                "Chứng thư số được cấp",
                {"coord": ("NV",), "doc": "02-KH/BCĐTW"},
            ),
            (
                "Xây dựng Kho dữ liệu dùng chung của tỉnh",
                "KHCN",
                "Năm 2026",
                "Kho dữ liệu dùng chung được đưa vào vận hành",
            ),
            (
                "Cập nhật Kiến trúc chính quyền số tỉnh Gia Lai phiên bản 4.0",
                "KHCN",
                "Quý III/2025",
                "Kiến trúc được UBND tỉnh ban hành",
            ),
            (
                "Bảo đảm an toàn thông tin theo mô hình 4 lớp cho các hệ thống thông tin của tỉnh",
                "KHCN",
                "Năm 2025",
                "Các hệ thống thông tin được bảo vệ theo mô hình 4 lớp",
                {"coord": ("CA",)},
            ),
            (
                "Phê duyệt hồ sơ đề xuất cấp độ an toàn cho 100% hệ thống thông tin đang vận hành",
                "KHCN",
                "Quý II/2025",
                "Hồ sơ cấp độ được phê duyệt",
            ),
            (
                "Tổ chức diễn tập thực chiến an toàn thông tin mạng cấp tỉnh năm 2025",
                "CA",
                "Quý III/2025",
                "Báo cáo kết quả diễn tập",
                {"coord": ("KHCN",)},
            ),
            (
                "Kết nối Hệ thống thông tin báo cáo của tỉnh với Hệ thống thông tin báo cáo "
                "Chính phủ",
                "VPUB",
                "Quý II/2025",
                "Hệ thống báo cáo được kết nối",
            ),
            (
                "Xây dựng Cổng dữ liệu mở của tỉnh",
                "KHCN",
                "Năm 2026",
                "Cổng dữ liệu mở được đưa vào vận hành",
            ),
        ],
    ),
    *_group(
        Field.INFRASTRUCTURE,
        "15-CTr/TU",
        [
            (
                "Khảo sát hiện trạng hạ tầng công nghệ thông tin của 135 xã, phường sau sắp xếp",
                "KHCN",
                "Tháng 7/2025",
                "Báo cáo khảo sát hiện trạng hạ tầng",
                {"key": True, "outcome": "done", "doc": "02-KH/BCĐTW"},
            ),
            (
                "Tổng hợp nhu cầu mua sắm trang thiết bị công nghệ thông tin của các xã, phường",
                "KHCN",
                "Trước 30/7/2025",
                "Báo cáo tổng hợp nhu cầu gửi Sở Tài chính",
                {"meeting": "25-TB/BCĐ", "outcome": "late", "coord": ("TC",)},
            ),
            (
                "Hướng dẫn cấu hình tối thiểu trang thiết bị công nghệ thông tin của Bộ phận "
                "Một cửa cấp xã",
                "KHCN",
                "Tháng 8/2025",
                "Văn bản hướng dẫn gửi các xã, phường",
                {"meeting": "25-TB/BCĐ"},
            ),
            (
                "Theo dõi, giám sát việc mua sắm trang thiết bị công nghệ thông tin của các xã, "
                "phường sau khi được cấp kinh phí",
                "KHCN",
                "Quý IV/2025",
                "Báo cáo kết quả giám sát",
                {"meeting": "31-TB/BCĐ", "coord": ("TC",)},
            ),
            (
                "Kết nối mạng truyền số liệu chuyên dùng cấp II đến 100% xã, phường",
                "KHCN",
                "Quý III/2025",
                "135 xã, phường được kết nối",
                {"coord": ("VNPT",)},
            ),
            (
                "Phủ sóng di động tại các thôn, làng thuộc vùng lõm sóng",
                "KHCN",
                "Năm 2025",
                "Các thôn, làng được phủ sóng di động",
                {"coord": ("VIETTEL", "VNPT", "MOBI")},
            ),
            (
                "Phát triển hạ tầng mạng 5G tại các khu công nghiệp, khu kinh tế",
                "KHCN",
                "2025-2030",
                "Trạm phát sóng 5G được lắp đặt",
                {"coord": ("KKT", "VIETTEL")},
            ),
            (
                "Triển khai điểm truy cập Wi-Fi miễn phí tại các khu du lịch và nơi công cộng",
                "VHTTDL",
                "Năm 2025",
                "Điểm Wi-Fi công cộng được đưa vào sử dụng",
                {"coord": ("VNPT",)},
            ),
            (
                "Bảo đảm Bộ phận Một cửa của 100% xã, phường được trang bị máy tính, máy quét "
                "và đường truyền đáp ứng yêu cầu",
                "KHCN",
                "Quý III/2025",
                "Bộ phận Một cửa cấp xã đủ trang thiết bị",
                {"doc": "02-KH/BCĐTW"},
            ),
            (
                "Chuyển đổi hạ tầng mạng và các hệ thống thông tin của tỉnh sang IPv6",
                "KHCN",
                "Năm 2026",
                "Hệ thống hỗ trợ IPv6",
            ),
            (
                "Đầu tư Trung tâm dữ liệu tỉnh đáp ứng tiêu chuẩn Tier III",
                "KHCN",
                "2026-2030",
                "Chủ trương đầu tư được phê duyệt",
                {"coord": ("TC", "XD")},
            ),
        ],
    ),
    *_group(
        Field.DIGITAL_SOCIETY,
        "57-NQ/TW",
        [
            (
                "Triển khai phong trào “Bình dân học vụ số” trên địa bàn tỉnh",
                "KHCN",
                "Năm 2025",
                "Kế hoạch được UBND tỉnh ban hành",
                {"key": True, "coord": ("GDDT", "MTTQ")},
            ),
            (
                "Kiện toàn Tổ công nghệ số cộng đồng tại 100% thôn, làng, tổ dân phố",
                "KHCN",
                "Quý III/2025",
                "Tổ công nghệ số cộng đồng hoạt động",
            ),
            (
                "Phổ cập kỹ năng số cơ bản cho người dân qua nền tảng học trực tuyến mở đại trà",
                "GDDT",
                "Năm 2025",
                "Số người dân hoàn thành khóa học kỹ năng số",
                {"coord": ("KHCN",)},
            ),
            (
                "Phổ cập kỹ năng số cho đồng bào dân tộc thiểu số",
                "DTTG",
                "Năm 2025",
                "Báo cáo kết quả phổ cập kỹ năng số",
                {"coord": ("KHCN",)},
            ),
            (
                "Đưa nội dung kỹ năng số, an toàn thông tin vào hoạt động giáo dục trong nhà "
                "trường",
                "GDDT",
                "Quý III/2025",
                "Văn bản hướng dẫn thực hiện năm học 2025-2026",
                {"field": Field.HUMAN_RESOURCES},
            ),
            (
                "Vận động người dân sử dụng thanh toán không dùng tiền mặt",
                "MTTQ",
                "Thường xuyên",
                "Báo cáo kết quả vận động",
            ),
            (
                "Phát triển Thư viện số của tỉnh",
                "VHTTDL",
                "Năm 2026",
                "Thư viện số được đưa vào vận hành",
            ),
            (
                "Số hóa di sản văn hóa, di tích lịch sử tiêu biểu của tỉnh",
                "VHTTDL",
                "2025-2030",
                "Di sản, di tích được số hóa 3D",
            ),
            (
                "Triển khai bệnh án điện tử tại 100% bệnh viện tuyến tỉnh",
                "YT",
                "Quý III/2025",
                "Bệnh viện tuyến tỉnh áp dụng bệnh án điện tử",
                {"key": True},
            ),
            (
                "Kết nối liên thông đơn thuốc điện tử với Hệ thống đơn thuốc quốc gia",
                "YT",
                "6 tháng đầu năm 2025",
                "100% cơ sở khám chữa bệnh liên thông đơn thuốc",
            ),
            (
                "Triển khai học bạ số đối với học sinh tiểu học và trung học",
                "GDDT",
                "Quý III/2025",
                "Học bạ số được triển khai",
            ),
            (
                "Tổ chức tuyển sinh đầu cấp trực tuyến năm học 2025-2026",
                "GDDT",
                "Tháng 7/2025",
                "Báo cáo kết quả tuyển sinh trực tuyến",
            ),
            (
                "Xây dựng cơ sở dữ liệu người có công và đối tượng bảo trợ xã hội của tỉnh",
                "NV",
                "Năm 2025",
                "Cơ sở dữ liệu được đưa vào vận hành",
            ),
            (
                "Triển khai khám bệnh, chữa bệnh từ xa giữa bệnh viện tuyến tỉnh và trạm y tế xã",
                "YT",
                "Năm 2026",
                "Các điểm khám chữa bệnh từ xa hoạt động",
            ),
        ],
    ),
    *_group(
        Field.DIGITAL_ECONOMY,
        "15-CTr/TU",
        [
            (
                "Hỗ trợ hộ sản xuất, hợp tác xã đưa sản phẩm lên sàn thương mại điện tử",
                "CT",
                "Năm 2025",
                "Số hộ, hợp tác xã tham gia sàn thương mại điện tử",
                {"coord": ("NNMT",)},
            ),
            (
                "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
                "CT",
                "Năm 2025",
                "Báo cáo kết quả hỗ trợ doanh nghiệp",
                {"coord": ("KHCN",)},
            ),
            (
                "Triển khai thanh toán không dùng tiền mặt tại chợ truyền thống",
                "CT",
                "Quý III/2025",
                "Số chợ triển khai thanh toán không dùng tiền mặt",
            ),
            (
                "Truy xuất nguồn gốc nông sản chủ lực (cà phê, hồ tiêu, sầu riêng) bằng mã QR",
                "NNMT",
                "Năm 2025",
                "Sản phẩm được cấp mã truy xuất nguồn gốc",
                {"key": True},
            ),
            (
                "Xây dựng bản đồ số vùng trồng cà phê, hồ tiêu và cấp mã số vùng trồng",
                "NNMT",
                "Năm 2026",
                "Bản đồ số vùng trồng được công bố",
            ),
            (
                "Xây dựng hệ sinh thái du lịch thông minh của tỉnh",
                "VHTTDL",
                "Năm 2025",
                "Ứng dụng du lịch thông minh được đưa vào vận hành",
            ),
            (
                "Ứng dụng mô hình thông tin công trình (BIM) trong các dự án đầu tư xây dựng sử "
                "dụng vốn đầu tư công",
                "XD",
                "Năm 2025",
                "Văn bản hướng dẫn áp dụng BIM",
            ),
            (
                "Xây dựng cơ sở dữ liệu về nhà ở và thị trường bất động sản",
                "XD",
                "Quý IV/2025",
                "Cơ sở dữ liệu được đưa vào vận hành",
            ),
            (
                "Kết nối hệ thống quan trắc môi trường tự động về Trung tâm giám sát, điều hành",
                "NNMT",
                "Quý III/2025",
                "Dữ liệu quan trắc được truyền tự động",
                {"coord": ("KHCN",)},
            ),
            (
                "Phát triển doanh nghiệp công nghệ số trên địa bàn tỉnh",
                "TC",
                "2025-2030",
                "Số doanh nghiệp công nghệ số đăng ký mới",
                {"coord": ("KHCN",)},
            ),
        ],
    ),
    *_group(
        Field.INNOVATION,
        "15-CTr/TU",
        [
            (
                "Xây dựng Đề án hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh đến năm 2030",
                "KHCN",
                "Quý III/2025",
                "Đề án được UBND tỉnh phê duyệt",
                {"key": True},
            ),
            (
                "Thành lập Trung tâm Hỗ trợ khởi nghiệp đổi mới sáng tạo tỉnh",
                "KHCN",
                "Năm 2025",
                "Quyết định thành lập Trung tâm",
                {"coord": ("NV",)},
            ),
            (
                "Tổ chức Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh năm 2025",
                "KHCN",
                "Quý III/2025",
                "Báo cáo kết quả tổ chức Ngày hội",
            ),
            (
                "Tổ chức Cuộc thi ý tưởng khởi nghiệp đổi mới sáng tạo tỉnh năm 2025",
                "KHCN",
                "Quý II/2025",
                "Báo cáo kết quả Cuộc thi",
                {"coord": ("GDDT", "DHQN")},
            ),
            (
                "Hỗ trợ doanh nghiệp đăng ký bảo hộ quyền sở hữu trí tuệ cho sản phẩm chủ lực",
                "KHCN",
                "Năm 2025",
                "Số văn bằng bảo hộ được cấp",
            ),
            (
                "Hỗ trợ doanh nghiệp đổi mới công nghệ, ứng dụng công nghệ cao trong sản xuất "
                "nông nghiệp",
                "NNMT",
                "Năm 2025",
                "Báo cáo kết quả hỗ trợ",
                {"coord": ("KHCN",)},
            ),
            (
                "Kết nối mạng lưới chuyên gia, nhà đầu tư khởi nghiệp với doanh nghiệp của tỉnh",
                "KHCN",
                "Thường xuyên",
                "Các sự kiện kết nối được tổ chức",
            ),
            (
                "Phát triển Không gian khởi nghiệp đổi mới sáng tạo tại Khu kinh tế Nhơn Hội",
                "KKT",
                "Năm 2026",
                "Không gian khởi nghiệp được đưa vào hoạt động",
                {"coord": ("KHCN",)},
            ),
            (
                "Tổ chức Hội thi Sáng tạo kỹ thuật tỉnh năm 2025",
                "KHCN",
                "Quý III/2025",
                "Báo cáo kết quả Hội thi",
            ),
            (
                "Đánh giá Chỉ số đổi mới sáng tạo cấp địa phương (PII) và đề xuất giải pháp "
                "cải thiện",
                "KHCN",
                "Quý II/2025",
                "Báo cáo đánh giá gửi UBND tỉnh",
            ),
        ],
    ),
    *_group(
        Field.DIGITAL_GOVERNMENT,
        "02-KH/BCĐTW",
        [
            (
                "Rà soát, sắp xếp các hệ thống thông tin của các sở, ngành sau hợp nhất tỉnh",
                "KHCN",
                "Quý III/2025",
                "Báo cáo rà soát hệ thống thông tin",
            ),
            (
                "Chuyển dữ liệu hồ sơ thủ tục hành chính của cấp huyện cũ sang các xã, phường",
                "PVHCC",
                "Tháng 7/2025",
                "Dữ liệu được chuyển đầy đủ",
                {"coord": ("KHCN",)},
            ),
            (
                "Cập nhật mã định danh điện tử của các cơ quan, đơn vị sau sắp xếp",
                "VPUB",
                "Tháng 7/2025",
                "Quyết định ban hành mã định danh",
            ),
            (
                "Cập nhật danh mục thủ tục hành chính trên Cổng Dịch vụ công quốc gia sau sắp xếp",
                "VPUB",
                "Tháng 8/2025",
                "Danh mục thủ tục được công bố",
                {"coord": ("PVHCC",)},
            ),
            (
                "Các sở, ngành hoàn thành kế hoạch chuyển đổi số năm 2025 của đơn vị",
                "KHCN",
                "Trước 30/8/2025",
                "Kế hoạch của các sở, ngành",
                {"meeting": "25-TB/BCĐ"},
            ),
            (
                "Bảo đảm vận hành thông suốt các hệ thống thông tin phục vụ chính quyền địa "
                "phương hai cấp",
                "KHCN",
                "Thường xuyên",
                "Báo cáo tình hình vận hành",
                {"coord": ("VNPT", "VIETTEL")},
            ),
            (
                "Chuyển giao dữ liệu, tài khoản Hệ thống quản lý văn bản của cấp huyện cho cấp xã",
                "VPUB",
                "Tháng 7/2025",
                "Tài khoản được chuyển giao",
            ),
            (
                "Đánh giá hiệu quả vận hành chính quyền địa phương hai cấp trên môi trường số",
                "NV",
                "Quý IV/2025",
                "Báo cáo đánh giá gửi Ban Chỉ đạo",
                {"meeting": "31-TB/BCĐ"},
            ),
            (
                COMMUNE_TASK,
                "COMMUNES",
                "Trước 15/8/2025",
                "Quyết định thành lập Ban Chỉ đạo cấp xã",
                {
                    "key": True,
                    "meeting": "25-TB/BCĐ",
                    "coord": ("KHCN", "NV"),
                    "outcome": "communes",
                    "level": Level.COMMUNE,
                    "field": Field.INSTITUTIONS,
                },
            ),
            (
                "Xây dựng quy trình nội bộ, quy trình điện tử giải quyết thủ tục hành chính "
                "thuộc thẩm quyền cấp xã",
                "PVHCC",
                "Tháng 8/2025",
                "Quy trình được UBND tỉnh phê duyệt",
                {"coord": ("VPUB",)},
            ),
        ],
        level=Level.CENTRAL,
    ),
]


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


def _backdate_history(since: datetime, moment: datetime) -> None:
    """Date the change-history rows written since ``since`` at ``moment`` instead."""
    Task.history.filter(history_date__gte=since).update(history_date=moment)
    Assignment.history.filter(history_date__gte=since).update(history_date=moment)


def _play(assignment, events, author, secretary, rng: random.Random) -> None:
    """Replay events through the services, then back-date each entry to its day."""
    previous = None
    for kind, day, percent, note in events:
        mark = timezone.now()
        if kind == "report":
            update = services.progress_log(
                assignment=assignment,
                user=author,
                percent=percent,
                completed=False,
                note=note,
                effective_date=day,
            )
        elif kind == "complete":
            update = services.progress_log(
                assignment=assignment,
                user=author,
                percent=100,
                completed=True,
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
        _backdate_history(mark, previous)


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
        ward = assignment.agency.aliases.splitlines()[0] if assignment.agency.aliases else ""
        ward = ward[:1].lower() + ward[1:] or assignment.agency.name

        def note(day, ward=ward):
            return (
                f"Đã ban hành Quyết định số {rng.randint(15, 180)}/QĐ-UBND ngày {_vn(day)} "
                f"thành lập Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và "
                f"chuyển đổi số {ward}"
            )

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


def seed_gia_lai(committee: Committee, central_tasks: dict[str, Task]) -> None:
    """Create Gia Lai's 147 tasks with their histories; does nothing if "57-001" exists.

    A few name the central task they carry out (``UPSTREAM``)."""
    if Task.objects.filter(committee=committee, code="57-001").exists():
        return
    rng = random.Random(57)
    specs = SPECS
    dues = [parse_deadline(s.deadline).due_date for s in specs]
    outcomes = _plan(specs, dues, rng)
    returned_done = set(
        rng.sample([i for i, o in enumerate(outcomes) if o == "done"], RETURNED_DONE)
    )
    returned_open = [
        i for i, o in enumerate(outcomes) if o == "wip" and specs[i].final_percent is None
    ]
    returned_open = set(rng.sample(returned_open, RETURNED_OPEN))

    agencies = {a.name: a for a in Agency.objects.filter(committee=committee)}
    by_key = {key: agencies[name] for key, (name, _) in AGENCIES.items() if name in agencies}
    communes = sorted(
        (a for a in agencies.values() if a.kind == Agency.Kind.COMMUNE), key=lambda a: a.name
    )
    documents = _documents(committee)
    meetings = {m.conclusion_number: m for m in Meeting.objects.filter(committee=committee)}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[*OFFICERS.values(), SECRETARY])
    }
    secretary = users[SECRETARY]

    for number, (spec, due, outcome) in enumerate(zip(specs, dues, outcomes, strict=True), 1):
        created = _created_on(spec, meetings, rng)
        mark = timezone.now()
        leads = communes if spec.lead == "COMMUNES" else [by_key[spec.lead]]
        task = services.task_create(
            committee=committee,
            user=secretary,
            leads=leads,
            coordinators=[by_key[k] for k in spec.coord if k in by_key],
            code=f"57-{number:03d}",
            title=spec.title,
            field=spec.field,
            level=spec.level,
            is_key=spec.key,
            expected_output=spec.output,
            source_document=documents.get(spec.doc),
            meeting=meetings.get(spec.meeting) if spec.meeting else None,
            deadline_text=spec.deadline,
            upstream=central_tasks.get(UPSTREAM.get(spec.title, "")),
        )
        _backdate_creation(task, created, mark)
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
        _play(task.assignments.get(agency=leads[0]), events, author, secretary, rng)
    skip = {s.title for s in specs if s.final_percent}
    _recent(committee, OFFICERS, SECRETARY, people=users, skip=skip)
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
# demo logins), then back-dated like Gia Lai's; ``_recent`` adds the weeks before the seed day.

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


def _title(prefix: str) -> str:
    return next(spec.title for spec in SPECS if spec.title.startswith(prefix))


# Gia Lai's tasks that carry out a central task: title -> the central task's code.
UPSTREAM = {
    _title("Kiện toàn Ban Chỉ đạo phát triển"): "TW-01",
    COMMUNE_TASK: "TW-01",
    _title("Bảo đảm Bộ phận Một cửa"): "TW-02",
    _title("Cập nhật danh mục thủ tục hành chính trên Cổng"): "TW-03",
    _title("Bổ sung dự toán năm 2025"): "TW-04",
    _title("Sơ kết 6 tháng đầu năm 2025"): "TW-05",
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


def _backdate_creation(task: Task, created: date, mark: datetime) -> None:
    created_at = timezone.make_aware(datetime.combine(created, time(8, 30)))
    Task.objects.filter(pk=task.pk).update(created_at=created_at)
    _backdate_history(mark, created_at)


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


def seed_central(committee: Committee, gia_lai: Committee, tuyen_quang: Committee):
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
        tasks = _seed_items(
            committee,
            items,
            people=people,
            officers=officers,
            secretary=CENTRAL_SECRETARY,
            above={},
            rng=rng,
        )
        # Gia Lai keeps its infrastructure assignment moving up to the seed day.
        also = [tasks["TW-02"].assignments.get(agency=gia_lai.agency)]
        _recent(committee, {**officers}, CENTRAL_SECRETARY, people=people, also=also)
        _touch(committee)
    return _by_code_and_title(committee)


def seed_tuyen_quang(committee: Committee, central_tasks: dict[str, Task]) -> None:
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
    _recent(committee, TQ_OFFICERS, TQ_SECRETARY, people=people)
    _touch(committee)


def seed_pleiku(committee: Committee) -> None:
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
    _recent(committee, {}, PLEIKU_SECRETARY, people=people)
    _touch(committee)


# --- Up to the seed day --------------------------------------------------------------------

RECENT_DAYS, RECENT_COUNT = 28, 6
RECENT_NOTES = [
    "Đang triển khai theo kế hoạch, đạt khoảng {p}% khối lượng",
    "Đã làm việc với các đơn vị liên quan; tiếp tục hoàn thiện sản phẩm, đạt khoảng {p}%",
    "Đang hoàn thiện hồ sơ, dự kiến trình cấp có thẩm quyền trong tháng tới",
    "Đã tổ chức kiểm tra tiến độ tại các đơn vị; khối lượng hoàn thành đạt khoảng {p}%",
]


def _recent(
    committee: Committee,
    officers: dict,
    secretary: str,
    *,
    people: dict,
    skip=frozenset(),
    also=(),
) -> None:
    """Keep the demo alive on the day it is seeded: a few open assignments get progress reports
    in the four weeks before it (percent up, still open), so the dashboards show recent work.

    Statuses do not change, so the figures as of 30/09/2025 and today's counts by status stay
    the seeds'; the replay as of 30/09/2025 ignores these entries (recorded later). Skipped when
    the seed day is close to 30/09/2025 (e.g. under a frozen clock). ``skip``: titles of tasks
    whose last report carries a figure of the seeds (e.g. 80% of the land certificates); ``also``:
    assignments to move besides the random few. ``people`` maps usernames to users, ``officers``
    agency names to the usernames that report for them (else ``secretary``)."""
    today = timezone.localdate()
    if today < END + timedelta(days=RECENT_DAYS + 15):
        return
    rng = random.Random(f"recent {committee.name}")
    candidates = list(
        Assignment.objects.filter(
            task__committee=committee, role=Assignment.Role.LEAD, status=Status.IN_PROGRESS
        )
        .exclude(agency__kind=Agency.Kind.COMMUNE)
        .exclude(task__title__in=skip)
        .select_related("agency", "task")
        .order_by("pk")
    )
    chosen = rng.sample(candidates, min(RECENT_COUNT, len(candidates)))
    chosen += [a for a in also if a.pk not in {c.pk for c in chosen}]
    first = today - timedelta(days=RECENT_DAYS)
    for assignment in sorted(chosen, key=lambda a: a.pk):
        assignment.refresh_from_db()
        percent, events = assignment.percent, []
        for day in _days(first, today - timedelta(days=1), rng.randint(1, 2), rng):
            percent = min(95, percent + rng.choice([5, 10, 15]))
            events.append(("report", day, percent, rng.choice(RECENT_NOTES).format(p=percent)))
        author = people.get(officers.get(assignment.agency.name, secretary), people[secretary])
        _play(assignment, events, author, people[secretary], rng)


def seed(demo) -> None:
    """Every committee's register (``demo`` is what ``steering.demo.seed`` returned), top down:
    a task names the task above it carries out, so the central committee's come first."""
    central_tasks = seed_central(demo.central, demo.gia_lai, demo.tuyen_quang)
    seed_gia_lai(demo.gia_lai, central_tasks)
    seed_tuyen_quang(demo.tuyen_quang, central_tasks)
    seed_pleiku(demo.pleiku)
