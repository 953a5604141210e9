"""What an operator reads in the log: one line per request, and who gets 500s by e-mail."""

import json
import logging
import re
import subprocess
import sys

from django.conf import settings

from apitokens.services import token_create

LINE = re.compile(
    r"^method=(?P<method>\S+) path=(?P<path>\S+) status=(?P<status>\d+) "
    r"duration_ms=(?P<ms>\d+) user_id=(?P<user_id>\S+) user=(?P<user>\S+)$"
)


def request_lines(caplog) -> list[dict]:
    return [
        {**LINE.match(r.getMessage()).groupdict(), "level": r.levelname}
        for r in caplog.records
        if r.name == "portal.request"
    ]


def test_one_line_per_request_with_user_status_and_duration(client, secretariat, caplog):
    client.force_login(secretariat)
    with caplog.at_level(logging.DEBUG, logger="portal.request"):
        client.get("/")
    (line,) = request_lines(caplog)
    assert line["method"] == "GET" and line["path"] == "/" and line["status"] == "200"
    assert line["user"] == "secretariat" and line["user_id"] == str(secretariat.pk)
    assert int(line["ms"]) >= 0 and line["level"] == "INFO"


def test_anonymous_and_api_requests_are_logged(client, secretariat, caplog):
    _token, key = token_create(user=secretariat, name="log", days=1)
    with caplog.at_level(logging.INFO, logger="portal.request"):
        client.get("/meetings/")
        client.get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Token {key}")
    anonymous, api = request_lines(caplog)
    assert (anonymous["status"], anonymous["user"], anonymous["user_id"]) == ("302", "-", "-")
    assert (api["path"], api["status"], api["user"]) == ("/api/v1/tasks/", "200", "secretariat")


def test_health_checks_stay_out_of_the_info_log(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="portal.request"):
        client.get("/healthz")
        client.get("/readyz")
    assert request_lines(caplog) == []


def logging_setup(**env) -> dict:
    """ADMINS and the handlers of django.request in a portal started with ``env``."""
    script = (
        "import django, json, logging; django.setup(); from django.conf import settings; "
        "print(json.dumps({'admins': settings.ADMINS, 'handlers': "
        "[type(h).__name__ for h in logging.getLogger('django.request').handlers]}))"
    )
    environment = {"DJANGO_SETTINGS_MODULE": "steering.settings", "SECRET_KEY": "x", **env}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_server_errors_are_mailed_to_admins_only_when_mail_is_configured():
    admins = "Phòng CNTT <cntt@example.gov.vn>, trucban@example.gov.vn"
    configured = logging_setup(ADMINS=admins, EMAIL_HOST="smtp.example.gov.vn")
    assert configured["admins"] == [
        ["Phòng CNTT", "cntt@example.gov.vn"],
        ["", "trucban@example.gov.vn"],
    ]
    assert configured["handlers"] == ["AdminEmailHandler"]
    assert logging_setup(ADMINS=admins)["handlers"] == []
