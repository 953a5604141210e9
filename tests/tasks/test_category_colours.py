"""Every timeliness badge is readable: white text on the category's colour, and links on the
pale overdue/due-soon rows, keep WCAG AA contrast (4.5:1 for normal text)."""

import re
from pathlib import Path

import pytest

from tasks.status import CATEGORY_COLORS, Category
from tasks.templatetags.task_tags import category_style

AA = 4.5
APP_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "app.css"
# Bootstrap 5.3's .table-danger and .table-warning row backgrounds.
ROW_BACKGROUNDS = {"table-danger": "#f8d7da", "table-warning": "#fff3cd"}


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("category", Category.values)
def test_each_category_badge_has_aa_contrast(category):
    style = category_style(category)
    background = re.search(r"background-color: (#[0-9a-f]{6})", style).group(1)
    text = re.search(r"(?<!-)color: (#[0-9a-f]{3,6})", style).group(1)
    text = "#ffffff" if text == "#fff" else text

    assert background == CATEGORY_COLORS[category]
    assert contrast(background, text) >= AA, (category, background)


@pytest.mark.parametrize("row", ROW_BACKGROUNDS)
def test_links_on_highlighted_rows_have_aa_contrast(row):
    rule = re.search(rf"\.{row} a[^{{]*\{{[^}}]*color: (#[0-9a-f]{{6}})", APP_CSS.read_text())

    assert rule, f"no link colour for .{row} rows in app.css"
    assert contrast(rule.group(1), ROW_BACKGROUNDS[row]) >= AA
