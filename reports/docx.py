"""The report as an editable Word document, for the committee's office to edit before signing.

Same sections, tables, header block and signature as the PDF (reports/pdf.py), from the same
snapshot; A4 with the Decree 30/2020/ND-CP margins, Times New Roman 13 pt, page numbers at the
top from page 2, table header rows repeated on every page. The PDF's charts are not drawn.
"""

from copy import deepcopy
from datetime import datetime
from io import BytesIO

from django.utils import timezone
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from reports.letterhead import letterhead
from reports.selectors import ROMAN, presented
from reports.templatetags.report_tags import (
    amount,
    decimal_vi,
    dmy,
    long_date,
    number,
    signed,
    vnd_short,
)

FONT = "Times New Roman"
TABLE_STYLE = "Table Text"  # the paragraphs of the tables' cells
PAGE_WIDTH = Mm(165)  # A4 less the 30 mm left and 15 mm right margins


class Strong(str):
    """A run of body text printed in bold."""


def _fonts(style, size: float, *, bold: bool = False, italic: bool = False) -> None:
    """Times New Roman for every script (theme fonts removed), black, at ``size`` pt."""
    style.font.name, style.font.size = FONT, Pt(size)
    style.font.bold, style.font.italic = bold, italic
    style.font.color.rgb = None
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), FONT)
    fonts.set(qn("w:cs"), FONT)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    styles = document.styles
    _fonts(styles["Normal"], 13)
    styles["Normal"].paragraph_format.space_after = Pt(5)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    for name, italic in (("Heading 1", False), ("Heading 2", True)):
        _fonts(styles[name], 13, bold=True, italic=italic)
        styles[name].paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
        styles[name].paragraph_format.space_after = Pt(4)
    table_text = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    _fonts(table_text, 11)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    # The page number, centred at the top, from page 2.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _text(paragraph, text: str, *, size: float | None = None, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    return paragraph


def _line(container, text: str, *, size=None, bold=False, italic=False, align="center"):
    """A paragraph of one run, centred by default, without the body's spacing."""
    paragraph = container.add_paragraph()
    paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = None
    return _text(paragraph, text, size=size, bold=bold, italic=italic)


def _rule(container, width: int, of: int) -> None:
    """A short centred rule ``width`` wide in a column ``of`` wide, as under the issuer."""
    paragraph = container.add_paragraph()
    borders = OxmlElement("w:pBdr")  # first: python-docx keeps the later properties in order
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    margin = (of - width) // 2
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = margin
    paragraph.paragraph_format.space_after = Pt(0)
    _text(paragraph, "", size=4)


def _body(document, *parts: str, italic: bool = False) -> None:
    """A justified paragraph with a 1 cm first-line indent; ``Strong`` parts in bold."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    for part in parts:
        _text(paragraph, part, bold=isinstance(part, Strong), italic=italic)


def _layout(table, widths: list[int]) -> None:
    """Fixed column widths."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _widths(lines: list[list[str]]) -> list[int]:
    """Column widths over the page in proportion to each column's longest text (header words,
    cells up to 40 characters), so the task titles get the room and the figures do not wrap."""
    header, *rows = lines
    weights = [max(len(word) for word in text.split()) + 2 for text in header]
    for row in rows:
        cells = zip(weights, row, strict=True)
        weights = [max(weight, min(len(text), 40)) for weight, text in cells]
    return [PAGE_WIDTH * weight // sum(weights) for weight in weights]


def _row(
    table, values: list[str], widths: list[int], numeric: set[int], *, header=False, bold=False
):
    """One row at 11 pt, never split across pages; the header row repeats on every page."""
    row = table.add_row()
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))  # a row stays on one page
    if header:
        properties.append(OxmlElement("w:tblHeader"))
    for column, (cell, value, width) in enumerate(zip(row.cells, values, widths, strict=True)):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.style = TABLE_STYLE  # 11 pt, single-spaced, no space after: once, not per cell
        if header:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif column in numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _text(paragraph, value, bold=header or bold)
    return row._tr


def _table(document, header: list[str], rows: list[list], numeric: set[int], footer=()):
    """A ruled table at 11 pt with fixed column widths; the header row repeats on every page,
    no row is split across pages, the footer rows are bold; ``numeric`` columns are
    right-aligned. The data rows are copies of one row built once, their texts replaced (a
    row built cell by cell through python-docx costs ~30 times more: long tables)."""
    lines = [[str(value) for value in values] for values in [header, *rows, *footer]]
    widths = _widths(lines)
    table = document.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    _row(table, lines[0], widths, numeric, header=True)
    if rows:
        template = _row(table, ["x"] * len(header), widths, numeric)
        for text in template.iter(qn("w:t")):
            text.set(qn("xml:space"), "preserve")
        body = template.getparent()
        body.remove(template)
        for values in lines[1 : len(rows) + 1]:
            copy = deepcopy(template)
            for text, value in zip(copy.iter(qn("w:t")), values, strict=True):
                text.text = value
            body.append(copy)
    for values in lines[len(rows) + 1 :]:
        _row(table, values, widths, numeric, bold=True)
    document.add_paragraph().paragraph_format.space_after = Pt(3)


def _empty(document, text: str) -> None:
    _body(document, text, italic=True)


def _deadline(row: dict, days: bool = False) -> str:
    text = row["deadline"]
    if row.get("extended_to"):
        text += f" (đã gia hạn đến {dmy(row['extended_to'])})"
    return f"{text} ({row['days']} ngày)" if days else text


def _header(document, head) -> None:
    """The two-column borderless header of reports.letterhead: issuer left, motto right."""
    issuer, motto = Mm(70), Mm(95)
    table = document.add_table(rows=1, cols=2)
    _layout(table, [issuer, motto])
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if head.parent_body:
        _line(left, head.parent_body, size=12.5)
    _line(left, head.issuing_body, size=12.5, bold=True)
    if head.party:
        _line(left, "*")
    else:
        _rule(left, Mm(25), issuer)
    _line(left, head.number)
    if head.party:  # 36-HD: the title in bold capitals, a rule of its length below
        _line(right, head.motto, size=14, bold=True)
        _rule(right, Mm(66), motto)
    else:
        _line(right, head.motto, size=12.5, bold=True)
        _line(right, head.motto_2, size=13.5, bold=True)
        _rule(right, Mm(59), motto)
    _line(right, head.place_date, italic=True)
    _line(document, "")
    _line(document, head.title, size=14, bold=True)
    _line(document, head.subtitle, size=14, bold=True)
    if head.replaces:
        _line(document, head.replaces, italic=True)
    _rule(document, Mm(58), PAGE_WIDTH)


def _summary(document, r: dict, numerals) -> None:
    s = r["summary"]
    document.add_heading(f"{next(numerals)}. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", level=1)
    extended = (
        ["; ", Strong(r["extended"]), " nhiệm vụ đã gia hạn (thời hạn được tính theo ngày gia hạn)"]
        if r["extended"]
        else []
    )
    _body(
        document,
        f"Tính đến hết ngày {dmy(r['as_of'])}, Ban Chỉ đạo theo dõi ",
        Strong(s["total"]["value"]),
        " nhiệm vụ, trong đó: đã hoàn thành ",
        Strong(s["completed"]["value"]),
        f" nhiệm vụ (tỷ lệ hoàn thành {decimal_vi(s['completion_rate']['value'])}%), "
        "đang triển khai ",
        Strong(s["in_progress"]["value"]),
        " nhiệm vụ, chưa triển khai ",
        Strong(s["not_started"]["value"]),
        " nhiệm vụ; có ",
        Strong(s["overdue"]["value"]),
        " nhiệm vụ quá hạn",
        *extended,
        ".",
    )
    _body(
        document,
        f"So với kỳ trước ({r['previous']['label']}, số liệu đến hết ngày "
        f"{dmy(r['previous']['end'])}): số nhiệm vụ hoàn thành {signed(s['completed']['change'])}"
        f", tỷ lệ hoàn thành {signed(s['completion_rate']['change'])} điểm phần trăm, số nhiệm "
        f"vụ quá hạn {signed(s['overdue']['change'])}.",
    )
    rate = s["completion_rate"]
    _table(
        document,
        ["Tình trạng", f"Kỳ trước\n(đến {dmy(r['previous']['end'])})"]
        + [f"Kỳ này\n(đến {dmy(r['as_of'])})", "Tăng (+), giảm (-)"],
        [
            [row["label"], row["previous"], row["value"], signed(row["change"])]
            for row in s["categories"]
        ],
        {1, 2, 3},
        footer=[
            ["Tổng số nhiệm vụ", s["total"]["previous"], s["total"]["value"]]
            + [signed(s["total"]["change"])],
            ["Tỷ lệ hoàn thành (%)", decimal_vi(rate["previous"]), decimal_vi(rate["value"])]
            + [signed(rate["change"])],
        ],
    )


def _tasks(document, r: dict, p: dict, numerals) -> None:
    document.add_heading(f"{next(numerals)}. KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ", level=1)
    _body(
        document,
        "Xếp theo số nhiệm vụ quá hạn, đơn vị chậm nhất lên trước. Tỷ lệ đúng hạn: tỷ lệ nhiệm "
        "vụ chủ trì đã hoàn thành đúng hạn (theo thời hạn đã gia hạn, nếu có). Lượt đôn đốc và "
        f"số lần gia hạn: tính đến hết ngày {dmy(r['as_of'])}.",
    )
    _agency_table(document, p["agencies"])
    if r.get("abbreviations"):
        names = "; ".join(f"{short}: {name}" for short, name in r["abbreviations"].items())
        legend = _line(document, "Chữ viết tắt:", size=11, italic=True, align="justify")
        _text(legend, f" {names}.", size=11)
        legend.paragraph_format.space_after = Pt(5)
    if "agencies" in p["annex"]:
        _line(
            document,
            f"Kết quả của từng xã, phường: {p['annex']['agencies']} kèm theo Báo cáo này.",
            size=11,
            align="justify",
        ).paragraph_format.space_after = Pt(5)
    if r.get("below"):
        _below(document, r, numerals)
    document.add_heading(f"{next(numerals)}. NHIỆM VỤ HOÀN THÀNH TRONG KỲ", level=1)
    if r["completed_tasks"]:
        _table(
            document,
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hoàn thành", "Đúng hạn"],
            [
                [row["code"], row["title"], row["leads"], _deadline(row)]
                + [dmy(row["completed_on"]), "Đúng hạn" if row["on_time"] else "Trễ hạn"]
                for row in r["completed_tasks"]
            ],
            {4},
        )
    else:
        _empty(document, "Không có nhiệm vụ hoàn thành trong kỳ.")
    document.add_heading(f"{next(numerals)}. NHIỆM VỤ QUÁ HẠN", level=1)
    if r["overdue_tasks"]:
        _table(
            document,
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì chưa hoàn thành"]
            + ["Thời hạn (số ngày quá hạn)", "Tiến độ (%)"],
            [
                [row["code"], row["title"], row["leads"], _deadline(row, days=True)]
                + [row["percent"]]
                for row in r["overdue_tasks"]
            ],
            {4},
        )
    else:
        _empty(document, "Không có nhiệm vụ quá hạn.")
    document.add_heading(f"{next(numerals)}. NHIỆM VỤ ĐẾN HẠN TRONG KỲ TỚI", level=1)
    following = r["next"]
    _body(
        document,
        f"Nhiệm vụ chưa hoàn thành có thời hạn {following['label']} (từ "
        f"{dmy(following['start'])} đến {dmy(following['end'])}).",
    )
    if r["due_next"]:
        _table(
            document,
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ (%)"],
            [
                [row["code"], row["title"], row["leads"], _deadline(row), row["percent"]]
                for row in r["due_next"]
            ],
            {4},
        )
    else:
        _empty(document, "Không có nhiệm vụ đến hạn trong kỳ tới.")


def _agency_table(document, rows: list[dict], numbered: bool = False) -> None:
    """The agency table (slowest first); numbered (STT) in the annex."""
    header = ["Cơ quan chủ trì", "Chủ trì", "Hoàn thành", "Quá hạn", "Tỷ lệ đúng hạn (%)"]
    header += ["Lượt đôn đốc", "Đã gia hạn"]
    lines = [
        [row["agency"], row["led"], row["completed"], row["overdue"]]
        + [decimal_vi(row["on_time_rate"]), row.get("urges") or 0]
        + [row.get("extensions") or 0]
        for row in rows
    ]
    if numbered:
        header = ["STT", *header]
        lines = [[n, *line] for n, line in enumerate(lines, start=1)]
    first = 2 if numbered else 1
    _table(document, header, lines, set(range(first, len(header))) | ({0} if numbered else set()))


def _below(document, r: dict, numerals) -> None:
    """The roll-up of the committees below, as of the report's day."""
    document.add_heading(f"{next(numerals)}. KẾT QUẢ CỦA CÁC BAN CHỈ ĐẠO CẤP DƯỚI", level=1)
    _body(
        document,
        f"Số liệu tính đến hết ngày {dmy(r['as_of'])}, cộng dồn toàn bộ nhiệm vụ của mỗi Ban Chỉ "
        "đạo cấp dưới và các Ban Chỉ đạo trực thuộc; xếp theo số nhiệm vụ quá hạn, đơn vị chậm "
        "nhất lên trước. Tỷ lệ đúng hạn: tỷ lệ nhiệm vụ hoàn thành đúng hạn trên số nhiệm vụ "
        "(không kể nhiệm vụ đã hủy). Nhiệm vụ được giao: nhiệm vụ do Ban Chỉ đạo giao cho đơn vị "
        "chủ trì.",
    )
    _table(
        document,
        ["Địa phương", "Nhiệm vụ", "Hoàn thành", "Quá hạn", "Tỷ lệ đúng hạn (%)"]
        + ["Được giao", "Được giao: hoàn thành", "Được giao: quá hạn"],
        [
            [row["committee"], row["tasks"], row["completed"], row["overdue"]]
            + [decimal_vi(row["on_time_rate"]), row["assigned"], row["assigned_completed"]]
            + [row["assigned_overdue"]]
            for row in r["below"]
        ],
        {1, 2, 3, 4, 5, 6, 7},
    )


def _annexes(document, r: dict, p: dict) -> None:
    """The annexes (Phụ lục), each from a new page, after the signature."""
    for annex in p["annexes"]:
        document.add_page_break()
        _line(document, annex["label"].upper(), bold=True, align="right")
        _line(document, annex["title"], bold=True).paragraph_format.space_before = Pt(6)
        committee = r["committee"]["name"]
        _line(document, f"(Kèm theo Báo cáo {long_date(r['date'])} của {committee})", italic=True)
        _rule(document, Mm(33), PAGE_WIDTH)
        if annex["key"] == "agencies":
            _line(
                document,
                f"Số liệu tính đến hết ngày {dmy(r['as_of'])}; xếp theo số nhiệm vụ quá hạn, đơn "
                "vị chậm nhất lên trước. UBND: Ủy ban nhân dân.",
                size=11,
                align="justify",
            )
            _agency_table(document, annex["rows"], numbered=True)
        else:
            _line(document, f"Số liệu tính đến hết ngày {dmy(r['as_of'])}.", size=11, align="left")
            _unit(document)
            _table(
                document,
                ["STT", "Xã, phường (số đề xuất)", "Đề nghị", "Phê duyệt", "Phân bổ", "Giải ngân"],
                [
                    [n, f"{row['commune']} ({row['requests']})", amount(row["requested"])]
                    + [amount(row["approved"]), amount(row["allocated"])]
                    + [amount(row["disbursed"])]
                    for n, row in enumerate(annex["rows"], start=1)
                ],
                {0, 2, 3, 4, 5},
            )


def _unit(document) -> None:
    _line(document, "Đơn vị tính: đồng", size=11, italic=True, align="right")


def _communes(document, c: dict, numeral: str, as_of: str, annex: str | None) -> None:
    t = c["totals"]
    document.add_heading(f"{numeral}. ĐẦU TƯ HẠ TẦNG CÔNG NGHỆ THÔNG TIN CẤP XÃ", level=1)
    _body(
        document,
        f"Đến hết ngày {dmy(as_of)}, {t['communes']} xã, phường đã gửi {t['requests']} đề xuất "
        f"với tổng kinh phí đề nghị {vnd_short(t['requested'])}; đã phê duyệt "
        f"{vnd_short(t['approved'])}, đã phân bổ {vnd_short(t['allocated'])}, đã giải ngân "
        f"{vnd_short(t['disbursed'])}.",
    )
    document.add_heading("Nguồn kinh phí", level=2)
    _unit(document)
    if c["programmes"]:
        _table(
            document,
            ["Chương trình, nguồn vốn", "Quyết định", "Tổng kinh phí", "Đã phân bổ"]
            + ["Đã giải ngân", "Còn lại"],
            [
                [row["name"], row["decision_number"], amount(row["total"])]
                + [amount(row["allocated"]), amount(row["disbursed"]), amount(row["remaining"])]
                for row in c["programmes"]
            ],
            {2, 3, 4, 5},
        )
    else:
        _empty(document, "Chưa có chương trình, nguồn vốn.")
    document.add_heading("Đề xuất theo trạng thái", level=2)
    _unit(document)
    _table(
        document,
        ["Trạng thái", "Số đề xuất", "Kinh phí đề nghị"],
        [[row["status"], row["requests"], amount(row["requested"])] for row in c["by_status"]],
        {1, 2},
    )
    if annex:
        _body(document, f"Số liệu theo từng xã, phường: {annex} kèm theo Báo cáo này.")


def _assessment(row: dict) -> str:
    if row["actual"] is None:
        return "Chưa có số liệu"
    return "Đạt" if row["met"] else "Chưa đạt"


def _indicators(document, rows: list[dict], numeral: str) -> None:
    document.add_heading(f"{numeral}. CHỈ TIÊU", level=1)
    _table(
        document,
        ["Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Thực hiện", "Tỷ lệ (%)", "Đánh giá"],
        [
            [row["name"], row["unit"], number(row["target"]), number(row["actual"])]
            + [number(row["rate"]), _assessment(row)]
            for row in rows
        ],
        {2, 3, 4},
    )


def _meetings(document, meetings: list[dict], numeral: str) -> None:
    document.add_heading(f"{numeral}. CÁC PHIÊN HỌP CỦA BAN CHỈ ĐẠO TRONG KỲ", level=1)
    for m in meetings:
        number_ = (
            f", Thông báo kết luận số {m['conclusion_number']}" if m["conclusion_number"] else ""
        )
        summary = f": {m['summary']}" if m["summary"] else "."
        _body(document, Strong(m["title"]), f" (ngày {dmy(m['held_on'])}{number_}){summary}")
    if not meetings:
        _empty(document, "Trong kỳ, Ban Chỉ đạo không tổ chức phiên họp.")


def _closing(document, head, r: dict, generated_at: datetime) -> None:
    half = PAGE_WIDTH // 2
    table = document.add_table(rows=1, cols=2)
    _layout(table, [half, half])
    left, right = table.rows[0].cells
    paragraph = left.paragraphs[0]
    _text(paragraph, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in head.recipients:
        _line(left, line, size=11, align="left")
    first, *others = head.authority
    _text(right.paragraphs[0], first, size=13.5, bold=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in others:
        _line(right, line, size=13.5, bold=True)
    for _ in range(4):
        _line(right, "")
    _line(right, head.signer_name, size=13.5, bold=True)
    note = _line(
        document,
        f"Báo cáo được lập tự động từ Cổng thông tin Ban Chỉ đạo lúc {generated_at:%H:%M} ngày "
        f"{generated_at:%d/%m/%Y}, số liệu tính đến hết ngày {dmy(r['as_of'])}.",
        size=10,
        italic=True,
        align="left",
    )
    note.paragraph_format.space_before = Pt(16)


def render_docx(snapshot: dict) -> bytes:
    """The report as .docx bytes; dated by the snapshot's ``generated_at``."""
    r = snapshot
    generated_at = timezone.localtime(datetime.fromisoformat(r["generated_at"]))
    document = Document()
    _setup(document)
    head = letterhead(r)
    _header(document, head)
    p, numerals = presented(r), iter(ROMAN)
    _summary(document, r, numerals)
    _tasks(document, r, p, numerals)
    if r["communes"]:
        annex = p["annex"].get("investments")
        _communes(document, r["communes"], next(numerals), r["as_of"], annex)
    if r["indicators"]:
        _indicators(document, r["indicators"], next(numerals))
    _meetings(document, r["meetings"], next(numerals))
    _closing(document, head, r, generated_at)
    _annexes(document, r, p)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
