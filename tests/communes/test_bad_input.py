"""Malformed input found in a review: each once gave a 500; now a clear 400 (or a safe page)."""

from django.urls import reverse

from communes.models import (
    MAX_LINE_ITEMS,
    Allocation,
    Disbursement,
    InvestmentRequest,
    LineItem,
    Survey,
)
from tests.communes.builders import ITEMS
from tests.communes.conftest import TO_ALLOCATED, TO_APPROVED
from tests.communes.test_api import api


def test_a_negative_line_item_index_gives_the_first_row(client_for, commune_officer):
    response = client_for(commune_officer).get(
        reverse("communes:line_item_row"), {"items-TOTAL_FORMS": "-5"}
    )
    assert response.status_code == 200 and 'name="items-0-quantity"' in response.content.decode()


def test_request_without_line_items_redisplays_the_form(client_for, commune_officer, pleiku):
    response = client_for(commune_officer).post(
        reverse("communes:request_create", args=[pleiku.pk]),
        {
            "title": "Mua máy tính",
            "justification": "Thiếu thiết bị",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "1",
            "items-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code in (400, 422)
    assert "1" in response.content.decode()


# --- Input rules (issue 11): every limit a 400 naming the field, nothing saved -------------


def test_api_decision_number_and_payment_reference_over_64_characters(
    make_request, advance, finance, programme
):
    investment = advance(make_request(), *TO_APPROVED)
    long = "1520/QĐ-UBND " + "x" * 60
    allocate = api(finance).post(
        reverse("api_commune_request_transition", args=[investment.pk]),
        {
            "action": "allocate",
            "programme": programme.pk,
            "amount": 100_000_000,
            "decision_number": long,
            "decided_on": "2025-09-01",
        },
        format="json",
    )
    assert allocate.status_code == 400
    assert (
        "64" in str(allocate.data["errors"]["decision_number"]) and not Allocation.objects.exists()
    )

    funded = advance(make_request(title="Khác"), *TO_ALLOCATED)
    pay = api(finance).post(
        reverse("api_commune_disbursement_create", args=[funded.pk]),
        {"amount": 1_000_000, "paid_on": "2025-09-15", "reference": long},
        format="json",
    )
    assert pay.status_code == 400 and "reference" in pay.data["errors"]
    assert not Disbursement.objects.exists()


def test_a_payment_or_a_decision_in_year_9999_or_0001_is_refused(
    client_for, make_request, advance, finance, programme
):
    investment = advance(make_request(), *TO_APPROVED)
    allocate = api(finance).post(
        reverse("api_commune_request_transition", args=[investment.pk]),
        {
            "action": "allocate",
            "programme": programme.pk,
            "amount": 100_000_000,
            "decision_number": "1/QĐ",
            "decided_on": "0001-01-01",
        },
        format="json",
    )
    assert allocate.status_code == 400
    assert "31/12/2100" in str(allocate.data["errors"]["decided_on"])
    funded = advance(make_request(title="Khác"), *TO_ALLOCATED)
    pay = api(finance).post(
        reverse("api_commune_disbursement_create", args=[funded.pk]),
        {"amount": 1_000_000, "paid_on": "9999-12-31", "reference": "UNC 1"},
        format="json",
    )
    assert pay.status_code == 400 and "paid_on" in pay.data["errors"]
    page = english(client_for, finance).post(
        reverse("communes:disbursement_create", args=[funded.pk]),
        {"amount": "1000000", "paid_on": "31/12/9999", "reference": "UNC 1"},
    )
    assert page.status_code == 400
    assert page.context["form"].errors["paid_on"] == [
        "Enter a date between 01/01/2000 and 31/12/2100."
    ]
    assert not Disbursement.objects.exists()


def test_a_survey_dated_9999_does_not_become_the_latest(client_for, reviewer, pleiku):
    client = client_for(reviewer)
    response = client.post(
        reverse("communes:survey_create", args=[pleiku.pk]),
        {"surveyed_on": "31/12/9999", "computers": "10", "bandwidth_mbps": "100"},
    )
    assert response.status_code == 400
    assert "31/12/2100" in " ".join(response.context["form"].errors["surveyed_on"])
    assert not Survey.objects.exists()


def english(client_for, user):
    client = client_for(user)
    client.cookies["django_language"] = "en"
    return client


def _items(count: int) -> list[dict]:
    return [ITEMS[0]] * count


def test_more_line_items_than_the_limit_are_refused_on_the_api_and_the_page(
    client_for, commune_officer, pleiku
):
    data = {"commune": pleiku.pk, "title": "Mua máy", "justification": "Thiếu"}
    too_many = api(commune_officer).post(
        reverse("api_commune_request_list"),
        data | {"items": _items(10_000)},
        format="json",
    )
    assert too_many.status_code == 400
    assert str(MAX_LINE_ITEMS) in str(too_many.data["errors"]["items"])
    fields = {"title": "Mua máy", "justification": "Thiếu"}
    fields |= {"items-TOTAL_FORMS": "10000", "items-INITIAL_FORMS": "0"}
    for index, item in enumerate(_items(MAX_LINE_ITEMS + 1)):
        fields |= {f"items-{index}-{name}": value for name, value in item.items()}
    page = english(client_for, commune_officer).post(
        reverse("communes:request_create", args=[pleiku.pk]), fields
    )
    assert page.status_code in (400, 422)
    assert page.context["items"].non_form_errors() == [
        f"A request has at most {MAX_LINE_ITEMS} line items."
    ]
    assert not InvestmentRequest.objects.exists()
    at_limit = api(commune_officer).post(
        reverse("api_commune_request_list"),
        data | {"items": _items(MAX_LINE_ITEMS)},
        format="json",
    )
    assert at_limit.status_code == 201 and LineItem.objects.count() == MAX_LINE_ITEMS


def test_control_characters_sent_to_the_api_are_not_stored(commune_officer, pleiku):
    response = api(commune_officer).post(
        reverse("api_commune_request_list"),
        {
            "commune": pleiku.pk,
            "title": "Mua\x1b máy tính\x7f",
            "justification": "Dòng 1\r\nDòng 2\x0c",
            "items": [ITEMS[0] | {"description": "Máy\x07 tính"}],
        },
        format="json",
    )
    assert response.status_code == 201
    investment = InvestmentRequest.objects.get()
    assert (investment.title, investment.justification) == ("Mua máy tính", "Dòng 1\nDòng 2")
    assert investment.items.get().description == "Máy tính"
