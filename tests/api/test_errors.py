"""One error shape for every API error, whichever app, view or middleware answers it; the old
unversioned routes; the schema and the documentation behind login."""

from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apitokens.services import token_create
from common.api.errors import flatten

SHAPE = {"code", "detail", "errors"}


def token_header(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {token_create(user=user, name='t', days=1)[1]}"}


def assert_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == SHAPE and body["code"] == code and body["detail"], body
    return body


def test_401_without_credentials_in_vietnamese(client, db):
    body = assert_shape(client.get(reverse("api_task_list")), 401, "not_authenticated")
    assert body["detail"] == "Chưa gửi thông tin xác thực (token)." and body["errors"] == {}


def test_400_names_the_fields_in_the_users_language(client, officer_a, make_task, agency_a):
    lead = make_task("Số hóa", leads=[agency_a]).assignments.get()
    url = reverse("api_progress_create", args=[lead.pk])
    data = {"percent": 120, "effective_date": "hôm qua", "version": lead.version}
    answer = client.post(url, data, content_type="application/json", **token_header(officer_a))
    body = assert_shape(answer, 400, "validation_error")
    assert body["detail"] == "Yêu cầu có lỗi; xem từng trường."
    assert body["errors"]["percent"] == ["Giá trị phải nhỏ hơn hoặc bằng 100."]
    assert set(body["errors"]) >= {"percent", "effective_date"}
    english = client.post(
        url,
        data,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **token_header(officer_a),
    )
    assert english.json()["errors"]["percent"] == [
        "Ensure this value is less than or equal to 100."
    ]


def test_403_and_404(client, officer_a, officer_b, make_task, agency_a):
    task = make_task("Số hóa", leads=[agency_a])
    lead = task.assignments.get()
    # Another agency's assignment is out of the officer's scope: 404, as on the pages.
    data = {"percent": 10, "effective_date": "2025-08-01", "version": lead.version}
    hidden = client.post(
        reverse("api_progress_create", args=[lead.pk]),
        data,
        content_type="application/json",
        **token_header(officer_b),
    )
    body = assert_shape(hidden, 404, "not_found")
    assert body["detail"] == "Không tìm thấy."
    created = client.post(
        reverse("api_task_list"),
        {"title": "X"},
        content_type="application/json",
        **token_header(officer_a),
    )
    assert_shape(created, 403, "permission_denied")


def test_413_and_the_lockout_429_from_middleware_have_the_shape(client, officer_a, settings):
    answer = client.post(
        reverse("api_task_list"),
        "x",
        content_type="application/json",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        **token_header(officer_a),
    )
    assert_shape(answer, 413, "request_too_large")


def test_django_validation_errors_flatten_nested_fields():
    nested = {"items": [{}, {"quantity": ["Sai."]}], "non_field_errors": ["Chung."]}
    assert flatten(nested) == {"items[1].quantity": ["Sai."], "non_field_errors": ["Chung."]}
    assert flatten({"__all__": ["A."], "x": "B."}) == {"non_field_errors": ["A."], "x": ["B."]}
    assert flatten(["Một."]) == {"non_field_errors": ["Một."]}


def test_old_routes_answer_308_to_v1_keeping_the_query(client, db):
    old = client.get("/api/tasks/?page=2&status=done")
    assert old.status_code == 308 and old["Location"] == "/api/v1/tasks/?page=2&status=done"
    post = client.post("/api/communes/requests/5/transitions/", {})
    assert post.status_code == 308
    assert post["Location"] == "/api/v1/communes/requests/5/transitions/"
    assert client.get("/api/schema/")["Location"] == "/api/v1/schema/"
    assert reverse("api_task_list") == "/api/v1/tasks/"


def test_the_docs_need_login_and_the_schema_credentials(client, secretariat):
    docs = client.get(reverse("api_docs"))
    assert docs.status_code == 302 and docs["Location"].startswith(reverse("login"))
    anonymous = client.get(reverse("api_schema"), HTTP_ACCEPT="application/json")
    assert_shape(anonymous, 401, "not_authenticated")
    # A token reads the schema (for generated clients).
    schema = client.get(reverse("api_schema"), {"format": "json"}, **token_header(secretariat))
    assert schema.status_code == 200 and "/api/v1/tasks/" in schema.json()["paths"]

    client.force_login(secretariat)
    page = client.get(reverse("api_docs"))
    assert page.status_code == 200
    assert "<script>" not in page.text and "<style>" not in page.text  # the CSP holds
    assert "swagger-ui-bundle.js" in page.text
    script = client.get(reverse("api_docs"), {"script": ""})
    assert script.status_code == 200 and reverse("api_schema") in script.text


def test_every_operation_documents_its_error_statuses(client, secretariat):
    client.force_login(secretariat)
    schema = client.get(reverse("api_schema"), {"format": "json"}).json()
    assert "Error" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            codes = set(operation["responses"])
            assert {"401", "403", "429"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method != "get":
                assert {"400", "413"} <= codes, (method, path)
            error = operation["responses"]["401"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}


@time_machine.travel(date(2025, 8, 10))
def test_a_token_request_costs_few_queries(client, officer_a, make_task, agency_a):
    for i in range(3):
        make_task(f"Việc {i}", leads=[agency_a])
    headers = token_header(officer_a)
    client.get(reverse("api_task_list"), **headers)  # the first use writes last_used_at
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("api_task_list"), **headers).status_code == 200
    # No password hashing, no session; the token and its user in one query.
    assert sum("apitokens_apitoken" in q["sql"] for q in queries.captured_queries) == 1
    assert not any("UPDATE" in q["sql"] for q in queries.captured_queries)


def test_an_api_path_no_route_matches_answers_in_the_shape(client, officer_a):
    answer = client.get("/api/v1/agencies/-5/", **token_header(officer_a))
    assert_shape(answer, 404, "not_found")
    page = client.get("/no-such-page/")
    assert page.status_code in (302, 404) and "text/html" in page["Content-Type"]
