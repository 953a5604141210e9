"""Server-side SVG charts, the same in the web pages and in the PDF reports.

Plain SVG strings: no JavaScript, render identically in browsers and WeasyPrint, and are
readable by screen readers through their <title> and <desc>.
"""

import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    color: str = "#0b3d91"


def bar_chart(bars: list[Bar], title: str, width: int = 640, bar_height: int = 22) -> str:
    """A horizontal bar chart with the value printed after each bar."""
    label_width, gap, top = 230, 8, 8
    biggest = max((b.value for b in bars), default=0) or 1
    plot_width = width - label_width - 60
    height = top * 2 + len(bars) * (bar_height + gap)
    rows = []
    for i, bar in enumerate(bars):
        y = top + i * (bar_height + gap)
        length = round(plot_width * bar.value / biggest)
        rows.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.0f}" text-anchor="end" '
            f'font-size="12" fill="#212529">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" '
            f'fill="{bar.color}" rx="2"/>'
            f'<text x="{label_width + length + 6}" y="{y + bar_height * 0.7:.0f}" font-size="12" '
            f'fill="#212529">{bar.value}</text>'
        )
    uid = f"chart-{zlib.crc32(title.encode()):x}"
    desc = "; ".join(f"{b.label}: {b.value}" for b in bars)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{uid}-t {uid}-d" style="max-width:{width}px">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        + "".join(rows)
        + "</svg>"
    )


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int]
    color: str


def column_chart(labels: list[str], series: list[Series], title: str, width: int = 640) -> str:
    """Vertical columns, one group per label (e.g. a month) with one column per series, the
    value above each column and a legend below."""
    height, top, bottom, left = 240, 20, 48, 8
    plot_height = height - top - bottom
    biggest = max((v for s in series for v in s.values), default=0) or 1
    group_width = (width - left * 2) / max(len(labels), 1)
    column_width = min(18, (group_width - 6) / max(len(series), 1))
    parts = []
    for i, label in enumerate(labels):
        x0 = left + i * group_width + (group_width - column_width * len(series)) / 2
        for j, s in enumerate(series):
            value = s.values[i]
            h = round(plot_height * value / biggest)
            x = x0 + j * column_width
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_height - h}" width="{column_width - 2:.1f}" '
                f'height="{h}" fill="{s.color}"/>'
                f'<text x="{x + column_width / 2 - 1:.1f}" y="{top + plot_height - h - 3}" '
                f'text-anchor="middle" font-size="10" fill="#212529">{value}</text>'
            )
        parts.append(
            f'<text x="{left + (i + 0.5) * group_width:.1f}" y="{top + plot_height + 14}" '
            f'text-anchor="middle" font-size="11" fill="#212529">{escape(label)}</text>'
        )
    legend_y = height - 12
    for j, s in enumerate(series):
        x = left + j * 180
        parts.append(
            f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{s.color}"/>'
            f'<text x="{x + 14}" y="{legend_y}" font-size="12" fill="#212529">'
            f"{escape(s.label)}</text>"
        )
    uid = f"chart-{zlib.crc32(title.encode()):x}"
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{s.label} {s.values[i]}" for s in series)
        for i, label in enumerate(labels)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{uid}-t {uid}-d" style="max-width:{width}px">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
