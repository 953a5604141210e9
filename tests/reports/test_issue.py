"""Issuing a report: its number and date printed once, its files frozen (SHA-256), corrections
as new versions naming the one they replace; only the committee's own secretariat issues."""

import hashlib
import io
import subprocess
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from docx import Document

from jobs.services import job_enqueue, job_execute
from reports import services
from reports.models import Report
from steering.authz import Role
from steering.models import Member
from tests.factories import MemberFactory, make_user
from tests.reports.conftest import at
from tests.reports.test_demo_report import ARTIFACTS

ISSUED_ON = date(2025, 10, 6)
TODAY = date(2025, 10, 8)


def pdf_text(data: bytes) -> str:
    """The PDF's text as pdftotext reads it, on one line."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def stored(report: Report, fmt: str) -> bytes:
    with getattr(report, fmt).open("rb") as file:
        return file.read()


@pytest.fixture
def party(committee):
    """The committee issues Party documents, as the demo's province does."""
    committee.document_format = "party"
    committee.superior_body = "TỈNH ỦY GIA LAI"
    committee.save()
    return committee


@pytest.fixture
def draft(register, party, request_q3):
    return request_q3()


@pytest.fixture
def issue(client_for, secretariat, django_capture_on_commit_callbacks):
    """``issue(report, number=12, day=..., signer=None)``: the secretariat issues it on the
    page; the job runs when the request commits. Returns the response."""

    def post(report, number=12, day=ISSUED_ON, signer=None, user=None):
        signer = signer or Member.objects.get(committee=report.committee, role=Member.Role.HEAD)
        data = {"number": number, "issued_on": f"{day:%d/%m/%Y}", "signer": signer.pk}
        with at(TODAY), django_capture_on_commit_callbacks(execute=True):
            return client_for(user or secretariat).post(
                reverse("report_issue", args=[report.pk]), data
            )

    return post


def test_a_draft_leaves_number_and_day_blank_in_the_party_format(draft):
    text = pdf_text(stored(draft, "pdf"))
    for phrase in [
        "TỈNH ỦY GIA LAI",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN CHỈ ĐẠO TỈNH",
        "*",
        "Số -BC/BCĐ",
        "BÁO CÁO",
        "T/M BAN CHỈ ĐẠO",
        "TRƯỞNG BAN",
        "Nguyễn Văn Trưởng",
        "- Lưu Văn phòng Ban Chỉ đạo.",
    ]:
        assert phrase in text, phrase
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    assert "Độc lập - Tự do - Hạnh phúc" not in text
    assert draft.number is None and not draft.frozen and draft.pdf_sha256 == ""


def test_a_state_committee_prints_the_decree_30_header(register, request_q3):
    report = request_q3()  # the test committee keeps the default: State format
    text = pdf_text(stored(report, "pdf"))
    for phrase in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /BC-BCĐ",
        "TM. BAN CHỈ ĐẠO",
        "TRƯỞNG BAN",
        "- Lưu: VT.",
    ]:
        assert phrase in text, phrase
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text and "T/M" not in text
    word = docx_text(stored(report, "docx"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in word and "TM. BAN CHỈ ĐẠO" in word
    ARTIFACTS.mkdir(exist_ok=True)  # the first page, to look at
    target = ARTIFACTS / "report-state-format-page1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"]
        + [report.pdf.path, str(target)],
        check=True,
    )


def test_issuing_prints_the_number_and_freezes_the_files(draft, issue, client_for, secretariat):
    response = issue(draft)
    assert response.status_code == 302
    report = Report.objects.get(pk=draft.pk)
    assert report.status == Report.Status.DONE and report.frozen
    assert (report.number, report.issued_on, report.symbol) == (12, ISSUED_ON, "BCĐ")
    assert report.snapshot == draft.snapshot  # the figures are the draft's, never recomputed
    text = pdf_text(stored(report, "pdf"))
    assert "Số 12-BC/BCĐ" in text
    assert "ngày 06 tháng 10 năm 2025" in text
    assert "T/M BAN CHỈ ĐẠO" in text and "TRƯỞNG BAN" in text
    word = docx_text(stored(report, "docx"))
    for phrase in ["ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY GIA LAI", "Số 12-BC/BCĐ", "T/M BAN CHỈ ĐẠO"]:
        assert phrase in word, phrase
    client = client_for(secretariat)
    for fmt in ("pdf", "xlsx", "docx"):
        digest = getattr(report, f"{fmt}_sha256")
        assert digest == hashlib.sha256(stored(report, fmt)).hexdigest()
        response = client.get(reverse("report_download", args=[report.pk, fmt]))
        downloaded = b"".join(response.streaming_content)
        assert hashlib.sha256(downloaded).hexdigest() == digest
    assert "-so-12" in report.pdf.name and report.pdf.name.endswith(".pdf")


def test_an_issued_report_is_never_rendered_again(
    draft, issue, client_for, secretariat, django_capture_on_commit_callbacks
):
    issue(draft)
    report = Report.objects.get(pk=draft.pk)
    before = {fmt: stored(report, fmt) for fmt in ("pdf", "xlsx", "docx")}
    names = (report.pdf.name, report.xlsx.name, report.docx.name)
    with pytest.raises(services.ReportFrozen):
        services.report_render(report, lambda percent: None)
    with pytest.raises(services.ReportFrozen):
        services.report_issue_render(report, lambda percent: None)
    with pytest.raises(services.ReportFrozen):
        report.perform(lambda percent: None)
    with pytest.raises(services.ReportFrozen):
        services.report_issue(
            report=report, number=99, issued_on=TODAY, signer=None, user=secretariat
        )
    assert not report.can_retry and services.report_retry(report=report).frozen
    client = client_for(secretariat)
    assert client.post(reverse("report_retry", args=[report.pk])).status_code == 302
    assert client.get(reverse("report_issue", args=[report.pk])).status_code == 404
    # Forced through the job lifecycle, the job refuses and the files stay.
    with django_capture_on_commit_callbacks(execute=False):
        job_enqueue(report, send=False)
    job_execute("reports.Report", report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert (
        report.error == "Báo cáo này đã được ban hành; các tệp của báo cáo không bao giờ thay đổi."
    )
    assert (report.pdf.name, report.xlsx.name, report.docx.name) == names
    for fmt, content in before.items():
        assert stored(report, fmt) == content
        assert hashlib.sha256(content).hexdigest() == getattr(report, f"{fmt}_sha256")
    response = client.get(reverse("report_download", args=[report.pk, "pdf"]))
    assert b"".join(response.streaming_content) == before["pdf"]


def test_a_deputy_signs_on_behalf_of_the_head(draft, issue, committee):
    deputy = MemberFactory(
        committee=committee, full_name="Lê Thị Phó", role=Member.Role.DEPUTY_HEAD
    )
    issue(draft, signer=deputy)
    report = Report.objects.get(pk=draft.pk)
    text = pdf_text(stored(report, "pdf"))
    assert "K/T TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN" in text and "Lê Thị Phó" in text
    assert "T/M BAN CHỈ ĐẠO" not in text and "Nguyễn Văn Trưởng" not in text


def test_a_state_deputy_signs_tm_and_kt(register, request_q3, issue, committee):
    deputy = MemberFactory(
        committee=committee, full_name="Lê Thị Phó", role=Member.Role.DEPUTY_HEAD
    )
    report = request_q3()
    issue(report, number=3, signer=deputy)
    text = pdf_text(stored(Report.objects.get(pk=report.pk), "pdf"))
    assert "Số: 3/BC-BCĐ" in text
    assert "TM. BAN CHỈ ĐẠO" in text and "KT. TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN" in text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"number": ""}, "Hãy nhập số của báo cáo."),
        ({"number": "0"}, None),
        ({"issued_on": ""}, "Hãy nhập ngày ban hành."),
        ({"issued_on": "09/10/2025"}, "Không thể ban hành báo cáo vào một ngày trong tương lai."),
        ({"issued_on": "29/09/2025"}, "Không thể ban hành báo cáo trước khi kỳ báo cáo kết thúc"),
    ],
)
def test_the_form_says_what_is_wrong_in_vietnamese(draft, client_for, secretariat, data, error):
    head = Member.objects.get(committee=draft.committee, role=Member.Role.HEAD)
    form = {"number": "12", "issued_on": "06/10/2025", "signer": head.pk, **data}
    with at(TODAY):
        response = client_for(secretariat).post(reverse("report_issue", args=[draft.pk]), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="invalid-feedback d-block"' in page
    if error:
        assert error in page
    draft.refresh_from_db()
    assert draft.number is None and not draft.frozen


def test_a_number_is_used_once_per_committee_and_year(
    draft, issue, request_q3, client_for, secretariat
):
    issue(draft)
    second = request_q3()
    response = issue(second)  # 12 again, the same year
    assert response.status_code == 400
    assert "Số 12 năm 2025 đã được dùng cho một báo cáo khác." in response.content.decode()
    assert issue(second, number=13).status_code == 302
    # The database holds the rule too, whatever the form says.
    third = request_q3()
    third.number, third.issued_on, third.symbol = 12, ISSUED_ON, "BCĐ"
    with pytest.raises(IntegrityError), transaction.atomic():
        third.save()


def test_a_correction_names_the_report_it_replaces(
    draft, issue, client_for, secretariat, django_capture_on_commit_callbacks
):
    issue(draft)
    client = client_for(secretariat)
    with at(TODAY), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("report_correct", args=[draft.pk]))
    assert response.status_code == 302
    correction = Report.objects.get(replaces=draft)
    assert correction.status == Report.Status.DONE and correction.number is None
    assert (correction.period_start, correction.period_end) == (
        draft.period_start,
        draft.period_end,
    )
    text = pdf_text(stored(correction, "pdf"))
    assert "(Thay thế Báo cáo Số 12-BC/BCĐ ngày 06/10/2025)" in text
    # Asking again returns the draft already being prepared.
    with at(TODAY), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("report_correct", args=[draft.pk]))
    assert Report.objects.filter(replaces=draft).count() == 1
    page = client.get(reverse("report_list")).content.decode()
    assert "Dự thảo" in page and "Đính chính Số 12-BC/BCĐ" in page
    assert issue(correction, number=13).status_code == 302
    with at(TODAY):  # the session was opened on that day
        page = client_for(secretariat).get(reverse("report_list")).content.decode()
    assert "Đã được thay thế" in page
    assert "Được thay thế bởi Số 13-BC/BCĐ ngày 06/10/2025" in page
    assert "Đã ban hành" in page and "Số 13-BC/BCĐ ngày 06/10/2025" in page
    with at(TODAY):
        old = client_for(secretariat).get(reverse("report_download", args=[draft.pk, "pdf"]))
    assert old.status_code == 200  # still downloadable, marked replaced in the list


def test_only_the_reports_own_secretariat_issues(
    draft, client_for, leader, officer_a, other_committee, central_secretariat, issue
):
    stranger = make_user("other_secretariat", Role.SECRETARIAT, other_committee, None)
    for user in (leader, officer_a, stranger, central_secretariat):
        client = client_for(user)
        assert client.get(reverse("report_issue", args=[draft.pk])).status_code in (403, 404)
        assert issue(draft, user=user).status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.number is None and not draft.frozen
    with pytest.raises(Exception) as denied:
        services.report_issue(
            report=draft, number=1, issued_on=ISSUED_ON, signer=None, user=central_secretariat
        )
    assert type(denied.value).__name__ == "PermissionDenied"


def test_correcting_is_the_reports_own_secretariats_too(
    draft, issue, client_for, leader, central_secretariat
):
    issue(draft)
    for user in (leader, central_secretariat):
        response = client_for(user).post(reverse("report_correct", args=[draft.pk]))
        assert response.status_code in (403, 404)
    assert not Report.objects.filter(replaces=draft).exists()
