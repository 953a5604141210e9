"""Demo task register: the 147 Resolution 57 tasks a province reported in 2025.

Everything is written through ``tasks.services``; each log entry's recorded time (and each
task's creation time) is then back-dated, so the register today and the register replayed as of
30/09/2025 give the same figures: 147 tasks, 76 completed, 68 in progress, 3 not started.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from steering.models import Agency, Committee, Document, Meeting
from tasks import services
from tasks.deadlines import parse_deadline
from tasks.models import Assignment, Field, Level, ProgressUpdate, Task

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


def _commune_histories(task, start: date, users: dict, rng: random.Random) -> None:
    """135 commune leads: 97 confirmed (most by 15/8/2025, some late), the rest still open."""
    due = task.due_date
    leads = list(task.assignments.filter(role="lead").select_related("agency").order_by("pk"))
    plan = ["done"] * 85 + ["late"] * 12 + ["wait"] * 8 + ["returned"] * 4
    plan += ["wip"] * (len(leads) - len(plan))
    rng.shuffle(plan)
    done_returned = set(rng.sample([i for i, o in enumerate(plan) if o == "done"], 3))
    for i, (assignment, outcome) in enumerate(zip(leads, plan, strict=True)):
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
        author = users.get(OFFICERS.get(assignment.agency.name, SECRETARY), users[SECRETARY])
        _play(assignment, events, author, users[SECRETARY], rng)


def seed(committee: Committee) -> None:
    """Create the 147 demo tasks with their histories; does nothing if "57-001" exists."""
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

    agencies = {a.name: a for a in Agency.objects.all()}
    by_key = {key: agencies[name] for key, (name, _) in AGENCIES.items() if name in agencies}
    communes = sorted(
        (a for a in agencies.values() if a.kind == Agency.Kind.COMMUNE), key=lambda a: a.name
    )
    documents = {d.number: d for d in Document.objects.all()}
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
        )
        created_at = timezone.make_aware(datetime.combine(created, time(8, 30)))
        Task.objects.filter(pk=task.pk).update(created_at=created_at)
        _backdate_history(mark, created_at)
        start = created + timedelta(days=rng.randint(3, 10))
        if outcome == "communes":
            _commune_histories(task, created, users, rng)
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
