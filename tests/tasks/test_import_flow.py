"""Upload → preview → corrections → confirm → summary in the history, for staff and officers."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from steering.models import Agency
from tasks.models import Assignment, ImportBatch, Task
from tests.factories import AgencyFactory
from tests.tasks.import_annexes import real_annex, simple_annex


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def finance_agency(db):
    return AgencyFactory(name="Sở Tài chính", short_name="STC")


def upload(client, data: bytes, name="phu-luc.xlsx", field="digital_government"):
    return client.post(
        reverse("import_list"),
        {"file": SimpleUploadedFile(name, data), "default_field": field},
    )


def latest_batch() -> ImportBatch:
    return ImportBatch.objects.latest("id")


def map_agency(client, batch, index_choice: dict[int, str]):
    data = {f"agency-{i}": choice for i, choice in index_choice.items()}
    return client.post(reverse("import_preview", args=[batch.pk]), data)


def test_secretariat_imports_a_real_annex_after_creating_an_unknown_agency(
    client_for, secretariat, agency_a, agency_b, finance_agency
):
    client = client_for(secretariat)
    data = real_annex()
    response = upload(client, data)
    batch = latest_batch()
    assert response.url == reverse("import_preview", args=[batch.pk])

    preview = client.get(response.url).context["preview"]
    assert [r.action for r in preview.rows] == ["error", "new", "new", "new"]
    assert [u.name for u in preview.unmatched] == ["Trung tâm Chuyển đổi số tỉnh"]
    assert "Row 11, column D" in preview.rows[0].messages[0]
    assert not preview.can_confirm

    map_agency(client, batch, {0: "new"})
    preview = client.get(reverse("import_preview", args=[batch.pk])).context["preview"]
    assert preview.counts == {"new": 4, "update": 0, "unchanged": 0, "error": 0}
    assert Task.objects.count() == 0  # the preview writes nothing

    response = client.post(reverse("import_confirm", args=[batch.pk]))
    assert response.url == reverse("import_detail", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, batch.error
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (4, 0, 0)
    assert batch.file.read() == data

    parent = Task.objects.get(title="Nâng cấp hạ tầng mạng diện rộng của tỉnh")
    assert parent.code == "57-001" and parent.field == "infrastructure"
    assert parent.due_date == date(2025, 9, 30)
    assert parent.source_article == "I. NHIỆM VỤ VỀ HẠ TẦNG SỐ"
    assert {(a.agency.name, a.role) for a in parent.assignments.select_related("agency")} == {
        ("Sở Khoa học và Công nghệ", "lead"),
        ("Sở Tài chính", "coordinating"),
        ("Trung tâm Chuyển đổi số tỉnh", "coordinating"),
    }
    survey = Task.objects.get(title="Khảo sát hạ tầng công nghệ thông tin cấp xã")
    assert survey.parent == parent and survey.due_date == date(2025, 8, 15)
    assert set(survey.assignments.values_list("agency__name", flat=True)) == {
        "Sở Khoa học và Công nghệ",
        "Sở Nội vụ",
        "Sở Tài chính",
    }
    guide = Task.objects.get(title="Hướng dẫn các xã mua sắm thiết bị")
    assert guide.deadline_text == "31/12/2025" and guide.description == "Đợt 1"
    training = Task.objects.get(title__startswith="Đào tạo")
    assert training.recurring and training.field == "human_resources"
    assert "dao tao ky nang so" in training.search_text
    # History rows carry the importing user.
    assert parent.history.get().history_user == secretariat
    assert Assignment.history.filter(history_user=secretariat).count() == 9

    # Re-importing the same file changes nothing.
    upload(client, data)
    again = latest_batch()
    preview = client.get(reverse("import_preview", args=[again.pk])).context["preview"]
    assert preview.counts == {"new": 0, "update": 0, "unchanged": 4, "error": 0}
    client.post(reverse("import_confirm", args=[again.pk]))
    again.refresh_from_db()
    assert (again.created_count, again.unchanged_count) == (0, 4)
    assert (
        Task.history.count() == 4
        and Agency.objects.filter(name="Trung tâm Chuyển đổi số tỉnh").count() == 1
    )


def test_update_by_code_and_by_identical_title_and_lead(
    client_for, secretariat, make_task, agency_a, agency_b
):
    coded = make_task("Số hóa hồ sơ hộ tịch", leads=[agency_a], deadline="Năm 2025", code="57-010")
    titled = make_task("Làm sạch dữ liệu đất đai", leads=[agency_b], deadline="Năm 2025")
    client = client_for(secretariat)
    data = simple_annex(
        [
            ["57-010", "Số hóa hồ sơ hộ tịch (giai đoạn 2)", "Sở KH&CN", "Quý IV/2025"],
            ["", " Làm sạch  dữ liệu đất đai", "SỞ NỘI VỤ", "Năm 2025"],
            ["", "Làm sạch dữ liệu đất đai", "Sở KH&CN", "Năm 2025"],
        ],
        header=["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
    )
    upload(client, data)
    batch = latest_batch()
    preview = client.get(reverse("import_preview", args=[batch.pk])).context["preview"]
    # Same title with another lead agency is another task.
    assert [r.action for r in preview.rows] == ["update", "unchanged", "new"]
    client.post(reverse("import_confirm", args=[batch.pk]))
    coded.refresh_from_db()
    titled.refresh_from_db()
    assert coded.title == "Số hóa hồ sơ hộ tịch (giai đoạn 2)"
    assert coded.due_date == date(2025, 12, 31) and coded.version == 2
    assert coded.history.first().history_user == secretariat
    assert titled.version == 1


def test_officer_imports_only_tasks_their_agency_leads(
    client_for, officer_a, agency_a, agency_b, make_task
):
    other = make_task("Nhiệm vụ của Sở Nội vụ", leads=[agency_b], code="57-020")
    client = client_for(officer_a)
    data = simple_annex(
        [
            [1, "Nhiệm vụ của Sở KH&CN", "Sở KH&CN", "", "Năm 2025"],
            [2, "Nhiệm vụ giao Sở Nội vụ", "Sở Nội vụ", "", "Năm 2025"],
        ]
    )
    upload(client, data)
    preview = client.get(reverse("import_preview", args=[latest_batch().pk])).context["preview"]
    assert [r.action for r in preview.rows] == ["new", "error"]
    assert "does not lead this task" in preview.rows[1].messages[0]
    client.post(reverse("import_confirm", args=[latest_batch().pk]))
    assert Task.objects.count() == 1  # nothing written

    # Nor may an officer update another agency's task by its code.
    data = simple_annex(
        [["57-020", "Đổi tên", "Sở KH&CN"]], header=["Mã nhiệm vụ", "Nhiệm vụ", "Chủ trì"]
    )
    upload(client, data)
    preview = client.get(reverse("import_preview", args=[latest_batch().pk])).context["preview"]
    assert preview.rows[0].action == "error"
    other.refresh_from_db()
    assert other.title == "Nhiệm vụ của Sở Nội vụ"

    data = simple_annex([[1, "Nhiệm vụ của Sở KH&CN", "Sở KH&CN", "", "Năm 2025"]])
    upload(client, data)
    client.post(reverse("import_confirm", args=[latest_batch().pk]))
    assert latest_batch().status == ImportBatch.Status.DONE
    task = Task.objects.get(title="Nhiệm vụ của Sở KH&CN")
    assert task.assignments.get().agency == agency_a


def test_mapped_agency_name_is_remembered_as_an_alias(client_for, secretariat, agency_a):
    client = client_for(secretariat)
    upload(client, simple_annex([[1, "Nhiệm vụ", "Sở Khoa học & Công nghệ tỉnh", "", "2025"]]))
    batch = latest_batch()
    map_agency(client, batch, {0: str(agency_a.pk)})
    client.post(reverse("import_confirm", args=[batch.pk]))
    agency_a.refresh_from_db()
    assert "Sở Khoa học & Công nghệ tỉnh" in agency_a.aliases
    assert Task.objects.get().assignments.get().agency == agency_a


def test_column_mapping_correction_in_the_preview(client_for, secretariat, agency_a, agency_b):
    client = client_for(secretariat)
    # "Đơn vị phối hợp" here really holds a second lead-like note the user wants ignored.
    upload(client, simple_annex([[1, "Nhiệm vụ", "Sở KH&CN", "Ông A", "2025"]]))
    batch = latest_batch()
    assert client.get(reverse("import_preview", args=[batch.pk])).context["preview"].counts["error"]
    client.post(reverse("import_preview", args=[batch.pk]), {"column-3": ""})
    preview = client.get(reverse("import_preview", args=[batch.pk])).context["preview"]
    assert preview.can_confirm and preview.annex.column_for("coordinating") is None


def test_history_and_file_are_visible_to_the_uploader_and_secretariat_only(
    client_for, secretariat, officer_a, officer_b, leader, agency_a
):
    client = client_for(officer_a)
    upload(client, simple_annex([[1, "Nhiệm vụ", "Sở KH&CN", "", "2025"]]))
    batch = latest_batch()
    assert client.get(reverse("import_file", args=[batch.pk])).status_code == 200
    client = client_for(officer_b)
    assert client.get(reverse("import_file", args=[batch.pk])).status_code == 404
    assert client.get(reverse("import_list")).context["history"].count() == 0
    client = client_for(secretariat)
    assert batch in client.get(reverse("import_list")).context["history"]
    client = client_for(leader)
    assert client.get(reverse("import_list")).status_code == 403


def test_large_file_runs_as_a_job_with_progress(
    client_for, secretariat, agency_a, django_capture_on_commit_callbacks
):
    client = client_for(secretariat)
    rows = [[i, f"Nhiệm vụ số {i}", "Sở KH&CN", "", "Quý IV/2025"] for i in range(1, 2102)]
    upload(client, simple_annex(rows))
    batch = latest_batch()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.QUEUED and len(callbacks) == 1
    page = client.get(reverse("import_detail", args=[batch.pk]), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in page.content.decode()
    callbacks[0]()  # the job runs (eagerly in tests)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.created_count == 2101
    assert Task.objects.count() == 2101
    page = client.get(reverse("import_detail", args=[batch.pk]), headers={"HX-Request": "true"})
    assert "every 2s" not in page.content.decode()
