"""PostgreSQL goes down under a running portal: people see a 503 page in Vietnamese, API
clients a JSON 503, never a 500; the portal recovers by itself when the database is back.

The database is a private cluster the test starts and stops, never the shared server.
"""

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

import pytest

from tests.ops.servers import Gunicorn, PrivateCluster, fetch, manage, portal_env

USERNAME, PASSWORD = "ops.thuky", "pw-ops.thuky"
CREATE_USER = f"""
from steering.authz import Role
from tests.factories import AgencyFactory, home_province, make_user
agency = AgencyFactory(name="Sở Khoa học và Công nghệ")
make_user({USERNAME!r}, Role.SECRETARIAT, home_province(), agency)
"""
VIETNAMESE_503 = "Cơ sở dữ liệu tạm thời không truy cập được"


@pytest.fixture(scope="module")
def cluster():
    cluster = PrivateCluster()
    yield cluster
    cluster.remove()


@pytest.fixture(scope="module")
def portal(cluster, tmp_path_factory):
    env = portal_env(
        DATABASE_URL=cluster.url,
        DB_CONNECT_TIMEOUT="2",
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
    )
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", CREATE_USER)
    key = manage(env, "api_token", USERNAME, "--name", "outage").stdout.strip()
    server = Gunicorn(env, tmp_path_factory.mktemp("log") / "gunicorn.log")
    server.token = {"Authorization": f"Token {key}"}
    yield server
    server.stop()


def browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def log_in(opener, base: str):
    """The login form, as a browser fills it in; answers the page after the form."""
    form = fetch(opener, base + "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    data = {"csrfmiddlewaretoken": token, "username": USERNAME, "password": PASSWORD}
    return fetch(opener, base + "/accounts/login/", urllib.parse.urlencode(data).encode())


def test_database_outage_answers_503_and_the_portal_recovers(cluster, portal):
    base = portal.base
    staff = browser()
    assert log_in(staff, base).status == 200
    assert fetch(staff, base + "/").status == 200
    assert fetch(browser(), base + "/api/v1/tasks/", headers=portal.token).status == 200
    assert fetch(browser(), base + "/readyz").status == 200

    cluster.stop()
    try:
        # A signed-in user opening a page: the session cannot even be read.
        page = fetch(staff, base + "/")
        assert page.status == 503
        assert VIETNAMESE_503 in page.text and "Service unavailable" in page.text
        assert page.headers["Retry-After"] == "30"

        # Someone logging in: the form needs no database, checking the password does.
        attempt = log_in(browser(), base)
        assert attempt.status == 503 and VIETNAMESE_503 in attempt.text

        # API clients, with a token or a session, in Vietnamese by default or in English.
        for opener, headers in ((browser(), portal.token), (staff, {})):
            api = fetch(opener, base + "/api/v1/tasks/", headers=headers)
            assert api.status == 503
            assert api.headers["Content-Type"] == "application/json"
            body = json.loads(api.body)
            assert body["code"] == "database_unavailable"
            assert body["detail"].startswith("Cơ sở dữ liệu")
        english = fetch(
            browser(), base + "/api/v1/tasks/", headers={**portal.token, "Accept-Language": "en"}
        )
        assert json.loads(english.body)["detail"].startswith("The database is unavailable")

        # The operator's view: the process is alive, not ready, because of the database.
        assert fetch(browser(), base + "/healthz").status == 200
        ready = fetch(browser(), base + "/readyz")
        assert ready.status == 503
        assert json.loads(ready.body)["failed"] == ["database"]
    finally:
        cluster.start()

    # Back without restarting the portal: the dead connection is replaced.
    assert fetch(staff, base + "/").status == 200
    assert fetch(browser(), base + "/api/v1/tasks/", headers=portal.token).status == 200
    assert fetch(browser(), base + "/readyz").status == 200

    log = portal.log.read_text()
    assert "status=503" in log and "portal.database" in log
    assert "status=500" not in log and "Internal Server Error" not in log
    assert "django.request" not in log  # which would have e-mailed ADMINS for every request
