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
