"""The report's tables as an .xlsx workbook, one sheet per table, for secretaries who edit the
figures before signing. Reads only the snapshot, like the PDF; every value is written through
``common.xlsx.cell_value``, so a task titled "=..." stays text."""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from common.xlsx import cell_value

BOLD = Font(bold=True)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _assessment(indicator: dict) -> str:
    if indicator["actual"] is None:
        return "Chưa có số liệu"
    return "Đạt" if indicator["met"] else "Chưa đạt"


def _dmy(value: str) -> str:
    return date.fromisoformat(value).strftime("%d/%m/%Y")


def _deadline(row: dict) -> str:
    """The deadline as written, and the one granted by an extension."""
    if row.get("extended_to"):
        return f"{row['deadline']} (đã gia hạn đến {_dmy(row['extended_to'])})"
    return row["deadline"]


def _cells(sheet, row: list) -> list:
    """Dates get the dd/mm/yyyy format; everything else is written as ``cell_value`` says."""
    cells = []
    for value in map(cell_value, row):
        if isinstance(value, date):
            value = WriteOnlyCell(sheet, value=value)
            value.number_format = "dd/mm/yyyy"
        cells.append(value)
    return cells


def _sheets(r: dict) -> list[tuple[str, list[str], list[list]]]:
    """(sheet title, header, rows) for every table the PDF prints."""
    s = r["summary"]
    sheets = [
        (
            "Tổng hợp",
            ["Tình trạng", f"Kỳ trước (đến {_dmy(r['previous']['end'])})"]
            + [f"Kỳ này (đến {_dmy(r['as_of'])})", "Tăng, giảm"],
            [
                [row["label"], row["previous"], row["value"], row["change"]]
                for row in s["categories"]
            ]
            + [
                ["Tổng số nhiệm vụ", s["total"]["previous"], s["total"]["value"]]
                + [s["total"]["change"]],
                ["Tỷ lệ hoàn thành (%)", s["completion_rate"]["previous"]]
                + [s["completion_rate"]["value"], s["completion_rate"]["change"]],
            ],
        ),
        (
            "Theo lĩnh vực",
            ["Lĩnh vực", "Số nhiệm vụ", "Đã hoàn thành"],
            [[row["label"], row["total"], row["completed"]] for row in r["by_field"]],
        ),
        (
            "Theo cơ quan",
            ["Cơ quan chủ trì", "Chủ trì", "Hoàn thành", "Quá hạn", "Tỷ lệ đúng hạn (%)"]
            + ["Lượt đôn đốc", "Đã gia hạn"],
            [
                [row["agency"], row["led"], row["completed"], row["overdue"], row["on_time_rate"]]
                + [row.get("urges", 0), row.get("extensions", 0)]
                for row in r["agencies"]
            ],
        ),
        (
            "Hoàn thành trong kỳ",
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hoàn thành", "Đúng hạn"],
            [
                [row["code"], row["title"], row["leads"], _deadline(row)]
                + [_day(row["completed_on"]), "Đúng hạn" if row["on_time"] else "Trễ hạn"]
                for row in r["completed_tasks"]
            ],
        ),
        (
            "Quá hạn",
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ (%)", "Số ngày quá hạn"],
            [
                [row["code"], row["title"], row["leads"], _deadline(row), row["percent"]]
                + [row["days"]]
                for row in r["overdue_tasks"]
            ],
        ),
        (
            "Đến hạn kỳ tới",
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ (%)"],
            [
                [row["code"], row["title"], row["leads"], _deadline(row), row["percent"]]
                for row in r["due_next"]
            ],
        ),
    ]
    if r["communes"]:
        c = r["communes"]
        money = ["requested", "approved", "allocated", "disbursed"]
        sheets += [
            (
                "Nguồn kinh phí",
                ["Chương trình", "Quyết định", "Tổng (đồng)", "Đã phân bổ", "Đã giải ngân"]
                + ["Còn lại"],
                [
                    [row["name"], row["decision_number"], row["total"], row["allocated"]]
                    + [row["disbursed"], row["remaining"]]
                    for row in c["programmes"]
                ],
            ),
            (
                "Đề xuất theo trạng thái",
                ["Trạng thái", "Số đề xuất", "Kinh phí đề nghị (đồng)"],
                [[row["status"], row["requests"], row["requested"]] for row in c["by_status"]],
            ),
            (
                "Theo xã, phường",
                ["Xã, phường", "Đề xuất", "Đề nghị", "Phê duyệt", "Phân bổ", "Giải ngân"],
                [
                    [row["commune"], row["requests"], *(row[key] for key in money)]
                    for row in c["by_commune"]
                ],
            ),
        ]
    if r["indicators"]:
        sheets.append(
            (
                "Chỉ tiêu",
                ["Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Thực hiện", "Tỷ lệ (%)", "Đánh giá"],
                [
                    [row["name"], row["unit"], row["target"], row["actual"], row["rate"]]
                    + [_assessment(row)]
                    for row in r["indicators"]
                ],
            )
        )
    sheets.append(
        (
            "Phiên họp",
            ["Ngày", "Phiên họp", "Thông báo kết luận", "Nội dung kết luận"],
            [
                [_day(m["held_on"]), m["title"], m["conclusion_number"], m["summary"]]
                for m in r["meetings"]
            ],
        )
    )
    return sheets


def render_xlsx(snapshot: dict) -> bytes:
    # Write-only mode streams rows instead of holding a cell object per value.
    workbook = Workbook(write_only=True)
    for title, header, rows in _sheets(snapshot):
        sheet = workbook.create_sheet(title)
        heading = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = BOLD
            heading.append(cell)
        sheet.append(heading)
        for row in rows:
            sheet.append(_cells(sheet, row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
