"""The reports page: who sees it, requesting, live status, downloads, filters."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from tests.factories import make_user


def test_officers_and_other_roles_get_403(
    client_for, officer_a, commune_officer, reviewer, finance
):
    for user in (officer_a, commune_officer, reviewer, finance):
        client = client_for(user)
        assert client.get(reverse("report_list")).status_code == 403
        assert client.post(reverse("report_create")).status_code == 403


def test_secretariat_sees_the_request_form_defaulting_to_the_last_completed_quarter(
    client_for, secretariat
):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2025, 11, 5, 9))):
        response = client_for(secretariat).get(reverse("report_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="quarterly:2025-07-01" selected>Quý III năm 2025</option>' in page
    assert 'value="quarterly:2025-10-01"' not in page  # Q4 has not ended
    assert 'value="six_month:2025-01-01"' in page and 'value="custom"' in page


def test_leader_reads_the_list_but_cannot_request(client_for, leader, committee):
    client = client_for(leader)
    page = client.get(reverse("report_list")).content.decode()
    assert reverse("report_create") not in page
    response = client.post(
        reverse("report_create"), {"committee": committee.pk, "period": "quarterly:2025-07-01"}
    )
    assert response.status_code == 403 and not Report.objects.exists()


def test_secretariat_requests_a_quarter_and_it_is_generated(
    register, client_for, secretariat, committee, django_capture_on_commit_callbacks
):
    client = client_for(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("report_create"), {"committee": committee.pk, "period": "quarterly:2025-07-01"}
        )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.period_start, report.period_end, report.as_of) == (
        Report.Kind.QUARTERLY,
        date(2025, 7, 1),
        date(2025, 9, 30),
        date(2025, 9, 30),
    )
    assert report.status == Report.Status.DONE and report.requested_by == secretariat


def test_custom_range_needs_both_dates(client_for, secretariat, committee):
    response = client_for(secretariat).post(
        reverse("report_create"), {"committee": committee.pk, "period": "custom", "start": ""}
    )
    assert response.status_code == 422
    assert "Vui lòng nhập cả ngày bắt đầu và ngày kết thúc." in response.content.decode()


def test_secretariat_cannot_request_for_a_committee_it_does_not_see(
    client_for, secretariat, other_committee
):
    response = client_for(secretariat).post(
        reverse("report_create"),
        {"committee": other_committee.pk, "period": "quarterly:2025-07-01"},
    )
    assert response.status_code == 422 and not Report.objects.exists()


def test_status_row_polls_while_pending_and_stops_when_done(
    client_for, secretariat, committee, register, request_q3
):
    day = date(2025, 9, 30)
    queued = Report.objects.create(
        committee=committee, kind="quarterly", period_start=day, period_end=day, as_of=day
    )
    client = client_for(secretariat)
    row = client.get(reverse("report_status", args=[queued.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in row and 'data-status="queued"' in row
    done = request_q3()
    row = client.get(reverse("report_status", args=[done.pk])).content.decode()
    assert "hx-trigger" not in row and 'data-status="done"' in row
    assert reverse("report_download", args=[done.pk, "pdf"]) in row


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_secretariat_and_leader_download_both_files(
    client_for, secretariat, leader, register, request_q3, fmt
):
    report = request_q3()
    for user in (secretariat, leader):
        response = client_for(user).get(reverse("report_download", args=[report.pk, fmt]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert f'filename="bao-cao-nq57-quy-3-2025.{fmt}"' in response["Content-Disposition"]
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF" if fmt == "pdf" else b"PK")


def test_download_denied_to_officers_and_to_another_committee(
    client_for, officer_a, register, request_q3, other_committee
):
    report = request_q3()
    url = reverse("report_download", args=[report.pk, "pdf"])
    assert client_for(officer_a).get(url).status_code == 403
    outsider = make_user("outsider", "secretariat", other_committee)
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).get(reverse("report_status", args=[report.pk])).status_code == 404
    assert client_for(outsider).post(reverse("report_retry", args=[report.pk])).status_code == 404


def test_list_filters_by_kind_year_and_status(client_for, secretariat, committee):
    def make(kind, start, end, status):
        return Report.objects.create(
            committee=committee,
            kind=kind,
            period_start=start,
            period_end=end,
            as_of=end,
            status=status,
        )

    q3 = make("quarterly", date(2025, 7, 1), date(2025, 9, 30), "done")
    h1 = make("six_month", date(2025, 1, 1), date(2025, 6, 30), "failed")
    q1_26 = make("quarterly", date(2026, 1, 1), date(2026, 3, 31), "done")
    client = client_for(secretariat)

    def shown(**query):
        page = client.get(reverse("report_list"), query).content.decode()
        return {r.pk for r in (q3, h1, q1_26) if f'id="report-{r.pk}"' in page}

    assert shown() == {q3.pk, h1.pk, q1_26.pk}
    assert shown(kind="quarterly") == {q3.pk, q1_26.pk}
    assert shown(year="2025") == {q3.pk, h1.pk}
    assert shown(status="failed") == {h1.pk}


def test_list_page_query_count_does_not_grow_with_reports(
    client_for, secretariat, committee, django_assert_max_num_queries
):
    day = date(2025, 9, 30)
    Report.objects.bulk_create(
        Report(committee=committee, kind="quarterly", period_start=day, period_end=day, as_of=day)
        for _ in range(20)
    )
    client = client_for(secretariat)
    # 14: with the issued corrections (one prefetch) and which rows the user may issue (one)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("report_list")).status_code == 200
