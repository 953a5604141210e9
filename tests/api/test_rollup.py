"""The roll-up export of the demo province for Q3/2025 says what the Q3/2025 report says:
147 tasks, 76 completed, 68 in progress, 3 not started as of 30/09/2025; the same categories,
and per lead agency the same counts as the report's agency table (tasks.rules)."""

import io
from collections import defaultdict
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from jobs.services import job_send
from reports import services
from reports.models import Report
from steering.demo import GIA_LAI_NAME
from steering.models import Committee
from tasks.rules import agency_counts

Q3_START, Q3_END = date(2025, 7, 1), date(2025, 9, 30)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo seeded and its Q3/2025 report generated once, rolled back after the module."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", stdout=io.StringIO())
            committee = Committee.objects.get(name=GIA_LAI_NAME)
            secretariat = get_user_model().objects.get(username="thuky")
            report = services.report_request(
                committee=committee,
                kind=Report.Kind.QUARTERLY,
                start=Q3_START,
                end=Q3_END,
                user=secretariat,
            )
            job_send("reports.Report", report.pk)  # on_commit never fires in this transaction
            report.refresh_from_db()
            yield committee, secretariat, report
            transaction.set_rollback(True)


@pytest.fixture
def rollup(demo, db):
    committee, secretariat, report = demo
    client = APIClient()
    client.force_authenticate(secretariat)
    response = client.get(
        reverse("api_committee_rollup", args=[committee.pk]), {"period": "2025-Q3"}
    )
    assert response.status_code == 200, response.content
    return response.json(), report


def test_the_headline_figures_are_the_report_s(rollup):
    document, report = rollup
    assert report.status == Report.Status.DONE
    summary = document["summary"]
    assert (document["period_start"], document["as_of"]) == ("2025-07-01", "2025-09-30")
    assert (
        summary["total"],
        summary["completed"],
        summary["in_progress"],
        summary["not_started"],
    ) == (147, 76, 68, 3)
    printed = report.snapshot["summary"]
    for key in ("total", "completed", "in_progress", "not_started"):
        assert summary[key] == printed[key]["value"], key
    assert summary["categories"] == {row["key"]: row["value"] for row in printed["categories"]}
    assert len(document["tasks"]) == 147
    counted = defaultdict(int)
    for task in document["tasks"]:
        counted[task["category"]] += 1
    assert dict(counted) == {k: v for k, v in summary["categories"].items() if v}


def test_each_lead_agency_counts_as_in_the_report_s_agency_table(rollup):
    document, report = rollup
    leads = defaultdict(list)
    for task in document["tasks"]:
        for assignment in task["assignments"]:
            if assignment["role"] == "lead":
                leads[assignment["agency"]].append(assignment["category"])
    exported = {agency: agency_counts(categories) for agency, categories in leads.items()}
    printed = {
        row["agency"]: {key: row[key] for key in ("led", "completed", "on_time", "overdue")}
        for row in report.snapshot["agencies"]
    }
    assert (
        printed
        and {
            agency: {key: counts[key] for key in ("led", "completed", "on_time", "overdue")}
            for agency, counts in exported.items()
        }
        == printed
    )


def test_the_indicators_are_the_report_s(rollup):
    document, report = rollup
    assert document["indicators"] == report.snapshot["indicators"]
    assert any(row["actual"] is not None for row in document["indicators"])


def test_a_period_is_written_as_the_schema_says(demo, db):
    committee, secretariat, _ = demo
    client = APIClient()
    client.force_authenticate(secretariat)
    url = reverse("api_committee_rollup", args=[committee.pk])
    refused = client.get(url, {"period": "Q3/2025"})
    assert refused.status_code == 400 and list(refused.json()["errors"]) == ["period"]
    as_of = client.get(url, {"as_of": "2025-09-30"}).json()
    assert as_of["summary"]["total"] == 147 and as_of["period_start"] is None
