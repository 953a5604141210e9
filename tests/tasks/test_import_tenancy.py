"""The importer inside the tenant (issue 9, item 5).

Names are matched against the batch committee's own agencies; aliases and created agencies stay
in it; only the secretariat creates agencies or teaches them names; an officer imports new tasks
their agency leads and may not change an existing one (its deadline above all). Pages are read
in Vietnamese, the default language, so the messages are asserted as officers read them.
"""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from steering.authz import Role
from steering.models import Agency
from tasks import services
from tasks.models import Assignment, ImportBatch, Task
from tasks.services import ImportedTask
from tasks.status import OVERDUE_CATEGORIES
from tests.factories import AgencyFactory, make_user
from tests.tasks.import_annexes import simple_annex

CODED = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]


@pytest.fixture
def other_agencies(other_committee):
    """The sibling province's departments: one with our agency's name, one we do not have."""
    return {
        "science": AgencyFactory(
            committee=other_committee, name="Sở Khoa học và Công nghệ", short_name="Sở KH&CN"
        ),
        "education": AgencyFactory(
            committee=other_committee, name="Sở Giáo dục và Đào tạo", short_name="SGDĐT"
        ),
    }


def upload(client, data: bytes) -> ImportBatch:
    client.post(
        reverse("import_list"),
        {"file": SimpleUploadedFile("phu-luc.xlsx", data), "default_field": "digital_government"},
    )
    return ImportBatch.objects.latest("id")


def preview_of(client, batch):
    response = client.get(reverse("import_preview", args=[batch.pk]))
    assert response.status_code == 200
    return response


def confirm(client, batch) -> ImportBatch:
    client.post(reverse("import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    return batch


def snapshot():
    """Everything an import may write: nothing of it may change after a refused import."""
    return (
        list(Task.objects.order_by("pk").values()),
        list(Assignment.objects.order_by("pk").values()),
        list(Agency.objects.order_by("pk").values()),
        Task.history.count(),
        Assignment.history.count(),
    )


# --- Matching stays inside the tenant --------------------------------------------------------


def test_names_match_only_the_own_committee_agencies(
    client_for, secretariat, agency_a, other_agencies
):
    client = client_for(secretariat)
    batch = upload(
        client,
        simple_annex(
            [
                [1, "Nhiệm vụ khoa học", "Sở Khoa học và Công nghệ", "", "Năm 2025"],
                [2, "Nhiệm vụ giáo dục", "Sở Giáo dục và Đào tạo", "", "Năm 2025"],
            ]
        ),
    )
    preview = preview_of(client, batch).context["preview"]
    # Another province's "Sở Giáo dục và Đào tạo" is not ours: unknown, never matched.
    assert [r.action for r in preview.rows] == ["new", "error"]
    assert [u.name for u in preview.unmatched] == ["Sở Giáo dục và Đào tạo"]
    assert preview.rows[1].messages == [
        'Dòng 3, cột C (Đơn vị chủ trì): Không nhận ra cơ quan "Sở Giáo dục và Đào tạo": vui '
        "lòng chọn cơ quan tương ứng hoặc tạo mới ở bên dưới."
    ]


def test_the_mapper_offers_only_the_own_committee_agencies(
    client_for, secretariat, agency_a, agency_b, other_agencies
):
    client = client_for(secretariat)
    batch = upload(client, simple_annex([[1, "Nhiệm vụ", "Sở GD&ĐT", "", "Năm 2025"]]))
    response = preview_of(client, batch)
    assert set(response.context["agencies"]) == {agency_a, agency_b}
    page = response.content.decode()
    assert f'value="{agency_a.pk}"' in page
    assert f'value="{other_agencies["education"].pk}"' not in page
    assert 'value="new"' in page  # the secretariat may create it


def test_a_forged_agency_of_another_province_is_refused_and_nothing_is_learnt(
    client_for, secretariat, agency_a, other_agencies
):
    client = client_for(secretariat)
    batch = upload(client, simple_annex([[1, "Nhiệm vụ", "Sở GD&ĐT", "", "Năm 2025"]]))
    foreign = other_agencies["education"]
    response = client.post(
        reverse("import_preview", args=[batch.pk]),
        {"agency-0": str(foreign.pk), "column-3": ""},
    )
    assert response.status_code == 400
    assert 'Cơ quan được chọn cho "Sở GD&ĐT" không thuộc Ban Chỉ đạo của bạn.' in [
        str(m) for m in response.context["messages"]
    ]
    batch.refresh_from_db()
    assert batch.agency_map == {} and batch.column_map == {}  # nothing recorded, not even columns
    assert confirm(client, batch).status == ImportBatch.Status.FAILED
    foreign.refresh_from_db()
    assert foreign.aliases == "" and not Task.objects.exists()


def test_a_forged_agency_stored_in_the_batch_is_never_used(
    client_for, secretariat, agency_a, other_agencies
):
    """Even written into the batch directly (an older batch, another caller), a foreign
    agency is not used nor taught the name."""
    client = client_for(secretariat)
    batch = upload(client, simple_annex([[1, "Nhiệm vụ", "Sở GD&ĐT", "", "Năm 2025"]]))
    foreign = other_agencies["education"]
    batch.agency_map = {"so gd&dt": {"name": "Sở GD&ĐT", "agency": str(foreign.pk)}}
    batch.save()
    assert preview_of(client, batch).context["preview"].counts["error"] == 1
    assert confirm(client, batch).status == ImportBatch.Status.FAILED
    foreign.refresh_from_db()
    assert foreign.aliases == "" and not Task.objects.exists()


def test_secretariat_creates_agencies_and_teaches_names_in_its_own_committee_only(
    client_for, secretariat, agency_a, other_agencies, other_committee
):
    client = client_for(secretariat)
    batch = upload(
        client,
        simple_annex(
            [[1, "Nhiệm vụ", "Sở KH và CN tỉnh", "Trung tâm Chuyển đổi số tỉnh", "Năm 2025"]]
        ),
    )
    names = [u.name for u in preview_of(client, batch).context["preview"].unmatched]
    assert names == ["Sở KH và CN tỉnh", "Trung tâm Chuyển đổi số tỉnh"]
    client.post(
        reverse("import_preview", args=[batch.pk]),
        {"agency-0": str(agency_a.pk), "agency-1": "new"},
    )
    assert confirm(client, batch).status == ImportBatch.Status.DONE
    created = Agency.objects.get(name="Trung tâm Chuyển đổi số tỉnh")
    assert created.committee == secretariat.profile.committee
    agency_a.refresh_from_db()
    other_agencies["science"].refresh_from_db()
    assert agency_a.aliases == "Sở KH và CN tỉnh"
    assert other_agencies["science"].aliases == ""  # same name, other province: untouched
    other_secretariat = make_user("other_secretariat", Role.SECRETARIAT, other_committee)
    assert created not in Agency.objects.restrict(other_secretariat, "use")
    assert created not in Agency.objects.restrict(other_secretariat)


# --- Officers: no agencies created, no names taught ------------------------------------------


def test_officer_preview_offers_no_creation_and_the_server_refuses_it(
    client_for, officer_a, agency_a, agency_b
):
    client = client_for(officer_a)
    batch = upload(client, simple_annex([[1, "Nhiệm vụ", "Sở KH&CN", "Trung tâm mới", "Năm 2025"]]))
    page = preview_of(client, batch).content.decode()
    assert 'value="new"' not in page
    assert "lựa chọn chỉ áp dụng cho tệp này" in page
    before = snapshot()
    response = client.post(reverse("import_preview", args=[batch.pk]), {"agency-0": "new"})
    assert response.status_code == 400
    assert (
        'Chỉ Tổ giúp việc mới được tạo cơ quan: hãy chọn một cơ quan đã có cho "Trung tâm mới", '
        "hoặc đề nghị Tổ giúp việc tạo cơ quan này."
        in [str(m) for m in response.context["messages"]]
    )
    batch.refresh_from_db()
    assert batch.agency_map == {}
    assert confirm(client, batch).status == ImportBatch.Status.FAILED
    assert snapshot() == before


def test_officer_new_choice_stored_in_the_batch_creates_nothing(client_for, officer_a, agency_a):
    client = client_for(officer_a)
    batch = upload(client, simple_annex([[1, "Nhiệm vụ", "Sở KH&CN", "Trung tâm mới", "Năm 2025"]]))
    batch.agency_map = {"trung tam moi": {"name": "Trung tâm mới", "agency": "new"}}
    batch.save()
    before = snapshot()
    assert confirm(client, batch).status == ImportBatch.Status.FAILED
    assert snapshot() == before


def test_officer_mapping_holds_for_the_file_only_and_teaches_no_alias(
    client_for, officer_a, agency_a, agency_b
):
    client = client_for(officer_a)
    batch = upload(client, simple_annex([[1, "Nhiệm vụ", "Sở KH&CN", "Nội vụ tỉnh", "Năm 2025"]]))
    client.post(reverse("import_preview", args=[batch.pk]), {"agency-0": str(agency_b.pk)})
    assert confirm(client, batch).status == ImportBatch.Status.DONE
    task = Task.objects.get()
    assert {(a.agency, a.role) for a in task.assignments.all()} == {
        (agency_a, "lead"),
        (agency_b, "coordinating"),
    }
    agency_b.refresh_from_db()
    assert agency_b.aliases == ""


# --- Officers import new tasks; changes to existing ones are the secretariat's ---------------


@pytest.fixture
def overdue_task(make_task, agency_a):
    with time_machine.travel(date(2025, 6, 1)):
        return make_task(
            "Xây dựng cơ sở dữ liệu khoa học",
            leads=[agency_a],
            deadline="Quý IV/2025",
            code="57-031",
        )


@time_machine.travel(date(2026, 2, 2))
def test_an_officer_cannot_move_rename_or_reassign_their_own_overdue_task(
    client_for, officer_a, agency_a, agency_b, other_agencies, overdue_task
):
    """The issue's scenario: the late unit's import moved its deadline from "Quý IV/2025" to
    31/12/2030, renamed the task, added a co-lead, created an agency and taught a name to
    another province's department. Every part is refused, with the row and column named."""
    today = timezone.localdate()
    assert Task.objects.with_timeliness(today).get().category in OVERDUE_CATEGORIES
    client = client_for(officer_a)
    batch = upload(
        client,
        simple_annex(
            [
                [
                    "57-031",
                    "Xây dựng cơ sở dữ liệu khoa học (điều chỉnh)",
                    "Sở KH&CN; Sở Nội vụ",
                    "Sở GD&ĐT",
                    date(2030, 12, 31),
                ],
                ["", "Nhiệm vụ mới của Sở", "Sở KH&CN", "", "Năm 2026"],
            ],
            header=CODED,
        ),
    )
    before = snapshot()
    foreign = other_agencies["education"]
    for choice in ("new", str(foreign.pk)):
        response = client.post(reverse("import_preview", args=[batch.pk]), {"agency-0": choice})
        assert response.status_code == 400

    preview = preview_of(client, batch).context["preview"]
    assert [r.action for r in preview.rows] == ["error", "new"]
    messages = preview.rows[0].messages
    assert (
        "Dòng 2, cột B (Nhiệm vụ): Chỉ Tổ giúp việc mới được đổi tên nhiệm vụ đã có (tên hiện "
        'tại: "Xây dựng cơ sở dữ liệu khoa học").' in messages
    )
    assert (
        "Dòng 2, cột E (Thời hạn): Chỉ Tổ giúp việc mới được thay đổi thời hạn của nhiệm vụ đã "
        'có (ở đây từ "Quý IV/2025" thành "31/12/2030"); hãy đề nghị Tổ giúp việc gia hạn, hoặc '
        "giữ nguyên thời hạn như trong sổ theo dõi." in messages
    )
    assert (
        "Dòng 2, cột C (Cơ quan chủ trì): Chỉ Tổ giúp việc mới được thay đổi cơ quan chủ trì, "
        "phối hợp của nhiệm vụ đã có." in messages
    )
    assert not preview.can_confirm

    # All or nothing: the new task of row 3 is not imported either.
    assert confirm(client, batch).status == ImportBatch.Status.FAILED
    assert "Dòng 2, cột E (Thời hạn)" in batch.error
    assert snapshot() == before
    task = Task.objects.with_timeliness(today).get()
    assert task.deadline_text == "Quý IV/2025" and task.category in OVERDUE_CATEGORIES
    foreign.refresh_from_db()
    assert foreign.aliases == "" and not Agency.objects.filter(name="Sở GD&ĐT").exists()


def test_an_officer_may_not_add_coordinating_agencies_or_change_other_columns(
    client_for, officer_a, agency_a, agency_b, overdue_task
):
    client = client_for(officer_a)
    header = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm"]
    batch = upload(
        client,
        simple_annex(
            [["57-031", "Xây dựng cơ sở dữ liệu khoa học", "Sở KH&CN", "Sở Nội vụ", "Phần mềm"]],
            header=header,
        ),
    )
    messages = preview_of(client, batch).context["preview"].rows[0].messages
    assert messages == [
        "Dòng 2, cột E (Sản phẩm): Chỉ Tổ giúp việc mới được sửa nhiệm vụ đã có; hãy giữ "
        "nguyên nội dung cột này như trong sổ theo dõi.",
        "Dòng 2, cột D (Cơ quan phối hợp): Chỉ Tổ giúp việc mới được thay đổi cơ quan chủ trì, "
        "phối hợp của nhiệm vụ đã có.",
    ]


def test_an_officer_reimporting_unchanged_rows_imports_only_the_new_ones(
    client_for, officer_a, agency_a, overdue_task
):
    client = client_for(officer_a)
    batch = upload(
        client,
        simple_annex(
            [
                ["57-031", "Xây dựng cơ sở dữ liệu khoa học", "Sở KH&CN", "", "Quý IV/2025"],
                ["", "Nhiệm vụ mới của Sở", "Sở KH&CN", "", "Năm 2026"],
            ],
            header=CODED,
        ),
    )
    preview = preview_of(client, batch).context["preview"]
    assert [r.action for r in preview.rows] == ["unchanged", "new"]
    batch = confirm(client, batch)
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (1, 0, 1)
    overdue_task.refresh_from_db()
    assert overdue_task.version == 1


def test_the_secretariat_may_still_move_a_deadline_by_import(
    client_for, secretariat, agency_a, overdue_task
):
    client = client_for(secretariat)
    batch = upload(
        client,
        simple_annex(
            [["57-031", "Xây dựng cơ sở dữ liệu khoa học", "Sở KH&CN", "", "Năm 2026"]],
            header=CODED,
        ),
    )
    assert [r.action for r in preview_of(client, batch).context["preview"].rows] == ["update"]
    assert confirm(client, batch).status == ImportBatch.Status.DONE
    overdue_task.refresh_from_db()
    assert overdue_task.deadline_text == "Năm 2026"


# --- Access ---------------------------------------------------------------------------------


def test_another_province_never_sees_our_import_batches(
    client_for, secretariat, agency_a, other_committee
):
    batch = upload(client_for(secretariat), simple_annex([[1, "Nhiệm vụ", "Sở KH&CN", "", "2025"]]))
    other_secretariat = make_user("other_secretariat", Role.SECRETARIAT, other_committee)
    client = client_for(other_secretariat)
    for name in ("import_preview", "import_detail", "import_file"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    assert client.post(reverse("import_confirm", args=[batch.pk])).status_code == 404
    assert batch not in client.get(reverse("import_list")).context["history"]


def test_the_import_service_rechecks_the_tenant(
    secretariat, officer_a, agency_a, other_agencies, committee, other_committee
):
    task = Task(committee=committee, title="Nhiệm vụ", field="innovation")
    row = ImportedTask(task, True, True, [other_agencies["science"]], [])
    with pytest.raises(ValidationError):
        services.tasks_import(committee=committee, user=secretariat, rows=[row])
    row = ImportedTask(task, True, True, [agency_a], [])
    with pytest.raises(PermissionDenied):
        services.tasks_import(committee=other_committee, user=secretariat, rows=[row])
    assert not Task.objects.exists()
