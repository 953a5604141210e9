"""The report as an official document (Decree 30/2020/ND-CP), rendered to PDF by WeasyPrint.

The PDF is always Vietnamese. It reads only the snapshot, so what it prints is what is stored.

WeasyPrint's memory grows with the boxes it lays out, so a long report is rendered in parts:
the template marks where it may be cut (``report_tags.cut``: before each annex, and every
``ROWS_PER_PART`` rows of a long table); each part is laid out and written alone, carrying on
the page and section numbers of the parts before it (a table cut in two carries on with its
header row), and the parts are merged into the one PDF the user downloads.
"""

import ctypes
import gc
import re
from datetime import datetime
from io import BytesIO

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from pypdf import PdfWriter
from weasyprint import HTML

from common.charts import Bar, bar_chart
from reports.selectors import presented
from reports.templatetags.report_tags import CUT, ROWS_PER_PART
from tasks.status import CATEGORY_COLORS, Category

TABLE_OPENING = re.compile(r'<table class="data[^"]*">.*?<tbody>', re.DOTALL)


def _chart(bars: list[Bar], title: str) -> str:
    # WeasyPrint does not apply the page's CSS inside inline SVG; the attribute is inherited.
    svg = bar_chart(bars, title).replace("<svg ", '<svg font-family="Liberation Serif" ', 1)
    return mark_safe(svg)  # noqa: S308  (built from escaped text by common.charts)


def charts(snapshot: dict) -> dict[str, str]:
    """The dashboard's SVG charts, drawn from the snapshot's figures."""
    categories = [
        Bar(row["label"], row["value"], CATEGORY_COLORS[Category(row["key"])])
        for row in snapshot["summary"]["categories"]
    ]
    fields = [Bar(row["label"], row["total"]) for row in snapshot["by_field"]]
    return {
        "category_chart": _chart(categories, "Nhiệm vụ theo tình trạng"),
        "field_chart": _chart(fields, "Nhiệm vụ theo lĩnh vực"),
    }


def render_html(snapshot: dict, generated_at: datetime) -> str:
    with translation.override("vi"):
        return render_to_string(
            "reports/pdf/report.html",
            {
                "r": snapshot,
                "p": presented(snapshot),
                "generated_at": timezone.localtime(generated_at),
                **charts(snapshot),
            },
        )


def _continued(head: str, first_page: int, sections: int) -> str:
    """The head of a part after the first: its pages numbered on from ``first_page`` (its first
    page too), its sections from ``sections`` + 1."""
    style = (
        f"@page :first {{ counter-reset: page {first_page}; "
        "@top-center { content: counter(page); } } "
        f"body {{ counter-reset: section {sections}; }}"
    )
    return head.replace("</head>", f"<style>{style}</style></head>", 1)


def _grouped(pieces: list[str]) -> list[str]:
    """Consecutive pieces joined while their table rows stay within ``ROWS_PER_PART``: a short
    report is one part, laid out once (each part costs its own fonts and layout start)."""
    groups: list[str] = []
    rows = 0
    for piece in pieces:
        count = piece.count("<tr")
        if groups and rows + count <= ROWS_PER_PART:
            groups[-1] += piece
            rows += count
        else:
            groups.append(piece)
            rows = count
    return groups


def parts(html: str) -> list[tuple[str, str, int]]:
    """The document cut at some of its ``CUT`` marks: (head, body, sections before it) of each
    part, a table cut in two opened again (with its header row) at the start of the next."""
    head, body = html.split("<body>", 1)
    result, sections, opening = [], 0, ""
    for piece in _grouped(body.split(CUT)):
        text = opening + piece
        result.append((head, f"<body>{text}", sections))
        sections += text.count("<h2")
        table = text.rfind('<table class="data')
        inside = table > text.rfind("</table>")
        opening = TABLE_OPENING.match(text, table).group(0) if inside else ""
    return result


def render_pdf(snapshot: dict, generated_at: datetime) -> tuple[bytes, int]:
    """The PDF and its number of pages, rendered part by part (see above) and merged."""
    pieces = parts(render_html(snapshot, generated_at))
    if len(pieces) == 1:  # a short report: nothing to merge
        document = HTML(string=pieces[0][0] + pieces[0][1]).render()
        return document.write_pdf(), len(document.pages)
    writer, pages = PdfWriter(), 0
    for head, body, sections in pieces:
        if pages:
            head = _continued(head, pages + 1, sections)
        document = HTML(string=head + body).render()
        pages += len(document.pages)
        writer.append(BytesIO(document.write_pdf()))
        del document
        release()  # the laid-out boxes of this part go before the next is laid out
    buffer = BytesIO()
    writer.write(buffer)
    release()
    return buffer.getvalue(), pages


def release() -> None:
    """Collect the freed boxes and hand the memory back to the system (glibc's malloc_trim),
    so that what comes next (the next part, the .docx) does not stack on top of it."""
    gc.collect()
    if TRIM is not None:
        TRIM(0)


try:
    TRIM = ctypes.CDLL("libc.so.6").malloc_trim
except (OSError, AttributeError):  # not glibc: the memory stays with the process
    TRIM = None
