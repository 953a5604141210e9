"""Helpers of the API tests: a client acting as a user (as a token does), and PDF bytes."""

import pytest
from rest_framework.test import APIClient

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def api():
    """``api(user)``: an API client authenticated as ``user`` (none: anonymous)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
