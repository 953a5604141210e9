"""Malformed input found in a review: each once gave a 500; now a clear 400 (or a safe page)."""

from django.urls import reverse


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
