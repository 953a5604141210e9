"""Annex files as departments send them, built with openpyxl for the import tests."""

import io
from datetime import date

from openpyxl import Workbook

TITLE_ROWS = [
    ["UBND TỈNH GIA LAI", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    ["PHỤ LỤC"],
    ["DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW NĂM 2025"],
    ["(Kèm theo Kế hoạch số 123/KH-SKHCN ngày 15/3/2025 của Sở Khoa học và Công nghệ)"],
]
# Rows 7 and 8: a two-row header with merged cells.
HEADER = [
    [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan thực hiện",
        None,
        "Thời gian hoàn thành",
        "Sản phẩm",
        "Ghi chú",
    ],
    [None, None, "Chủ trì", "Phối hợp", None, None, None],
]
BODY = [
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    ["I", "NHIỆM VỤ VỀ HẠ TẦNG SỐ"],
    [
        1,
        "Nâng cấp hạ tầng mạng diện rộng của tỉnh",
        "Sở KH&CN",
        "Sở Tài chính; Trung tâm Chuyển đổi số tỉnh",
        "Quý III/2025",
        "Hạ tầng được nâng cấp",
        "",
    ],
    [
        "1.1",
        "Khảo sát hạ tầng công nghệ thông tin cấp xã",
        "Sở Khoa học và Công nghệ",
        "Sở Nội vụ và Sở Tài chính",
        "Trước 15/8/2025",
        "Báo cáo khảo sát",
        "",
    ],
    [
        "1.2",
        "Hướng dẫn các xã mua sắm thiết bị",
        "sở  kh&cn",
        "",
        date(2025, 12, 31),
        "Văn bản hướng dẫn",
        "Đợt 1",
    ],
    [],
    ["II", "NHIỆM VỤ VỀ PHÁT TRIỂN NGUỒN NHÂN LỰC"],
    [
        1,
        "Đào tạo kỹ năng số cho cán bộ, công chức",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "SNV",
        "Thường xuyên",
        "Lớp đào tạo",
        "",
    ],
    [],
    ["Ghi chú: (*) nhiệm vụ trọng tâm của năm 2025."],
    [None, None, None, None, "KT. GIÁM ĐỐC"],
    [None, None, None, None, "PHÓ GIÁM ĐỐC"],
    [None, None, None, None, "Nguyễn Văn An"],
]


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def real_annex(body=None) -> bytes:
    """Title rows, a merged two-row header, a column-number row, sections, sub-numbering,
    empty rows, a footnote and a signature block."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    for row in TITLE_ROWS + HEADER + (BODY if body is None else body):
        sheet.append(row)
    for merged in ("A4:G4", "A5:G5", "A6:G6", "A7:A8", "B7:B8", "C7:D7", "E7:E8", "F7:F8", "G7:G8"):
        sheet.merge_cells(merged)
    return workbook_bytes(workbook)


def simple_annex(rows: list[list], header=None) -> bytes:
    """One header row and the given rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or ["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"])
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)
