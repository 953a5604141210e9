"""The indicators page: who sees which indicators, and who may record their values."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from steering import services
from steering.models import IndicatorValue
from tests.factories import IndicatorFactory

TODAY = timezone.make_aware(datetime(2025, 10, 5, 10))
POST = {"period_end": "30/09/2025", "value": "1.620.000", "note": "Số liệu quý III"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def certificates(committee, agency_a):
    """An indicator agency A (officer A's agency) is responsible for."""
    return IndicatorFactory(
        committee=committee,
        code="CT-02",
        name="Số giấy chứng nhận được làm sạch",
        target_value=Decimal("2025000"),
        agency=agency_a,
    )


def record_url(indicator) -> str:
    return reverse("indicator_value_create", args=[indicator.pk])


@pytest.mark.parametrize("persona", ["secretariat", "leader", "officer_a", "officer_b", "finance"])
def test_everyone_in_the_committee_sees_its_indicators(
    persona, request, client_for, certificates, secretariat
):
    services.indicator_value_record(
        indicator=certificates,
        user=secretariat,
        period_end=date(2025, 9, 30),
        value=Decimal("1620000"),
        note="",
    )
    page = client_for(request.getfixturevalue(persona)).get(reverse("indicator_list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Số giấy chứng nhận được làm sạch" in text
    assert "2.025.000" in text and "1.620.000" in text and "80%" in text


def test_another_committees_indicators_are_not_shown(client_for, secretariat, other_committee):
    IndicatorFactory(committee=other_committee, name="Chỉ tiêu của tỉnh khác")
    page = client_for(secretariat).get(reverse("indicator_list")).content.decode()
    assert "Chỉ tiêu của tỉnh khác" not in page


def test_the_record_form_is_offered_only_to_who_may_record(client_for, request, certificates):
    def has_form(persona):
        page = client_for(request.getfixturevalue(persona)).get(reverse("indicator_list"))
        return record_url(certificates) in page.content.decode()

    assert has_form("secretariat") and has_form("officer_a")
    assert not has_form("leader") and not has_form("officer_b")


@pytest.mark.parametrize("persona", ["secretariat", "officer_a"])
def test_secretariat_and_the_responsible_agencys_officer_record_a_value(
    persona, request, client_for, certificates
):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(record_url(certificates), POST, follow=True)
    assert response.redirect_chain[-1][0] == reverse("indicator_list")
    value = IndicatorValue.objects.get()
    assert (value.period_end, value.value, value.recorded_by) == (
        date(2025, 9, 30),
        Decimal("1620000"),
        user,
    )
    assert value.history.get().history_user == user
    assert "Đã ghi nhận số liệu chỉ tiêu CT-02." in response.content.decode()


@pytest.mark.parametrize("persona", ["leader", "reviewer", "finance"])
def test_roles_that_do_not_record_are_refused(persona, request, client_for, certificates):
    response = client_for(request.getfixturevalue(persona)).post(record_url(certificates), POST)
    assert response.status_code == 403
    assert not IndicatorValue.objects.exists()


def test_officer_cannot_record_another_agencys_indicator(client_for, officer_b, certificates):
    response = client_for(officer_b).post(record_url(certificates), POST)
    assert response.status_code == 404
    assert not IndicatorValue.objects.exists()


def test_secretariat_cannot_record_another_committees_indicator(
    client_for, secretariat, other_committee
):
    foreign = IndicatorFactory(committee=other_committee)
    assert client_for(secretariat).post(record_url(foreign), POST).status_code == 404


def test_a_future_period_is_refused_with_the_reason(client_for, secretariat, certificates):
    response = client_for(secretariat).post(
        record_url(certificates), {**POST, "period_end": "31/12/2025"}, follow=True
    )
    assert "Kỳ báo cáo đến ngày 31/12/2025 chưa kết thúc" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_value_that_is_not_a_number_is_refused(client_for, secretariat, certificates):
    response = client_for(secretariat).post(
        record_url(certificates), {**POST, "value": "khoảng 1 triệu"}, follow=True
    )
    assert "CT-02: Nhập một số" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_page_needs_the_same_queries_for_many_indicators(
    client_for, secretariat, committee, agency_a
):
    client = client_for(secretariat)

    def queries_with(count: int) -> int:
        for _ in range(count - committee.indicators.count()):
            indicator = IndicatorFactory(committee=committee, agency=agency_a)
            services.indicator_value_record(
                indicator=indicator,
                user=secretariat,
                period_end=date(2025, 9, 30),
                value=Decimal("10"),
                note="",
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("indicator_list")).status_code == 200
        return len(captured)

    assert queries_with(2) == queries_with(12)
