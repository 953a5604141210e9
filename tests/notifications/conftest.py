"""Notifications as people receive them: deliveries run when the transaction commits, as in
production (``delivered``), and the personas have e-mail addresses."""

import pytest

from notifications.models import Notification
from steering.authz import Role
from tests.communes.conftest import advance, make_request, pleiku, programme  # noqa: F401
from tests.factories import AgencyFactory, make_user


@pytest.fixture(autouse=True)
def addresses(officer_a, officer_b, secretariat, commune_officer, reviewer, finance):
    for user in (officer_a, officer_b, secretariat, commune_officer, reviewer, finance):
        user.email = f"{user.username}@gialai.gov.vn"
        user.save(update_fields=["email"])


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """Run the deliveries (and any other on-commit job) queued inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def outsider(other_committee):
    """An officer of the sibling province's department of the same name as agency A."""
    agency = AgencyFactory(committee=other_committee, name="Sở Khoa học và Công nghệ")
    user = make_user("outsider", Role.AGENCY_OFFICER, other_committee, agency)
    user.email = "outsider@daklak.gov.vn"
    user.save(update_fields=["email"])
    return user


def told(kind: str | None = None) -> dict[str, list[Notification]]:
    """Notifications stored, by recipient's username (of one kind)."""
    found: dict[str, list[Notification]] = {}
    rows = Notification.objects.select_related("recipient").order_by("id")
    for n in rows.filter(kind=kind) if kind else rows:
        found.setdefault(n.recipient.username, []).append(n)
    return found
