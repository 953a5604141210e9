"""The report's header block and closing (recipients, signature) as text: the one source the PDF
(reports/templates/reports/pdf/_header.html, _closing.html) and the .docx (reports/docx.py) print.

Two formats, chosen per committee (``Committee.document_format``, copied into the snapshot):

- Party documents, Guidance 36-HD/VPTW (03/04/2018) of the Party Central Office: "ĐẢNG CỘNG SẢN
  VIỆT NAM" top right with a rule of its length below; top left the superior body, the issuing
  body in bold and an asterisk; "Số 12-BC/BCĐ"; the place and date in italics; the signature
  "T/M BAN CHỈ ĐẠO / TRƯỞNG BAN" ("K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN" when a deputy signs);
  recipients separated by commas, ending "- Lưu Văn phòng ...".
- State documents, Decree 30/2020/ND-CP (Appendix I): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM /
  Độc lập - Tự do - Hạnh phúc" with a rule; the superior and issuing bodies with a rule;
  "Số: 12/BC-BCĐ"; the signature "TM. BAN CHỈ ĐẠO / TRƯỞNG BAN" ("TM. BAN CHỈ ĐẠO / KT. TRƯỞNG
  BAN / PHÓ TRƯỞNG BAN"); recipients separated by semicolons, ending "- Lưu: VT.".

A draft leaves the number and the day blank for the office to fill in. Issuing renders the
stored snapshot once more with an "issue" entry added (``issued``): the number, the date and who
signs; the stored snapshot itself never changes.
"""

from dataclasses import dataclass
from datetime import date

from reports.templatetags.report_tags import long_date

PARTY, STATE = "party", "state"
BLANK = "\u00a0" * 6  # the room left for a number or a day in a draft
DEPUTY = "deputy_head"  # steering.models.Member.Role.DEPUTY_HEAD


@dataclass(frozen=True)
class Letterhead:
    party: bool
    motto: str
    motto_2: str  # the State motto's second line; empty in the Party format
    parent_body: str
    issuing_body: str
    number: str
    place_date: str
    title: str
    subtitle: str
    recipients: list[str]
    authority: list[str]  # the lines above the signature: "T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN"
    signer_name: str
    draft: bool
    replaces: str = ""  # a correction names the report it replaces, under the summary


def committee_settings(committee) -> dict:
    """What the snapshot keeps of a ``steering.Committee``'s document settings, next to its
    name: the format, the symbol and, when set, the superior body printed above its name."""
    settings = {"format": committee.document_format, "symbol": committee.document_symbol}
    if committee.superior_body:
        settings["issuer_parent"] = committee.superior_body
    return settings


def document_number(committee: dict, number: int | None) -> str:
    """ "Số 12-BC/BCĐ" (Party) or "Số: 12/BC-BCĐ" (State); blank room for a draft."""
    text = str(number) if number else BLANK
    symbol = committee.get("symbol") or "BCĐ"
    if committee.get("format") == PARTY:
        return f"Số {text}-BC/{symbol}"
    return f"Số: {text}/BC-{symbol}"


def _authority(party: bool, signer: dict) -> list[str]:
    deputy = signer.get("role") == DEPUTY
    if party:
        return ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"] if deputy else ["T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN"]
    if deputy:
        return ["TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    return ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]


def _recipients(party: bool, committee: dict) -> list[str]:
    lines = [f"{committee['parent']} (để báo cáo)"] if committee["parent"] else []
    lines += ["Các thành viên Ban Chỉ đạo", "Các cơ quan, đơn vị chủ trì nhiệm vụ"]
    if party:  # 36-HD: commas between recipients, the file copy last
        return [f"- {line}," for line in lines] + ["- Lưu Văn phòng Ban Chỉ đạo."]
    return [f"- {line};" for line in lines] + ["- Lưu: VT."]


def issued(r: dict, number: int, issued_on: date, signer: dict | None) -> dict:
    """The snapshot ``r`` as issued: number, date and signer (a ``signer_row``; None keeps the
    snapshot's) added in a copy."""
    issue = {"number": number, "date": issued_on.isoformat(), "signer": signer or r["signer"]}
    return {**r, "issue": issue}


def signer_row(member) -> dict:
    """How the snapshot names who signs (a ``steering.Member``)."""
    title = "PHÓ TRƯỞNG BAN" if member.role == DEPUTY else "TRƯỞNG BAN"
    return {
        "title": title,
        "name": member.full_name,
        "position": member.position_title,
        "role": member.role,
    }


def letterhead(r: dict) -> Letterhead:
    """The header and closing of the snapshot ``r`` in its committee's format; a draft unless
    ``r`` was ``issued``."""
    committee, issue = r["committee"], r.get("issue")
    party = committee.get("format") == PARTY
    signer = (issue["signer"] if issue else r["signer"]) or {}
    place = committee["place"] or "........"
    if issue:
        place_date = f"{place}, {long_date(issue['date'])}"
    else:
        year = date.fromisoformat(r["date"]).year
        place_date = f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"
    return Letterhead(
        party=party,
        motto="ĐẢNG CỘNG SẢN VIỆT NAM" if party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        motto_2="" if party else "Độc lập - Tự do - Hạnh phúc",
        parent_body=committee["issuer_parent"].upper(),
        issuing_body=committee["name"].upper(),
        number=document_number(committee, issue["number"] if issue else None),
        place_date=place_date,
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện Nghị quyết số 57-NQ/TW {r['period']['label']}",
        recipients=_recipients(party, committee),
        authority=_authority(party, signer),
        signer_name=signer.get("name", ""),
        draft=issue is None,
        replaces=f"(Thay thế Báo cáo {r['replaces']})" if r.get("replaces") else "",
    )
