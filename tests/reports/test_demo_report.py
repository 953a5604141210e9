"""The Q3/2025 report of the demo province: the PDF read back says what the database says."""

import hashlib
import io
import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook
from pypdf import PdfReader

from common.money import format_amount, format_vnd_short
from jobs.services import job_send
from reports import services
from reports.models import Report
from reports.selectors import presented
from steering.demo import GIA_LAI_NAME
from steering.models import Committee
from tasks.models import Assignment, Extension, ProgressUpdate, Task
from tasks.rules import end_of
from tasks.selectors import agency_table, summary_as_of

Q3_END = date(2025, 9, 30)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker):
    """Seed the demo and generate its Q3/2025 report once, rolled back after the module."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=io.StringIO())
            committee = Committee.objects.get(name=GIA_LAI_NAME)
            report = services.report_request(
                committee=committee,
                kind=Report.Kind.QUARTERLY,
                start=date(2025, 7, 1),
                end=Q3_END,
                user=get_user_model().objects.get(username="thuky"),
            )
            job_send("reports.Report", report.pk)  # on_commit never fires in this transaction
            report.refresh_from_db()
            yield report
            transaction.set_rollback(True)


@pytest.fixture
def report(demo_report, db):
    return demo_report


@pytest.fixture
def pages(report) -> list[str]:
    reader = PdfReader(report.pdf.path)
    return [unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_report_is_done_with_both_files(report):
    assert report.status == Report.Status.DONE and report.progress == 100
    assert report.pdf.name.endswith(".pdf") and report.xlsx.name.endswith(".xlsx")
    assert report.pages == len(PdfReader(report.pdf.path).pages) > 1


def test_pdf_figures_match_the_register_as_of_the_quarter_end(report, pages):
    summary = summary_as_of(Task.objects.filter(committee=report.committee), Q3_END)
    assert (summary.total, summary.completed, summary.in_progress, summary.not_started) == (
        147,
        76,
        68,
        3,
    )
    text = flat(pages[0])
    assert f"Ban Chỉ đạo theo dõi {summary.total} nhiệm vụ" in text
    assert f"đã hoàn thành {summary.completed} nhiệm vụ" in text
    assert f"đang triển khai {summary.in_progress} nhiệm vụ" in text
    assert f"chưa triển khai {summary.not_started} nhiệm vụ" in text
    assert f"có {summary.overdue} nhiệm vụ quá hạn" in text
    assert "tỷ lệ hoàn thành 51,7%" in text
    assert f"Tổng số nhiệm vụ {report.snapshot['summary']['total']['previous']} 147" in text


def test_agency_table_matches_the_dashboards_table_on_the_quarter_end(report, pages):
    """For the agencies whose lead work nobody touched after 30/09/2025 (the demo goes on to
    the seed day), the live table computed for that day and the report's table replayed from
    the log must agree row for row; every agency is in both."""
    tasks = Task.objects.filter(committee=report.committee)
    live = agency_table(tasks, Q3_END)

    def name(row):
        return row["agency__short_name"] or row["agency__name"]

    expected = {
        name(row): (row["led"], row["completed"], row["overdue"], row["on_time_rate"])
        for row in live
    }
    printed = {
        row["agency"]: (row["led"], row["completed"], row["overdue"], row["on_time_rate"])
        for row in report.snapshot["agencies"]
    }
    after_q3 = ProgressUpdate.objects.filter(
        assignment__task__in=tasks,
        assignment__role=Assignment.Role.LEAD,
        created_at__gte=end_of(Q3_END),
    ).values("assignment__agency__short_name", "assignment__agency__name")
    touched = {name({k.removeprefix("assignment__"): v for k, v in r.items()}) for r in after_q3}
    extended = Extension.objects.filter(assignment__task__in=tasks).values(
        "assignment__agency__short_name", "assignment__agency__name"
    )
    touched |= {name({k.removeprefix("assignment__"): v for k, v in r.items()}) for r in extended}
    assert set(printed) == set(expected)
    untouched = set(expected) - touched
    assert len(untouched) >= 10
    assert {k: printed[k] for k in untouched} == {k: expected[k] for k in untouched}
    overdue = [row["overdue"] for row in report.snapshot["agencies"]]
    assert overdue == sorted(overdue, reverse=True)  # slowest first
    slowest = report.snapshot["agencies"][0]
    assert re.search(
        rf"{re.escape(slowest['agency'])} {slowest['led']} {slowest['completed']} "
        rf"{slowest['overdue']}",
        flat(" ".join(pages)),
    )


def test_every_overdue_and_completed_task_is_listed(report, pages):
    text = flat(" ".join(pages))
    overdue = report.snapshot["overdue_tasks"]
    assert len(overdue) == report.snapshot["summary"]["overdue"]["value"] > 0
    for row in overdue:
        assert row["code"] in text and row["days"] > 0
    completed = report.snapshot["completed_tasks"]
    assert completed
    assert all("2025-07-01" <= row["completed_on"] <= "2025-09-30" for row in completed)
    for row in completed:
        assert row["code"] in text


def test_official_layout_and_vietnamese_text(report, pages):
    first = flat(pages[0])
    for phrase in [
        # The provincial committee is a Party body: Guidance 36-HD/VPTW.
        "TỈNH ỦY GIA LAI",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC",
        "Số -BC/BCĐ",  # a draft: the number is left blank
        "Gia Lai, ngày tháng năm",
        "BÁO CÁO",
        "Kết quả thực hiện Nghị quyết số 57-NQ/TW quý III năm 2025",
    ]:
        assert phrase in first, phrase
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in first
    text = flat(" ".join(pages))
    assert "Nơi nhận:" in text and "- Lưu Văn phòng Ban Chỉ đạo." in text
    assert "T/M BAN CHỈ ĐẠO TRƯỞNG BAN" in text and "Trần Minh Khoa" in text
    last = text  # the closing stands before the annexes (Phụ lục)
    assert "Báo cáo được lập tự động" in last and "số liệu tính đến hết ngày 30/09/2025" in last
    assert "Phiên họp giao nhiệm vụ triển khai Kế hoạch 02-KH/BCĐTW" in flat(" ".join(pages))


def top_text(page) -> tuple[str, float]:
    """The text drawn highest on the page and its x position (points from the left)."""
    items = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            items.append((cm[5] + tm[5] * cm[3], cm[4] + tm[4] * cm[0], text.strip()))

    page.extract_text(visitor_text=visit)
    _, x, text = max(items)
    return text, x


def test_page_numbers_centred_at_the_top_from_page_two(report):
    reader = PdfReader(report.pdf.path)
    assert not top_text(reader.pages[0])[0].isdigit()  # no number on the first page
    centre = (30 + (210 - 15)) / 2 * 72 / 25.4  # between the 30 mm and 15 mm margins
    for number in (2, len(reader.pages)):
        text, x = top_text(reader.pages[number - 1])
        assert text == str(number)
        assert abs(x + 3.3 * len(text) - centre) < 4


def test_table_headers_repeat_on_the_next_page(report, pages):
    """Phụ lục I (a row per commune) runs over several pages; its header starts each."""
    header = "STT Cơ quan chủ trì Chủ trì Hoàn thành Quá hạn Tỷ lệ đúng hạn (%)"
    first = next(i for i, page in enumerate(pages) if re.search(r"PHỤ LỤC I(?!I)", page))
    last = next(i for i, page in enumerate(pages) if "PHỤ LỤC II" in page)
    annex = pages[first:last]
    assert len(annex) >= 2
    assert all(header in flat(page) for page in annex)


def test_a4_with_the_serif_font_embedded(report):
    reader = PdfReader(report.pdf.path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    fonts = set()
    for page in reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts <= {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }


def test_workbook_has_one_sheet_per_table(report):
    workbook = load_workbook(report.xlsx.path, read_only=True)
    assert workbook.sheetnames[:6] == [
        "Tổng hợp",
        "Theo lĩnh vực",
        "Theo cơ quan",
        "Hoàn thành trong kỳ",
        "Quá hạn",
        "Đến hạn kỳ tới",
    ]
    assert workbook.sheetnames[-3:] == [  # the annexes last
        "Phiên họp",
        "Phụ lục I - UBND xã, phường",
        "Phụ lục II - Đầu tư theo xã",
    ]
    rows = list(workbook["Tổng hợp"].values)
    assert rows[-2][0] == "Tổng số nhiệm vụ" and rows[-2][2] == 147
    assert len(list(workbook["Quá hạn"].values)) == len(report.snapshot["overdue_tasks"]) + 1


def test_money_is_written_in_dong_and_decision_numbers_do_not_wrap(report, pages):
    text = "\n".join(pages)
    assert "₫" not in text and "Đơn vị tính: đồng" in text
    totals = report.snapshot["communes"]["totals"]
    assert f"tổng kinh phí đề nghị {format_vnd_short(totals['requested'])}" in flat(text)
    programmes = report.snapshot["communes"]["programmes"]
    lines = text.splitlines()
    for programme in programmes:
        assert any(programme["decision_number"] in line for line in lines)
        assert any(format_amount(programme["total"]) in line for line in lines)


def test_workbook_formats_money_and_rates_and_freezes_the_header(report):
    workbook = load_workbook(report.xlsx.path)
    assert all(sheet.freeze_panes == "A2" for sheet in workbook.worksheets)
    programmes = workbook["Nguồn kinh phí"]
    assert programmes["C1"].value == "Tổng kinh phí (đồng)"
    assert programmes["C2"].number_format == "#,##0" and isinstance(programmes["C2"].value, int)
    rate = workbook["Theo cơ quan"]["E2"]
    assert rate.number_format == "0.0%"
    first = presented(report.snapshot)["agencies"][0]  # the body's rows, communes grouped
    assert rate.value == pytest.approx(first["on_time_rate"] / 100)
    tasks = workbook["Quá hạn"]
    widths = {column: tasks.column_dimensions[column].width for column in "ABCDEF"}
    longest_code = max(len(str(cell.value)) for cell in tasks["A"])
    assert longest_code < widths["A"] <= longest_code + 3 < widths["B"]


def test_first_pages_rendered_to_png_for_a_look(report):
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / "report-q3-2025"
    for page in (1, 2):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile"]
            + [report.pdf.path, f"{stem}-page{page}"],
            check=True,
        )
        assert Path(f"{stem}-page{page}.png").stat().st_size > 10_000


def test_communes_section_adds_up_to_the_money_recorded_by_the_quarter_end(report, pages):
    from django.db.models import Sum

    from communes.models import Allocation, Disbursement

    communes = report.snapshot["communes"]
    assert communes is not None and communes["totals"]["communes"] > 0
    allocations = Allocation.objects.filter(request__commune__committee=report.committee)
    disbursements = Disbursement.objects.filter(allocation__in=allocations)
    allocated = allocations.filter(decided_on__lte=Q3_END).aggregate(s=Sum("amount"))["s"]
    disbursed = disbursements.filter(paid_on__lte=Q3_END).aggregate(s=Sum("amount"))["s"]
    assert communes["totals"]["allocated"] == (allocated or 0)
    assert communes["totals"]["disbursed"] == (disbursed or 0)


def test_indicators_section_prints_each_indicator_as_recorded_by_the_quarter_end(report, pages):
    from common.numbers import format_number
    from steering.selectors import indicators_as_of

    text = flat(" ".join(pages))
    rows = indicators_as_of(report.committee, Q3_END)
    assert len(rows) == len(report.snapshot["indicators"]) == 5
    for row in rows:
        figures = [format_number(row[key]) for key in ("target", "actual", "achievement")]
        verdict = "Đạt" if row["met"] else "Chưa đạt"
        assert f"{row['name']} {row['unit']} {' '.join(figures)} {verdict}" in text, row["code"]
    assert "Số hồ sơ hộ tịch được số hóa hồ sơ 2.900.000 2.900.000 100 Đạt" in text
    assert "2.025.000 1.620.000 80 Chưa đạt" in text


def test_the_demo_report_issued_as_number_12(report):
    """Issued as "Số 12-BC/BCĐ" (a copy of the module's draft, rolled back after the test): the
    number and date in the PDF's and the .docx's Party header, the figures unchanged, each
    file's SHA-256 stored; the issued pages rendered to PNG for a look."""
    from docx import Document as WordDocument

    secretary = get_user_model().objects.get(username="thuky")
    copy = Report.objects.create(
        committee=report.committee,
        kind=report.kind,
        period_start=report.period_start,
        period_end=report.period_end,
        as_of=report.as_of,
        requested_by=secretary,
        status=Report.Status.DONE,
        snapshot=report.snapshot,
    )
    issued = services.report_issue(
        report=copy, number=12, issued_on=date(2025, 10, 10), signer=None, user=secretary
    )
    job_send("reports.Report", issued.pk)  # on_commit never fires in this transaction
    issued.refresh_from_db()
    assert issued.frozen and issued.status == Report.Status.DONE
    text = subprocess.run(
        ["pdftotext", "-layout", issued.pdf.path, "-"], capture_output=True, check=True
    ).stdout.decode()
    pages = [flat(page) for page in text.split("\f") if page.strip()]
    first = pages[0]
    closing = next(page for page in pages if "Nơi nhận:" in page)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first and "TỈNH ỦY GIA LAI" in first
    assert "Số 12-BC/BCĐ" in first and "Gia Lai, ngày 10 tháng 10 năm 2025" in first
    assert "Ban Chỉ đạo theo dõi 147 nhiệm vụ" in first and "đã hoàn thành 76 nhiệm vụ" in first
    assert "đang triển khai 68 nhiệm vụ" in first and "chưa triển khai 3 nhiệm vụ" in first
    assert "T/M BAN CHỈ ĐẠO" in closing and "TRƯỞNG BAN" in closing
    assert "Trần Minh Khoa" in closing
    document = WordDocument(issued.docx.path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    word = flat(" ".join([p.text for p in document.paragraphs] + cells))
    for phrase in ["ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY GIA LAI", "Số 12-BC/BCĐ", "T/M BAN CHỈ ĐẠO"]:
        assert phrase in word, phrase
    assert "Ban Chỉ đạo theo dõi 147 nhiệm vụ" in word
    for fmt in ("pdf", "xlsx", "docx"):
        content = Path(getattr(issued, fmt).path).read_bytes()
        assert hashlib.sha256(content).hexdigest() == getattr(issued, f"{fmt}_sha256")
    ARTIFACTS.mkdir(exist_ok=True)
    signed = pages.index(closing) + 1
    for page, name in ((1, "first"), (signed, "signed"), (issued.pages, "last")):
        target = ARTIFACTS / f"report-q3-2025-so-12-{name}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile"]
            + [issued.pdf.path, str(target)],
            check=True,
        )
        assert Path(f"{target}.png").stat().st_size > 10_000
