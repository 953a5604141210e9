import pytest

from common.money import format_amount, format_dong, format_vnd, format_vnd_short


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (263_300_000_000, "263.300.000.000\u00a0₫"),
        (1_000, "1.000\u00a0₫"),
        (999, "999\u00a0₫"),
        (0, "0\u00a0₫"),
        (-1_500_000, "-1.500.000\u00a0₫"),
    ],
)
def test_format_vnd(amount: int, expected: str) -> None:
    assert format_vnd(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (263_300_000_000, "263,3 tỷ đồng"),
        (250_000_000_000, "250 tỷ đồng"),
        (1_000_000_000, "1 tỷ đồng"),
        (1_250_000_000_000, "1.250 tỷ đồng"),
        (263_350_000_000, "263,4 tỷ đồng"),
        (263_349_999_999, "263,3 tỷ đồng"),
        (1_500_000, "1,5 triệu đồng"),
        (999_000_000, "999 triệu đồng"),
        (-263_300_000_000, "-263,3 tỷ đồng"),
        (999_999, "999.999 đồng"),
        (-500, "-500 đồng"),
    ],
)
def test_format_vnd_short(amount: int, expected: str) -> None:
    assert format_vnd_short(amount) == expected


def test_format_amount_and_dong() -> None:
    assert format_amount(-247_836_400_000) == "-247.836.400.000"
    assert format_dong(247_836_400_000) == "247.836.400.000 đồng"


@pytest.mark.parametrize("formatter", [format_amount, format_dong, format_vnd, format_vnd_short])
@pytest.mark.parametrize("amount", [1.5e9, 1000.0, True])
def test_rejects_non_integer_amounts(formatter, amount) -> None:
    with pytest.raises(TypeError):
        formatter(amount)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (2_200_000_000, "VND 2.2 billion"),
        (263_300_000_000, "VND 263.3 billion"),
        (250_000_000_000, "VND 250 billion"),
        (1_250_000_000_000, "VND 1,250 billion"),
        (850_000_000, "VND 850 million"),
        (500_000, "VND 500,000"),
        (-2_200_000_000, "-VND 2.2 billion"),
    ],
)
def test_short_form_in_english(amount, expected):
    assert format_vnd_short(amount, "en") == expected


def test_short_form_filter_follows_the_page_language():
    from django.utils import translation

    from steering.templatetags.money import vnd_short

    with translation.override("en"):
        assert vnd_short(2_200_000_000) == "VND 2.2 billion"
    with translation.override("vi"):
        assert vnd_short(2_200_000_000) == "2,2 tỷ đồng"
