"""The editable .docx of a report: the same text as the PDF, downloaded like the other files."""

import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from reports.docx import render_docx
from steering.authz import Role
from tests.factories import make_user


@pytest.fixture
def report(register, request_q3):
    return request_q3()


def text_of(document) -> str:
    """Every paragraph and table cell, in order, on one line."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_docx_says_what_the_pdf_says(report):
    assert report.docx.name.endswith(".docx")
    document = Document(report.docx.path)
    text = text_of(document)
    for phrase in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/BC-BCĐ",
        "BÁO CÁO",
        "Kết quả thực hiện Nghị quyết số 57-NQ/TW quý III năm 2025",
        "Tính đến hết ngày 30/09/2025, Ban Chỉ đạo theo dõi 3 nhiệm vụ",
        "đã hoàn thành 1 nhiệm vụ",
        "có 1 nhiệm vụ quá hạn",
        "Tổng số nhiệm vụ 0 3 +3",
        "Cấp chữ ký số cho cán bộ",
        "Chữ viết tắt: SNV: Sở Nội vụ; Sở KH&CN: Sở Khoa học và Công nghệ.",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TRƯỞNG BAN",
        "Nguyễn Văn Trưởng",
    ]:
        assert phrase in text, phrase
    overdue = report.snapshot["overdue_tasks"][0]
    assert f"31/08/2025 ({overdue['days']} ngày)" in text


def test_communes_and_indicators_sections_are_numbered_on_from_vi(report):
    """A province's report adds the communes' investment and the indicators before the
    meetings, money in the official style as the PDF prints it."""
    money = {"requested": 263_300_000_000, "approved": 2_000_000, "allocated": 0, "disbursed": 0}
    snapshot = {
        **report.snapshot,
        "communes": {
            "totals": {"communes": 2, "requests": 3, **money},
            "programmes": [
                {"name": "Chương trình chuyển đổi số", "decision_number": "1520/QĐ-UBND"}
                | {"total": 5_000_000, "allocated": 0, "disbursed": 0, "remaining": 5_000_000}
            ],
            "by_status": [{"status": "Đã phê duyệt", "requests": 1, "requested": 2_000_000}],
            "by_commune": [{"commune": "Phường Pleiku", "requests": 3, **money}],
        },
        "indicators": [
            {"name": "Tỷ lệ hồ sơ trực tuyến", "unit": "%", "target": 80, "actual": 44.05}
            | {"rate": 55.06, "met": False}
        ],
    }
    text = text_of(Document(io.BytesIO(render_docx(snapshot))))
    for phrase in [
        "VI. ĐẦU TƯ HẠ TẦNG CÔNG NGHỆ THÔNG TIN CẤP XÃ",
        "tổng kinh phí đề nghị 263,3 tỷ đồng",
        "Đơn vị tính: đồng",
        "1520/QĐ-UBND 5.000.000",
        "Phường Pleiku (3) 263.300.000.000",
        "VII. CHỈ TIÊU",
        "Tỷ lệ hồ sơ trực tuyến % 80 44,05 55,06 Chưa đạt",
        "VIII. CÁC PHIÊN HỌP CỦA BAN CHỈ ĐẠO TRONG KỲ",
    ]:
        assert phrase in text, phrase


def test_docx_is_an_a4_page_in_times_new_roman_with_repeated_table_headers(report):
    document = Document(report.docx.path)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin]
    margins = [round(margin.mm) for margin in [*margins, section.right_margin]]
    assert 20 <= margins[0] <= 25 and 20 <= margins[1] <= 25
    assert 30 <= margins[2] <= 35 and 15 <= margins[3] <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    data = [table for table in document.tables if len(table.columns) > 2]  # not the blocks
    repeated = [table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for table in data]
    assert repeated and all(repeated)


def test_leader_downloads_the_docx_and_another_provinces_leader_gets_404(
    client_for, secretariat, leader, report, other_committee
):
    url = reverse("report_download", args=[report.pk, "docx"])
    response = client_for(leader).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="bao-cao-nq57-quy-3-2025.docx"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert "BÁO CÁO" in text_of(Document(io.BytesIO(body)))
    row = client_for(secretariat).get(reverse("report_status", args=[report.pk])).content
    assert url.encode() in row
    outsider = make_user("outsider", Role.LEADER, other_committee)
    assert client_for(outsider).get(url).status_code == 404
