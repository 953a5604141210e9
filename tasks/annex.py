"""Reading task annexes ("Phụ lục danh mục nhiệm vụ") as departments really send them.

``read_annex`` turns an uploaded .xlsx, .xls or .csv into an :class:`Annex`: the header row(s)
found below the title rows, the column mapping, and one :class:`Record` per task row, with
section rows ("I. NHIỆM VỤ VỀ HẠ TẦNG SỐ") turned into the section and field of the rows below
them and numbering (1, 1.1, 1.2) turned into parent references. Empty rows, the column-number
row and the footnotes and signature block after the table are skipped; a row with an agency,
a deadline or a code but no task (an empty cell, or a formula without a saved value) is kept,
for the importer to report.

Nothing here touches the database. Every refusal is an :class:`AnnexError` whose message is
translated and names the row and column when there is one.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

import python_calamine
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.text import clean, fold, nfc
from common.xlsx import unescape
from tasks.models import Field

MAX_BYTES = settings.UPLOAD_MAX_FILE_BYTES
MAX_ROWS = 20_000
# An .xlsx is a zip; refuse one that inflates beyond this or by more than MAX_RATIO (zip bomb).
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 150
HEADER_SCAN_ROWS = 30

# The columns the importer knows, in the order of the export and the template.
COLUMN_LABELS = {
    "number": gettext_lazy("No."),
    "code": gettext_lazy("Task code"),
    "title": gettext_lazy("Task"),
    "field": gettext_lazy("Field"),
    "level": gettext_lazy("Level"),
    "is_key": gettext_lazy("Key task"),
    "lead": gettext_lazy("Lead agencies"),
    "coordinating": gettext_lazy("Coordinating agencies"),
    "deadline": gettext_lazy("Deadline"),
    "output": gettext_lazy("Expected output"),
    "description": gettext_lazy("Notes"),
    "article": gettext_lazy("Article / section"),
    "parent": gettext_lazy("Parent task code"),
    "status": gettext_lazy("Status"),
    "percent": gettext_lazy("Percent complete"),
    "due_date": gettext_lazy("Due date"),
    "completed_on": gettext_lazy("Completed on"),
}
# Header texts after fold() and _clean_header(); English headers are the export's in English.
SYNONYMS = {
    "number": ["stt", "tt", "so tt", "so thu tu", "no", "no.", "#", "number"],
    "code": ["ma", "ma so", "ma nhiem vu", "ma nv", "code", "task code"],
    "title": [
        "nhiem vu",
        "noi dung nhiem vu",
        "ten nhiem vu",
        "noi dung",
        "nhiem vu, giai phap",
        "task",
        "tasks",
        "task name",
        "title",
    ],
    "field": ["linh vuc", "field", "area"],
    "level": ["cap", "cap giao", "level"],
    "is_key": ["trong tam", "nhiem vu trong tam", "key task", "key"],
    "lead": [
        "co quan chu tri",
        "don vi chu tri",
        "chu tri",
        "co quan, don vi chu tri",
        "lead",
        "lead agency",
        "lead agencies",
        "responsible agency",
    ],
    "coordinating": [
        "co quan phoi hop",
        "don vi phoi hop",
        "phoi hop",
        "co quan, don vi phoi hop",
        "coordinating",
        "coordinating agency",
        "coordinating agencies",
    ],
    "deadline": [
        "thoi gian hoan thanh",
        "thoi han",
        "thoi han hoan thanh",
        "tien do",
        "tien do hoan thanh",
        "thoi gian thuc hien",
        "deadline",
        "due",
        "timeline",
    ],
    "output": [
        "san pham",
        "ket qua du kien",
        "san pham du kien",
        "san pham dau ra",
        "ket qua",
        "expected output",
        "output",
        "deliverable",
        "deliverables",
    ],
    "description": ["ghi chu", "mo ta", "note", "notes", "remarks", "description"],
    "article": ["muc", "dieu khoan", "muc / dieu khoan", "article", "section", "article / section"],
    "parent": ["ma nhiem vu cha", "nhiem vu cha", "parent", "parent task", "parent task code"],
    "status": ["trang thai", "tinh trang", "status"],
    "percent": [
        "ty le hoan thanh",
        "ti le hoan thanh",
        "ty le",
        "tien do (%)",
        "%",
        "percent",
        "percent complete",
        "% complete",
    ],
    "due_date": ["han hoan thanh (ngay)", "ngay het han", "han (ngay)", "due date"],
    "completed_on": ["ngay hoan thanh", "completed on"],
}
_HEADER_INDEX = {text: key for key, texts in SYNONYMS.items() for text in texts}
# Longer headers ("Cơ quan, đơn vị chủ trì thực hiện") are recognised by a telling phrase.
_HEADER_PHRASES = [
    ("nhiem vu cha", "parent"),
    ("phoi hop", "coordinating"),
    ("chu tri", "lead"),
    ("(%)", "percent"),
    ("ty le", "percent"),
    ("thoi han", "deadline"),
    ("thoi gian", "deadline"),
    ("tien do", "deadline"),
    ("san pham", "output"),
    ("ket qua", "output"),
    ("ten nhiem vu", "title"),
    ("noi dung", "title"),
    ("linh vuc", "field"),
    ("ghi chu", "description"),
    ("trang thai", "status"),
]

# Section headings name their topic; the topic gives the field of the tasks below.
_FIELD_PHRASES = [
    ("ha tang", Field.INFRASTRUCTURE),
    ("nhan luc", Field.HUMAN_RESOURCES),
    ("the che", Field.INSTITUTIONS),
    ("chinh sach", Field.INSTITUTIONS),
    ("doi moi sang tao", Field.INNOVATION),
    ("khoa hoc", Field.SCIENCE_TECHNOLOGY),
    ("chinh quyen so", Field.DIGITAL_GOVERNMENT),
    ("chinh phu so", Field.DIGITAL_GOVERNMENT),
    ("kinh te so", Field.DIGITAL_ECONOMY),
    ("xa hoi so", Field.DIGITAL_SOCIETY),
    ("chuyen doi so", Field.DIGITAL_GOVERNMENT),
]

_ROMAN = re.compile(r"^[ivxlc]+\.?$")
_LETTER = re.compile(r"^[a-z]\.?$")
_SECTION_PREFIX = re.compile(r"^(?:phan |muc |chuong )?(?:[ivxlc]+|[a-z])[.)/] ")
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?$")
_COLUMN_NUMBERS = re.compile(r"^\(?\d+\)?$")
_FOOTER_STARTS = (
    "noi nhan",
    "ghi chu:",
    "chu thich",
    "luu:",
    "luu vt",
    "kt.",
    "tm.",
    "tl.",
    "nguoi lap",
    "(*)",
    "*",
    "note:",
    "notes:",
)


class AnnexError(ValueError):
    """The file cannot be read as an annex; the message is translated."""


@dataclass
class Column:
    index: int  # 0-based position in the sheet
    header: str  # the header text as written (both rows of a two-row header)
    key: str | None  # what the importer reads from it; None: ignored

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Record:
    """One task row of the annex, as text (dates already written dd/mm/yyyy)."""

    row: int  # the row number the user sees in Excel
    values: dict[str, object]
    section: str = ""
    section_field: str = ""
    parent_row: int | None = None  # the row of the parent task, from numbering (1 → 1.1)


@dataclass
class Annex:
    sheet: str
    header_rows: tuple[int, ...]
    columns: list[Column]
    records: list[Record] = field(default_factory=list)

    def column_for(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def where(row: int, column: Column | None) -> str:
    """ "Row 12, column F (Thời hạn)" in the user's language."""
    if column is None:
        return _("Row %(row)s") % {"row": row}
    return _("Row %(row)s, column %(column)s (%(header)s)") % {
        "row": row,
        "column": column.letter,
        "header": column.header or COLUMN_LABELS.get(column.key or "", ""),
    }


def _clean_header(value: object) -> str:
    text = fold(str(value)).replace("\n", " ")
    text = re.sub(r"\s*\((?:\d+|\*+)\)\s*$|\s*\*+$|:$", "", text)  # footnote marks
    return re.sub(r"\s+", " ", text).strip()


def header_key(text: object) -> str | None:
    cleaned = _clean_header(text)
    if not cleaned:
        return None
    if cleaned in _HEADER_INDEX:
        return _HEADER_INDEX[cleaned]
    if len(cleaned) > 60:  # a title row, not a header
        return None
    return next((key for phrase, key in _HEADER_PHRASES if phrase in cleaned), None)


def field_of_section(text: str) -> str:
    folded = fold(text)
    return next((value for phrase, value in _FIELD_PHRASES if phrase in folded), "")


def cell_text(value: object) -> str:
    """A cell as NFC text: dates as dd/mm/yyyy, whole numbers without ".0"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # Stored text's rule (common.text.clean), without the export's formula escape; spaces
    # collapsed, line breaks kept (notes and outputs are often several lines).
    text = unescape(clean(str(value)))
    if "\n" in text:
        return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
    return " ".join(text.split())  # most cells: one line, no need to split into lines


# --- Reading the file -------------------------------------------------------------------------


def _too_many_rows() -> AnnexError:
    return AnnexError(
        _("The file has more than %(limit)s rows; split it into several files.")
        % {"limit": f"{MAX_ROWS:,}".replace(",", ".")}
    )


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
            total = sum(e.file_size for e in entries)
            packed = sum(e.compress_size for e in entries) or 1
    except zipfile.BadZipFile:
        raise AnnexError(_("The workbook is damaged and cannot be opened.")) from None
    if "xl/workbook.xml" not in names:
        raise AnnexError(_("This is not an Excel workbook (.xlsx)."))
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise AnnexError(
            _("The workbook expands to an abnormal size when opened (a zip bomb); it is refused.")
        )


def _workbook_rows(data: bytes) -> tuple[str, list[list]]:
    """(sheet name, rows) of the first visible sheet that has a header."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise AnnexError(
            _("The workbook is password-protected; save it without a password and upload again.")
        ) from None
    except Exception as exc:  # calamine raises several unrelated types for a damaged file
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise AnnexError(
                _(
                    "The workbook is password-protected; save it without a password "
                    "and upload again."
                )
            ) from None
        raise AnnexError(_("The workbook is damaged and cannot be opened.")) from None
    found = None
    for meta in workbook.sheets_metadata:
        if meta.visible != python_calamine.SheetVisibleEnum.Visible:
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        if sheet.height > MAX_ROWS + HEADER_SCAN_ROWS:
            raise _too_many_rows()
        rows = sheet.to_python(skip_empty_area=False)
        _fill_merged_down(rows, sheet.merged_cell_ranges or [])
        if found is None:
            found = (meta.name, rows)
        if _find_header(rows) is not None:
            return meta.name, rows
    if found is None:
        raise AnnexError(_("The workbook has no visible sheet."))
    return found


def _fill_merged_down(rows: list[list], ranges: list) -> None:
    """Repeat a vertically merged cell (one lead agency for several rows) in every row."""
    for (top, left), (bottom, _right) in ranges:
        if bottom > top and top < len(rows) and left < len(rows[top]):
            for r in range(top + 1, min(bottom, len(rows) - 1) + 1):
                if left < len(rows[r]):
                    rows[r][left] = rows[top][left]


def _decode(data: bytes) -> str:
    # A damaged file decodes with replacement characters; its header is then not found, which
    # the reader reports as such (never a server error).
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM shows a NUL byte in every other position.
    if data[1:200:2].count(0) > 50:
        return data.decode("utf-16-le", errors="replace")
    return data.decode("cp1258", errors="replace")


def _csv_rows(data: bytes) -> list[list]:
    text = _decode(data)
    if "\x00" in text:
        raise AnnexError(_("This file is neither an Excel workbook nor a CSV text file."))
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        rows.append(row)
        if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS:
            raise _too_many_rows()
    return rows


def load_rows(data: bytes, name: str) -> tuple[str, list[list]]:
    """The sheet's name and rows of an upload, checked by content (not by name)."""
    if len(data) > MAX_BYTES:
        raise AnnexError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise AnnexError(_("The file is empty."))
    extension = PurePath(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        _check_zip(data)
        return _workbook_rows(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE container: an old .xls, or an encrypted (password-protected) .xlsx.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise AnnexError(
                _(
                    "The workbook is password-protected; save it without a password "
                    "and upload again."
                )
            )
        return _workbook_rows(data)
    if extension in (".xlsx", ".xlsm", ".xls"):
        raise AnnexError(
            _('"%(name)s" is not really an Excel file: its content does not match.')
            % {"name": name}
        )
    if extension not in (".csv", ".txt"):
        raise AnnexError(_("Upload an Excel workbook (.xlsx, .xls) or a CSV file."))
    return "CSV", _csv_rows(data)


# --- Finding the header and the rows ----------------------------------------------------------


def _score(row: list) -> int:
    """How many known headers a row holds (0 unless one is the task or the lead agency)."""
    known = {header_key(cell) for cell in row if cell not in ("", None)} - {None}
    return len(known) if {"title", "lead"} & known else 0


def _find_header(rows: list[list]) -> int | None:
    """Index of the header row: the first of the scanned rows with the most known headers."""
    best, best_score = None, 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = _score(row)
        if score > best_score:
            best, best_score = index, score
    return best


def _columns(rows: list[list], top: int) -> tuple[list[Column], int]:
    """The columns of the header at ``top`` and how many header rows there are (1 or 2)."""
    upper = [cell_text(c) for c in rows[top]]
    lower = [cell_text(c) for c in rows[top + 1]] if top + 1 < len(rows) else []
    width = max(len(upper), len(lower))
    upper += [""] * (width - len(upper))
    lower += [""] * (width - len(lower))
    # A second header row names sub-columns ("Chủ trì" / "Phối hợp" under "Cơ quan thực
    # hiện") and holds no task data.
    two_rows = any(header_key(c) for c in lower) and not any(
        _COLUMN_NUMBERS.match(c) or len(c) > 60 for c in lower if c
    )
    if two_rows:
        filled = upper[:]
        for i in range(1, width):  # a merged heading spans the empty cells to its right
            if not filled[i] and lower[i]:
                filled[i] = filled[i - 1]
        columns = []
        for i in range(width):
            key = header_key(lower[i]) if lower[i] else header_key(filled[i])
            if lower[i] and key is None:
                key = header_key(f"{filled[i]} {lower[i]}")
            columns.append(Column(i, nfc(f"{filled[i]} {lower[i]}"), key))
    else:
        columns = [Column(i, upper[i], header_key(upper[i])) for i in range(width)]
    seen = set()
    for column in columns:  # the first column wins when two map to the same key
        if column.key in seen:
            column.key = None
        elif column.key:
            seen.add(column.key)
    return columns, 2 if two_rows else 1


def _is_footer(text: str) -> bool:
    return fold(text).startswith(_FOOTER_STARTS)


def read_annex(data: bytes, name: str, mapping: dict[int, str | None] | None = None) -> Annex:
    """Read an upload; ``mapping`` (column index → key or None) overrides the header guess."""
    sheet, rows = load_rows(data, name)
    top = _find_header(rows)
    if top is None:
        raise AnnexError(
            _(
                "No header row found in the first %(rows)s rows: the table needs at least the "
                'columns "Nhiệm vụ" (task) and "Cơ quan chủ trì" (lead agency).'
            )
            % {"rows": HEADER_SCAN_ROWS}
        )
    columns, header_height = _columns(rows, top)
    for column in columns:
        if mapping and column.index in mapping:
            column.key = mapping[column.index] or None
    # A merged two-row header repeats in its second row, which then scores best: show both.
    first = top - 1 if top and _score(rows[top - 1]) else top
    annex = Annex(sheet, tuple(range(first + 1, top + 1 + header_height)), columns)
    for key, label in (("title", "Nhiệm vụ"), ("lead", "Cơ quan chủ trì")):
        if annex.column_for(key) is None:
            raise AnnexError(
                _('The column "%(header)s" (%(meaning)s) was not found; map a column to it.')
                % {"header": label, "meaning": COLUMN_LABELS[key]}
            )
    if len(rows) - top - header_height > MAX_ROWS:
        raise _too_many_rows()
    _read_records(annex, rows[top + header_height :], top + header_height + 1)
    if not annex.records:
        raise AnnexError(_("The file has a header row but no task rows below it."))
    return annex


def _read_records(annex: Annex, rows: list[list], first_row: int) -> None:
    mapped = [(c.index, c.key) for c in annex.columns if c.key]
    section, section_field = "", ""
    numbers: dict[str, int] = {}  # numbering in the current section → row of that task
    for offset, raw in enumerate(rows):
        row_number = first_row + offset
        present = [str(c).strip() for c in raw if c not in ("", None)]
        if not present or all(_COLUMN_NUMBERS.match(c) for c in present):
            continue
        values = {key: (raw[i] if i < len(raw) else "") for i, key in mapped}
        text = {key: cell_text(v) for key, v in values.items()}
        title = text.get("title", "")
        number = text.get("number", "").rstrip(".") if text.get("number") else ""
        if _is_footer(present[0]) and not text.get("lead"):
            break  # footnotes and the signature block end the table
        if not any(text.get(key) for key in ("title", "code", "lead", "deadline")):
            continue  # text beside the table (a signature, a stray note)
        folded_number = fold(number)
        # A row with neither lead agency, deadline nor code is a heading: "I. HẠ TẦNG SỐ",
        # "A.", "1. Nhóm nhiệm vụ ...". It sets the section (and field) of the rows below.
        if not text.get("lead") and not text.get("deadline") and not text.get("code"):
            heading = nfc(f"{number}. {title}") if number and title else title or number
            topic = field_of_section(heading)
            top_level = (
                _ROMAN.match(folded_number)
                or _LETTER.match(folded_number)
                or (not number and _SECTION_PREFIX.match(fold(title)))
            )
            if top_level:
                numbers = {}
                section_field = topic
            else:
                section_field = topic or section_field
            section = heading[:128]
            continue
        record = Record(row_number, values, section, section_field)
        if _NUMBERING.match(number):
            numbers[number] = row_number
            if "." in number:
                record.parent_row = numbers.get(number.rsplit(".", 1)[0])
        annex.records.append(record)
