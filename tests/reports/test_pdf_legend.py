"""Agencies' short names in the report are spelled out in a legend after the agency table."""

import io
import unicodedata

from pypdf import PdfReader

from tests.reports.conftest import Q3_END, Q3_START, at


def _text(report) -> str:
    with report.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_short_names_are_explained_after_the_agency_table(register, request_q3):
    with at(Q3_END):
        report = request_q3()
    assert report.snapshot["abbreviations"] == {
        "SNV": "Sở Nội vụ",
        "Sở KH&CN": "Sở Khoa học và Công nghệ",
    }
    text = _text(report)
    legend = "Chữ viết tắt: SNV: Sở Nội vụ; Sở KH&CN: Sở Khoa học và Công nghệ."
    assert legend in text
    assert text.index("KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ") < text.index(legend)
    assert text.index(legend) < text.index("NHIỆM VỤ HOÀN THÀNH TRONG KỲ")


def test_no_legend_when_agencies_have_no_short_names(register, request_q3, agency_a, agency_b):
    agency_a.short_name = agency_b.short_name = ""
    agency_a.save()
    agency_b.save()
    with at(Q3_END):
        report = request_q3()
    assert report.snapshot["abbreviations"] == {}
    assert "Chữ viết tắt" not in _text(report)


def test_communes_share_one_entry_for_ubnd(register, request_q3, make_task, commune_agency):
    with at(Q3_START):
        make_task("Số hóa hồ sơ cấp xã", leads=[commune_agency], deadline="31/08/2025")
    with at(Q3_END):
        report = request_q3()
    legend = report.snapshot["abbreviations"]
    assert legend["UBND"] == "Ủy ban nhân dân" and "UBND phường Pleiku" not in legend
    assert "UBND: Ủy ban nhân dân" in _text(report)
