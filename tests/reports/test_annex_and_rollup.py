"""The report a meeting can use: the communes grouped in one row of the body, their per-commune
tables in annexes (PDF, .docx, .xlsx), the roll-up of the committees below as of the report's
day, and a long report rendered in parts merged into one PDF with continuous page numbers."""

import io
import re
import subprocess
import unicodedata
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from weasyprint import HTML

from jobs.services import job_send
from reports import services
from reports.docx import render_docx
from reports.models import Report
from reports.pdf import parts, render_html, render_pdf
from reports.selectors import grouped_agencies, presented
from steering.demo import CENTRAL_NAME, GIA_LAI_NAME
from steering.models import Agency, Committee
from tasks.models import Assignment, ProgressUpdate, Task
from tasks.rules import end_of
from tasks.selectors import summary_as_of
from tasks.status import Category, Status

Q3_START, Q3_END = date(2025, 7, 1), date(2025, 9, 30)
GROUP = re.compile(r"UBND các xã, phường \((\d+)\) (\d+) (\d+) (\d+)")
COMMUNE_ROW = re.compile(r"^UBND (?:xã|phường) [^\d]+ \d+ \d+ \d+", re.MULTILINE)


def _q3(committee: Committee, username: str) -> Report:
    report = services.report_request(
        committee=committee,
        kind=Report.Kind.QUARTERLY,
        start=Q3_START,
        end=Q3_END,
        user=get_user_model().objects.get(username=username),
    )
    job_send("reports.Report", report.pk)  # on_commit never fires in this transaction
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return report


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo seeded once; Gia Lai's and the central committee's Q3/2025 reports."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=io.StringIO())
            yield {
                "province": _q3(Committee.objects.get(name=GIA_LAI_NAME), "thuky"),
                "central": _q3(Committee.objects.get(name=CENTRAL_NAME), "tw.thuky"),
            }
            transaction.set_rollback(True)


@pytest.fixture
def province(demo, db):
    return demo["province"]


@pytest.fixture
def central(demo, db):
    return demo["central"]


def _pages(path) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text()) for page in PdfReader(path).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _body_and_annex(pages: list[str]) -> tuple[str, str]:
    start = next(n for n, page in enumerate(pages) if "PHỤ LỤC I" in page)
    return "\n".join(pages[:start]), "\n".join(pages[start:])


def _state_on(lead: Assignment, day: date) -> ProgressUpdate | None:
    """The lead's last progress entry recorded by the end of ``day`` and effective by then."""
    entries = ProgressUpdate.objects.filter(
        assignment=lead, created_at__lt=end_of(day), effective_date__lte=day
    )
    return entries.order_by("-created_at", "-id").first()


def test_body_groups_the_communes_in_one_row_with_their_sums(province):
    """135 communes' People's Committees lead one task each: one row "UBND các xã, phường
    (135)" whose figures are recomputed here from each lead's entries by 30/09/2025."""
    leads = Assignment.objects.filter(
        task__committee=province.committee,
        role=Assignment.Role.LEAD,
        agency__kind=Agency.Kind.COMMUNE,
    ).select_related("task")
    completed = on_time = overdue = 0
    for lead in leads:
        last = _state_on(lead, Q3_END)
        due = lead.due_date or lead.task.due_date
        if last is not None and last.status == Status.COMPLETED:
            completed += 1
            on_time += due is None or last.effective_date <= due
        elif due is not None and due < Q3_END:
            overdue += 1
    communes = len({lead.agency_id for lead in leads})
    expected = (communes, leads.count(), completed, overdue)
    assert expected == (135, 135, 97, 38)  # the figures
    body, annex = _body_and_annex(_pages(province.pdf.path))
    match = GROUP.search(_flat(body))
    assert match and tuple(int(n) for n in match.groups()) == expected
    group = next(row for row in presented(province.snapshot)["agencies"] if row.get("group"))
    assert group["on_time_rate"] == round(100 * on_time / leads.count(), 1)
    # No commune has its own row in the body any more; the annex lists each once.
    assert COMMUNE_ROW.findall(body) == []
    assert len(re.findall(r"^\d+ UBND (?:xã|phường) ", annex, re.MULTILINE)) == 135


def test_grouping_keeps_the_departments_by_name_and_the_order_slowest_first():
    rows = [
        {"agency": "SNV", "kind": "department", "led": 4, "completed": 1, "on_time": 1}
        | {"overdue": 3, "urges": 2, "extensions": 0, "on_time_rate": 25.0},
        {"agency": "UBND xã A", "kind": "commune", "led": 1, "completed": 0, "on_time": 0}
        | {"overdue": 1, "urges": 1, "extensions": 1, "on_time_rate": 0.0},
        {"agency": "UBND xã B", "kind": "commune", "led": 2, "completed": 2, "on_time": 1}
        | {"overdue": 0, "urges": 0, "extensions": 0, "on_time_rate": 50.0},
        {"agency": "STC", "kind": "department", "led": 1, "completed": 1, "on_time": 1}
        | {"overdue": 0, "urges": 0, "extensions": 0, "on_time_rate": 100.0},
    ]
    body, annex = grouped_agencies(rows)
    assert [row["agency"] for row in body] == ["SNV", "UBND các xã, phường (2)", "STC"]
    group = body[1]
    assert (group["led"], group["completed"], group["overdue"]) == (3, 2, 1)
    assert (group["urges"], group["extensions"], group["on_time_rate"]) == (1, 1, 33.3)
    assert [row["agency"] for row in annex] == ["UBND xã A", "UBND xã B"]
    assert grouped_agencies(rows[:1]) == (rows[:1], [])  # no commune, no group, no annex


def test_annexes_close_the_pdf_with_their_own_titles(province):
    pages = _pages(province.pdf.path)
    body, annex = _body_and_annex(pages)
    text = _flat(annex)
    assert "PHỤ LỤC I KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG" in text
    assert "PHỤ LỤC II ĐẦU TƯ HẠ TẦNG CÔNG NGHỆ THÔNG TIN THEO XÃ, PHƯỜNG" in text
    assert text.count("(Kèm theo Báo cáo ngày") == 2 and "Đơn vị tính: đồng" in text
    assert "Phụ lục I kèm theo Báo cáo này" in _flat(body)
    assert "Phụ lục II kèm theo Báo cáo này" in _flat(body)
    # The investment table by commune left the body for Phụ lục II.
    communes = province.snapshot["communes"]["by_commune"]
    assert len(communes) == 126
    assert all(f"{row['commune']} ({row['requests']})" not in body for row in communes)
    assert all(f"{row['commune']} ({row['requests']})" in annex for row in communes)


def test_docx_has_the_group_row_and_the_annexes(province):
    document = Document(province.docx.path)
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [" ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    )
    assert "UBND các xã, phường (135) 135 97 38" in text
    assert "PHỤ LỤC I" in text and "PHỤ LỤC II" in text
    assert "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG" in text
    annex = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert len(annex.rows) == 136  # header and the 135 communes
    assert "III. KẾT QUẢ CỦA CÁC BAN CHỈ ĐẠO CẤP DƯỚI" in text  # Pleiku ward below Gia Lai
    assert "IV. NHIỆM VỤ HOÀN THÀNH TRONG KỲ" in text


def test_workbook_has_the_annexes_and_the_roll_up_as_sheets(province):
    workbook = load_workbook(province.xlsx.path)
    names = workbook.sheetnames
    assert names[-2:] == ["Phụ lục I - UBND xã, phường", "Phụ lục II - Đầu tư theo xã"]
    assert "Ban Chỉ đạo cấp dưới" in names and "Theo xã, phường" not in names
    agencies = list(workbook["Theo cơ quan"].values)
    assert ("UBND các xã, phường (135)", 135, 97, 38) in [row[:4] for row in agencies]
    assert not any(str(row[0]).startswith("UBND xã ") for row in agencies)
    assert len(list(workbook["Phụ lục I - UBND xã, phường"].values)) == 136
    money = workbook["Phụ lục II - Đầu tư theo xã"]
    assert money.freeze_panes == "A2" and money["C1"].value == "Đề nghị (đồng)"
    assert money["C2"].number_format == "#,##0" and isinstance(money["C2"].value, int)
    assert workbook["Ban Chỉ đạo cấp dưới"]["E2"].number_format == "0.0%"


def _subtree(committee: Committee) -> list[int]:
    """The committee and those below it, from the parent links (three levels)."""
    ids = Committee.objects.filter(
        Q(pk=committee.pk) | Q(parent=committee) | Q(parent__parent=committee)
    )
    return list(ids.values_list("pk", flat=True))


def test_central_report_rolls_the_provinces_up_as_of_the_quarter_end(central):
    """Each province's row, recomputed here from its own subtree's register replayed to
    30/09/2025 and from the central tasks its agency leads (its progress entries by then)."""
    provinces = Committee.objects.filter(parent=central.committee).order_by("name")
    assert provinces.count() == 2
    rows = {row["committee"]: row for row in central.snapshot["below"]}
    assert set(rows) == {province.agency.name for province in provinces}  # "Tỉnh Gia Lai"
    text = _flat("\n".join(_pages(central.pdf.path)))
    assert "KẾT QUẢ CỦA CÁC BAN CHỈ ĐẠO CẤP DƯỚI" in text
    for province in provinces:
        summary = summary_as_of(Task.objects.filter(committee__in=_subtree(province)), Q3_END)
        base = summary.total - summary.statuses[Status.CANCELLED]
        on_time = round(100 * summary.counts[Category.COMPLETED_ON_TIME] / base, 1)
        leads = Assignment.objects.filter(
            task__committee=central.committee,
            task__created_at__lt=end_of(Q3_END),
            agency=province.agency,
            role=Assignment.Role.LEAD,
        )
        done = 0
        for lead in leads:
            last = _state_on(lead, Q3_END)
            done += last is not None and last.status == Status.COMPLETED
        row = rows[province.agency.name]
        assert row["tasks"] == summary.total > 0
        assert (row["completed"], row["overdue"]) == (summary.completed, summary.overdue)
        assert row["on_time_rate"] == on_time
        assert (row["assigned"], row["assigned_completed"]) == (leads.count(), done)
        assert leads.count() > 0
        assert (
            f"{province.agency.name} {row['tasks']} {row['completed']} {row['overdue']} "
            f"{str(row['on_time_rate']).replace('.', ',').removesuffix(',0')}"
        ) in text


def test_long_tables_render_in_parts_merged_with_continuous_page_numbers(province, tmp_path):
    """700 more communes and 600 more completed tasks: the document is cut into parts laid out
    one by one; the merged PDF has their pages' sum, every page from the 2nd prints its own
    number at the top (the last one too), and sections number on across the cuts."""
    snapshot = dict(province.snapshot)
    commune = next(row for row in snapshot["agencies"] if row["kind"] == Agency.Kind.COMMUNE)
    extra = [commune | {"agency": f"UBND xã Thêm {n:03d}"} for n in range(700)]
    snapshot["agencies"] = snapshot["agencies"] + extra
    snapshot["completed_tasks"] = snapshot["completed_tasks"] * 9
    generated_at = timezone.now()
    pieces = parts(render_html(snapshot, generated_at))
    assert len(pieces) >= 4
    expected = sum(len(HTML(string=head + body).render().pages) for head, body, _ in pieces)
    pdf, pages = render_pdf(snapshot, generated_at)
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert pages == len(texts) == expected
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    for number in range(2, pages + 1):  # the number at the top, read in layout order
        top = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        assert top == str(number)
    text = _flat(unicodedata.normalize("NFC", "\n".join(texts)))
    assert "V. NHIỆM VỤ QUÁ HẠN" in text and "UBND các xã, phường (835)" in text
    assert "UBND xã Thêm 699" in text


def test_docx_of_a_report_without_communes_has_no_annex(province):
    snapshot = {
        **province.snapshot,
        "agencies": [r for r in province.snapshot["agencies"] if r["kind"] != "commune"],
        "communes": None,
        "below": [],
    }
    document = Document(io.BytesIO(render_docx(snapshot)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "PHỤ LỤC" not in text and "III. NHIỆM VỤ HOÀN THÀNH TRONG KỲ" in text
