"""The register as an .xlsx annex, and the blank annex template.

Both use the import's layout (``tasks.resources.HEADERS``): Vietnamese headers, set widths, the
header row frozen, dates as dd/mm/yyyy. Every value goes through ``common.xlsx.cell_value``
(formula-like text escaped; the importer removes the escape again).
"""

import io

from django.db.models import QuerySet
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from common.xlsx import cell_value
from steering.models import Agency
from tasks import groups
from tasks.models import Field, Level
from tasks.resources import HEADERS, TaskResource
from tasks.status import Status

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = {
    "number": 6,
    "code": 12,
    "title": 60,
    "field": 26,
    "level": 14,
    "is_key": 10,
    "lead": 34,
    "coordinating": 34,
    "deadline": 18,
    "output": 34,
    "description": 28,
    "article": 24,
    "parent": 14,
    "status": 20,
    "percent": 10,
    "due_date": 14,
    "completed_on": 14,
}
DATE_KEYS = ("due_date", "completed_on")
TEMPLATE_ROWS = 2000
LISTS_SHEET = "Danh mục"


def _sheet(workbook: Workbook):
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    sheet.append(list(HEADERS.values()))
    fill = PatternFill("solid", fgColor="DDE6F4")
    for index, key in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[key]
    sheet.freeze_panes = "A2"
    return sheet


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_xlsx(tasks) -> bytes:
    """The tasks (with ``assignments__agency`` and ``parent`` loaded) as an annex."""
    with translation.override("vi"):
        dataset = TaskResource().export(tasks)
    workbook = Workbook()
    sheet = _sheet(workbook)
    for values in dataset:
        sheet.append([cell_value(v) for v in values])
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, key in enumerate(HEADERS, start=1):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if key in DATE_KEYS:
                cell.number_format = "DD/MM/YYYY"
            elif WIDTHS[key] > 20:
                cell.alignment = wrap
    sheet.auto_filter.ref = sheet.dimensions
    return _save(workbook)


def template_xlsx(agencies: QuerySet[Agency]) -> bytes:
    """A blank annex with drop-down lists of ``agencies`` (after the groups of agencies),
    fields, levels and statuses."""
    workbook = Workbook()
    sheet = _sheet(workbook)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    with translation.override("vi"):
        columns = {
            # The groups first ("UBND các xã, phường": one assignment per commune), then
            # every agency.
            "lead": [phrases[0] for phrases in groups.PHRASES.values()]
            + list(agencies.order_by("name").values_list("name", flat=True)),
            "field": [str(label) for _value, label in Field.choices],
            "level": [str(label) for _value, label in Level.choices],
            "status": [str(label) for _value, label in Status.choices],
            "is_key": ["x"],
        }
    keys = list(HEADERS)
    for list_index, (key, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(list_index)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=list_index, value=cell_value(value))
        source = f"='{LISTS_SHEET}'!${letter}$1:${letter}${max(len(values), 1)}"
        targets = ["lead", "coordinating"] if key == "lead" else [key]
        for target in targets:
            # Several agencies may share a cell, so their list suggests without refusing.
            strict = key != "lead"
            validation = DataValidation(
                type="list", formula1=source, allow_blank=True, showErrorMessage=strict
            )
            column = get_column_letter(keys.index(target) + 1)
            validation.add(f"{column}2:{column}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(validation)
    return _save(workbook)
