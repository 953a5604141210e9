"""Malformed input found in a review: each once gave a 500; now a clear 400 (or a safe page)."""

from django.urls import reverse


def test_report_filter_year_out_of_range_is_a_400(client_for, leader):
    client = client_for(leader)
    for year in ["0", "10000", "99999999999999999999"]:
        assert client.get(reverse("report_list"), {"year": year}).status_code == 400
