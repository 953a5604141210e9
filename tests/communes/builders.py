"""Communes and programmes for tests, shared by the fixtures here and the browser tests."""

from datetime import date

from common.text import fold
from communes.models import Commune, FundingProgramme

ITEMS = [
    {"category": "computers", "description": "Máy tính", "quantity": 10, "unit_price": 18_000_000},
    {"category": "scanners", "description": "Máy quét", "quantity": 2, "unit_price": 25_000_000},
]
REQUESTED = 10 * 18_000_000 + 2 * 25_000_000  # 230.000.000


def commune(agency, *, code: int, name: str) -> Commune:
    kind = Commune.Kind.WARD if name.startswith("Phường") else Commune.Kind.COMMUNE
    return Commune.objects.create(
        code=code,
        name=name,
        kind=kind,
        province_code=52,
        province_name="Gia Lai",
        agency=agency,
        committee=agency.committee,
        search_text=fold(name),
    )


def programme(agency, total: int = 1_000_000_000) -> FundingProgramme:
    return FundingProgramme.objects.create(
        name="Hỗ trợ hạ tầng CNTT cấp xã",
        decision_number="1520/QĐ-UBND",
        decision_date=date(2025, 8, 5),
        fiscal_year=2025,
        total=total,
        managing_agency=agency,
        committee=agency.committee,
    )
