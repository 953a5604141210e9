"""The API keeps its OpenAPI contract: schemathesis generates requests from the live schema
(``/api/v1/schema/``, loaded through the portal's WSGI application with a token) for every
operation, as several roles, each with its own token, and checks every answer: no server
error, only documented statuses, content types and bodies that match the schema.

Bounded and deterministic (``derandomize``): ``EXAMPLES`` cases per operation and role.

Every check of schemathesis runs, ``positive_data_acceptance`` ("a schema-valid request must
be accepted") and ``negative_data_rejection`` included. The schema states the rules the code
enforces (lengths, minimums, enums, ``version`` required where If-Match is the alternative, a
period or both dates for a report, at least one lead); a filter's unknown id finds nothing.
What OpenAPI cannot state is data, not shape: whether an id in a body names a row the user may
use (``REFERENCES``), rules of the moment (``RULES_OF_THE_DAY``: a day not in the future, a
period that has ended, a deadline after the current one) and a deadline as written in plans.
A schema-valid request refused with 400 passes only when every field its errors name is one
of those: any other refusal of a schema-valid request fails the test.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from apitokens.services import token_create
from communes.workflow import Action
from tests.communes.conftest import advance, make_request, pleiku, programme  # noqa: F401

EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", 8))
# Ids in request bodies: the schema types them; which rows exist and which the user may use
# is data (refused with 400 naming the field, as the pages' choice fields do).
REFERENCES = {
    "agency",
    "commune",
    "committee",
    "coordinators",
    "leads",
    "meeting",
    "parent",
    "programme",
    "source_document",
    "upstream",
}
# Rules that depend on today or on the rows (a day not in the future, a period that has ended, a
# deadline after the current one), and the deadline as written in plans ("Quý III/2025",
# parsed by tasks.deadlines; the schema gives its forms).
RULES_OF_THE_DAY = {
    "deadline_text",
    "decided_on",
    "due_date",
    "effective_date",
    "end",
    "new_due",
    "paid_on",
    "period",
    "period_end",
    "start",
}


def accepted_unless_refused_for_data(ctx, response, case):
    """schemathesis' ``positive_data_acceptance``, but for a schema-valid request refused
    (400) for what only the data can say: every field its errors name is a reference or a rule
    of the day (see module doc)."""
    if response.status_code == 400 and case.meta and case.meta.generation.mode.is_positive:
        fields = set(response.json().get("errors", {}))
        if fields and fields <= REFERENCES | RULES_OF_THE_DAY:
            return None
    return positive_data_acceptance(ctx, response, case)


ROLES = ["secretariat", "officer_a", "commune_officer", "finance"]


@pytest.fixture
def contract_world(settings, make_task, complete, agency_a, agency_b, make_request, advance):  # noqa: F811
    """A few rows of each kind, so lists and details answer with real data."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"burst": "100000/s", "user": "100000/s", "token": "100000/s"},
    }
    task = make_task(
        "Số hóa hồ sơ", leads=[agency_a], coordinators=[agency_b], deadline="Quý IV/2025"
    )
    make_task("Chữ ký số", leads=[agency_b], deadline="31/12/2025")
    complete(task.assignments.get(agency=agency_a), task.created_at.date())
    advance(make_request(), Action.SUBMIT, Action.START_REVIEW, Action.APPROVE, Action.ALLOCATE)
    make_request(title="Bản nháp")


@pytest.fixture
def tokens(contract_world, request) -> dict[str, str]:
    return {
        role: token_create(user=request.getfixturevalue(role), name=role, days=1)[1]
        for role in ROLES
    }


@pytest.fixture
def wsgi_app():
    """The portal's WSGI application, called in this thread, inside the test's transaction:
    as Django's test client does, requests must not close the connection at their end."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(tokens, wsgi_app):
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json",
        wsgi_app,
        headers={"Authorization": f"Token {tokens['secretariat']}"},
    )
    # Text never holds NUL (PostgreSQL cannot store it; every text field refuses it, 400
    # naming the field): not a rule of one operation's schema.
    schema.config.generation.update(allow_x00=False)
    return schema


def test_the_api_keeps_its_contract(api_schema, tokens):
    """Each generated request is sent as every role (each sees other rows, or is refused);
    every failure of every operation is collected, then reported together."""
    failures = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            for role in ROLES:
                try:
                    case.call_and_validate(
                        headers={"Authorization": f"Token {tokens[role]}"},
                        excluded_checks=[positive_data_acceptance],
                        additional_checks=[accepted_unless_refused_for_data],
                    )
                except Exception as error:
                    error.add_note(f"as {role}")
                    raise

        try:
            run()
        except BaseException as error:  # noqa: BLE001 - collected, then reported together
            if isinstance(error, KeyboardInterrupt):
                raise
            failures.append(
                f"{operation.label}: {error}\n" + "\n".join(getattr(error, "__notes__", []))
            )
    assert operations >= 10
    assert not failures, f"{len(failures)} of {operations} operations fail:\n" + "\n\n".join(
        failures
    )
