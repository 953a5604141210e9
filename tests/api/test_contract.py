"""The API keeps its OpenAPI contract: schemathesis generates requests from the live schema
(``/api/v1/schema/``, loaded through the portal's WSGI application with a token) for every
operation, as several roles, each with its own token, and checks every answer: no server
error, only documented statuses, content types and bodies that match the schema.

Bounded and deterministic (``derandomize``): ``EXAMPLES`` cases per operation and role.

Every check of schemathesis runs but ``positive_data_acceptance`` ("a schema-valid request
must be accepted"): an id of a row that does not exist or that the user may not use, and rules
across fields (a period or both dates), are refused with 400 naming the field, and OpenAPI
cannot state them. ``negative_data_rejection`` (schema-invalid input refused) does run.
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
    return schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json",
        wsgi_app,
        headers={"Authorization": f"Token {tokens['secretariat']}"},
    )


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
