"""Malformed input found in a review: each once gave a 500; now a clear 400 (or a safe page)."""

from django.urls import reverse


def test_nul_bytes_and_unknown_choices_in_list_filters_are_a_400(client_for, leader):
    client = client_for(leader)
    assert client.get(reverse("document_list"), {"q": "\x00"}).status_code == 400
    assert client.get(reverse("meeting_list"), {"kind": "\x00"}).status_code == 400
    assert client.get(reverse("meeting_list"), {"kind": "party"}).status_code == 400
