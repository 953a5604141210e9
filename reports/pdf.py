"""The report as an official document (Decree 30/2020/ND-CP), rendered to PDF by WeasyPrint.

The PDF is always Vietnamese. It reads only the snapshot, so what it prints is what is stored.
"""

from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from weasyprint import HTML

from common.charts import Bar, bar_chart
from tasks.status import Category
from tasks.views.dashboard import CATEGORY_COLORS


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
            {"r": snapshot, "generated_at": timezone.localtime(generated_at), **charts(snapshot)},
        )


def render_pdf(snapshot: dict, generated_at: datetime) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    document = HTML(string=render_html(snapshot, generated_at)).render()
    return document.write_pdf(), len(document.pages)
