"""A task that many communes lead: a commune officer sees their own assignment first, and the
late banner counts the late communes ("38 xã, phường chậm") instead of listing them all."""

from datetime import date

import time_machine
from django.urls import reverse

from steering.models import Agency
from tests.factories import AgencyFactory


def test_own_assignment_first_and_the_late_communes_counted(
    client_for, make_task, commune_officer, commune_agency
):
    communes = [
        AgencyFactory(name=f"Ủy ban nhân dân xã Thử {i:02d}", kind=Agency.Kind.COMMUNE)
        for i in range(7)
    ]
    with time_machine.travel(date(2025, 7, 1)):
        task = make_task(
            "Các xã, phường thành lập Ban Chỉ đạo",
            leads=[*communes, commune_agency],
            deadline="15/08/2025",
        )
    with time_machine.travel(date(2025, 9, 1)):
        response = client_for(commune_officer).get(reverse("task_detail", args=[task.pk]))
    assert response.context["assignments"][0].agency == commune_agency
    page = response.content.decode()
    assert "8 xã, phường chậm" in page and "data-late-summary" in page
    assert "Ủy ban nhân dân xã Thử 06" in page  # listed inside the disclosure


def test_a_few_late_agencies_are_named(client_for, make_task, secretariat, agency_a, agency_b):
    with time_machine.travel(date(2025, 7, 1)):
        task = make_task("Ban hành kế hoạch", leads=[agency_a, agency_b], deadline="15/08/2025")
    with time_machine.travel(date(2025, 9, 1)):
        page = client_for(secretariat).get(reverse("task_detail", args=[task.pk])).content
    page = page.decode()
    assert "data-late-summary" not in page and "Sở KH&amp;CN" in page
