"""The report's header block and closing (recipients, signature) as text, from the snapshot.

The .docx writes them from here; the PDF template still writes the same text itself
(reports/templates/reports/pdf/report.html) until the header is switched per committee.
"""

from dataclasses import dataclass

from reports.templatetags.report_tags import long_date


@dataclass(frozen=True)
class Letterhead:
    parent_body: str
    issuing_body: str
    number: str
    motto: str
    motto_2: str
    place_date: str
    title: str
    subtitle: str
    recipients: list[str]
    signer_title: str
    signer_name: str


def letterhead(r: dict) -> Letterhead:
    """The State format of Decree 30/2020/ND-CP, as the PDF prints it."""
    committee, signer = r["committee"], r["signer"] or {}
    recipients = [f"- {committee['parent']} (để báo cáo);"] if committee["parent"] else []
    recipients += [
        "- Các thành viên Ban Chỉ đạo;",
        "- Các cơ quan, đơn vị chủ trì nhiệm vụ;",
        "- Lưu: VT.",
    ]
    return Letterhead(
        parent_body=committee["issuer_parent"].upper(),
        issuing_body=committee["name"].upper(),
        number="Số:       /BC-BCĐ",
        motto="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        motto_2="Độc lập - Tự do - Hạnh phúc",
        place_date=f"{committee['place'] or '........'}, {long_date(r['date'])}",
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện Nghị quyết số 57-NQ/TW {r['period']['label']}",
        recipients=recipients,
        signer_title=signer.get("title") or "TRƯỞNG BAN",
        signer_name=signer.get("name", ""),
    )
