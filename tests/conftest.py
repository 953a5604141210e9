"""Personas shared by every test: one user per role, in one provincial committee.

Officer A and officer B belong to two different agencies, so access and denial can be
checked side by side.
"""

import pytest

from steering.authz import Role
from steering.models import Agency, Committee
from tests.factories import AgencyFactory, CommitteeFactory, home_province, make_user


@pytest.fixture
def committee(db) -> Committee:
    return home_province()  # Gia Lai's communes


@pytest.fixture
def other_committee(committee) -> Committee:
    """A sibling province's committee: its data must stay invisible to our personas."""
    return CommitteeFactory(
        name="Ban Chỉ đạo tỉnh khác", level=Committee.Level.PROVINCE, parent=committee.parent
    )


@pytest.fixture
def agency_a(committee) -> Agency:
    return AgencyFactory(name="Sở Khoa học và Công nghệ", short_name="Sở KH&CN")


@pytest.fixture
def agency_b(committee) -> Agency:
    return AgencyFactory(name="Sở Nội vụ", short_name="SNV")


@pytest.fixture
def commune_agency(committee) -> Agency:
    return AgencyFactory(
        name="Ủy ban nhân dân phường Pleiku",
        short_name="UBND phường Pleiku",
        kind=Agency.Kind.COMMUNE,
    )


@pytest.fixture
def secretariat(committee, agency_a):
    return make_user("secretariat", Role.SECRETARIAT, committee, agency_a)


@pytest.fixture
def leader(committee):
    return make_user("leader", Role.LEADER, committee)


@pytest.fixture
def officer_a(committee, agency_a):
    return make_user("officer_a", Role.AGENCY_OFFICER, committee, agency_a)


@pytest.fixture
def officer_b(committee, agency_b):
    return make_user("officer_b", Role.AGENCY_OFFICER, committee, agency_b)


@pytest.fixture
def commune_officer(committee, commune_agency):
    return make_user("commune_officer", Role.COMMUNE_OFFICER, committee, commune_agency)


@pytest.fixture
def reviewer(committee, agency_a):
    return make_user("reviewer", Role.REVIEWER, committee, agency_a)


@pytest.fixture
def finance(committee):
    return make_user("finance", Role.FINANCE, committee, AgencyFactory(name="Sở Tài chính"))


@pytest.fixture
def administrator(committee):
    return make_user("administrator", Role.ADMINISTRATOR, committee)


@pytest.fixture
def client_for(client):
    """``client_for(user)``: a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def make_task(committee, secretariat):
    """``make_task(title, leads=[...], deadline="15/08/2025")`` through the service, as staff do."""
    from tasks import services

    def make(title="Nhiệm vụ thử", leads=(), coordinators=(), deadline="", **fields):
        fields.setdefault("field", "digital_government")
        return services.task_create(
            committee=committee,
            user=secretariat,
            title=title,
            deadline_text=deadline,
            leads=leads,
            coordinators=coordinators,
            **fields,
        )

    return make


@pytest.fixture
def complete(secretariat):
    """``complete(assignment, day)``: the agency reports completion on ``day``; it is confirmed."""
    from tasks import services

    def report_and_confirm(assignment, day):
        services.progress_log(
            assignment=assignment,
            user=secretariat,
            percent=100,
            completed=True,
            note="Đã hoàn thành",
            effective_date=day,
        )
        services.completion_confirm(assignment=assignment, user=secretariat)

    return report_and_confirm


@pytest.fixture
def tenants(committee, other_committee):
    """The centre with provinces A (ours, with a ward committee) and B, as the demo has them."""
    central = committee.parent
    for province, name in ((committee, "Tỉnh A"), (other_committee, "Tỉnh B")):
        province.agency = AgencyFactory(
            committee=central, name=name, short_name=name, kind=Agency.Kind.PROVINCE
        )
        province.save()
    ward_agency = AgencyFactory(
        committee=committee, name="Ủy ban nhân dân phường Một", kind=Agency.Kind.COMMUNE
    )
    ward = CommitteeFactory(
        name="Ban Chỉ đạo phường Một",
        level=Committee.Level.COMMUNE,
        parent=committee,
        agency=ward_agency,
    )
    return central, ward


@pytest.fixture
def central_secretariat(tenants):
    central, _ = tenants
    return make_user("tw_thuky", Role.SECRETARIAT, central, None)


@pytest.fixture
def central_reader(tenants):
    central, _ = tenants
    return make_user("trunguong", Role.LEADER, central, None)


@pytest.fixture
def broker():
    """``broker(url)``: send jobs to the broker at ``url`` instead of running them in-process.

    Celery caches its producer pool per broker URL; dropping it makes the next send connect
    to the new URL. Everything is restored after the test.
    """
    from steering.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def reset_pool():
        app._pool = None
        app.amqp._producer_pool = None

    def use(url: str) -> None:
        app.conf.update(broker_url=url, task_always_eager=False)
        reset_pool()

    yield use
    app.conf.update(saved)
    reset_pool()


@pytest.fixture
def redis_server():
    """A private Redis (``tests.processes.RedisServer``) the test may stop, pause or empty."""
    from tests.processes import RedisServer

    server = RedisServer()
    yield server
    server.close()


@pytest.fixture
def workers(transactional_db, redis_server, broker):
    """``workers.start(**env)``: real Celery workers with beat on the test database and the
    private Redis, where this process's sends go too (``tests.processes.Workers``)."""
    from django.db import connection

    from tests.processes import Workers

    broker(redis_server.url)
    database = f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}"
    started = Workers(database, redis_server.url, app="tests.worker_app")
    yield started
    started.close()
