"""The report's tables as an .xlsx workbook, one sheet per table, for secretaries who edit the
figures before signing. Reads only the snapshot, like the PDF; every value is written through
``common.xlsx.cell_value``, so a task titled "=..." stays text.

Money is whole đồng with thousands separators (the header says "(đồng)"), rates are percent
cells, each column is as wide as its longest value (within bounds) and the header row is frozen.
"""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.xlsx import cell_value
from reports.selectors import presented

BOLD = Font(bold=True)
MONEY_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
MIN_WIDTH, MAX_WIDTH = 8, 60


class Money(int):
    """An amount in đồng, written with the money format."""


class Percent(float):
    """A rate in percent (51.7), written as a percent cell (0.517)."""


def _money(row: dict, *keys: str) -> list[Money]:
    return [Money(row[key]) for key in keys]


def _percent(value: float | None) -> Percent | None:
    return None if value is None else Percent(value)


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
    """Dates, money and rates get their number formats; everything else is written as
    ``cell_value`` says."""
    cells = []
    for value in map(cell_value, row):
        if isinstance(value, Percent):
            value, number_format = float(value) / 100, PERCENT_FORMAT
        elif isinstance(value, Money):
            value, number_format = int(value), MONEY_FORMAT
        elif isinstance(value, date):
            number_format = "dd/mm/yyyy"
        else:
            cells.append(value)
            continue
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        cells.append(cell)
    return cells


def _shown(value) -> str:
    """The text a spreadsheet shows for ``value``, to measure its width."""
    if isinstance(value, Percent):
        return f"{value:.1f}%"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, date):
        return "dd/mm/yyyy"
    return "" if value is None else str(value)


def _widths(header: list[str], rows: list[list]) -> list[float]:
    """Each column's width: its longest header or value, between the bounds."""
    widths = [len(text) for text in header]
    for row in rows:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(_shown(value)))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


AGENCY_HEADER = ["Cơ quan chủ trì", "Chủ trì", "Hoàn thành", "Quá hạn", "Tỷ lệ đúng hạn"]
AGENCY_HEADER += ["Lượt đôn đốc", "Đã gia hạn"]
ANNEX_SHEETS = {"agencies": "UBND xã, phường", "investments": "Đầu tư theo xã"}


def _agency_rows(rows: list[dict]) -> list[list]:
    return [
        [row["agency"], row["led"], row["completed"], row["overdue"]]
        + [_percent(row["on_time_rate"])]
        + [row.get("urges", 0), row.get("extensions", 0)]
        for row in rows
    ]


def _sheets(r: dict) -> list[tuple[str, list[str], list[list]]]:
    """(sheet title, header, rows) for every table the PDF prints, the annexes' last ("Phụ lục
    I - ...")."""
    s, p = r["summary"], presented(r)
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
                ["Tỷ lệ hoàn thành"]
                + [_percent(s["completion_rate"][key]) for key in ("previous", "value", "change")],
            ],
        ),
        (
            "Theo lĩnh vực",
            ["Lĩnh vực", "Số nhiệm vụ", "Đã hoàn thành"],
            [[row["label"], row["total"], row["completed"]] for row in r["by_field"]],
        ),
        ("Theo cơ quan", AGENCY_HEADER, _agency_rows(p["agencies"])),
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
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ", "Số ngày quá hạn"],
            [
                [row["code"], row["title"], row["leads"], _deadline(row), _percent(row["percent"])]
                + [row["days"]]
                for row in r["overdue_tasks"]
            ],
        ),
        (
            "Đến hạn kỳ tới",
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ"],
            [
                [row["code"], row["title"], row["leads"], _deadline(row), _percent(row["percent"])]
                for row in r["due_next"]
            ],
        ),
    ]
    if r.get("below"):
        sheets.append(
            (
                "Ban Chỉ đạo cấp dưới",
                ["Địa phương", "Nhiệm vụ", "Hoàn thành", "Quá hạn", "Tỷ lệ đúng hạn"]
                + ["Được giao", "Được giao: hoàn thành", "Được giao: quá hạn"],
                [
                    [row["committee"], row["tasks"], row["completed"], row["overdue"]]
                    + [_percent(row["on_time_rate"]), row["assigned"]]
                    + [row["assigned_completed"], row["assigned_overdue"]]
                    for row in r["below"]
                ],
            )
        )
    if r["communes"]:
        c = r["communes"]
        sheets += [
            (
                "Nguồn kinh phí",
                ["Chương trình", "Quyết định", "Tổng kinh phí (đồng)", "Đã phân bổ (đồng)"]
                + ["Đã giải ngân (đồng)", "Còn lại (đồng)"],
                [
                    [row["name"], row["decision_number"]]
                    + _money(row, "total", "allocated", "disbursed", "remaining")
                    for row in c["programmes"]
                ],
            ),
            (
                "Đề xuất theo trạng thái",
                ["Trạng thái", "Số đề xuất", "Kinh phí đề nghị (đồng)"],
                [
                    [row["status"], row["requests"], *_money(row, "requested")]
                    for row in c["by_status"]
                ],
            ),
        ]
    if r["indicators"]:
        sheets.append(
            (
                "Chỉ tiêu",
                ["Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Thực hiện", "Tỷ lệ", "Đánh giá"],
                [
                    [row["name"], row["unit"], row["target"], row["actual"], _percent(row["rate"])]
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
    for annex in p["annexes"]:
        if annex["key"] == "agencies":
            header, rows = AGENCY_HEADER, _agency_rows(annex["rows"])
        else:
            header = ["Xã, phường", "Đề xuất", "Đề nghị (đồng)", "Phê duyệt (đồng)"]
            header += ["Phân bổ (đồng)", "Giải ngân (đồng)"]
            rows = [
                [row["commune"], row["requests"]]
                + _money(row, "requested", "approved", "allocated", "disbursed")
                for row in annex["rows"]
            ]
        sheets.append((f"{annex['label']} - {ANNEX_SHEETS[annex['key']]}", header, rows))
    return sheets


def render_xlsx(snapshot: dict) -> bytes:
    # Write-only mode streams rows instead of holding a cell object per value.
    workbook = Workbook(write_only=True)
    for title, header, rows in _sheets(snapshot):
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        for index, width in enumerate(_widths(header, rows), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
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
