"""Group assignments (issue 9, item 6): "UBND các xã, phường" and "các sở, ban, ngành".

A group name stands for every commune's People's Committee (or every provincial department) of
the committee: in an annex and in the task form it becomes one assignment per agency, so each
commune finds the task in its own register.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from steering.authz import Role
from steering.models import Agency
from tasks import groups
from tasks.groups import AgencyGroup
from tasks.models import Assignment, ImportBatch, Task
from tests.factories import AgencyFactory, make_user
from tests.tasks.import_annexes import real_annex, simple_annex


@pytest.fixture
def communes(committee, commune_agency, other_committee):
    """Four communes and wards of our province (one more inactive), one of another province."""
    ours = [commune_agency] + [
        AgencyFactory(name=f"Ủy ban nhân dân xã Ia {name}", kind=Agency.Kind.COMMUNE)
        for name in ("Grai", "Pa", "Hrú")
    ]
    AgencyFactory(name="Ủy ban nhân dân xã đã sáp nhập", kind=Agency.Kind.COMMUNE, is_active=False)
    AgencyFactory(
        committee=other_committee, name="Ủy ban nhân dân phường Minh Xuân", kind="commune"
    )
    return ours


@pytest.fixture
def departments(agency_a, agency_b, other_committee):
    AgencyFactory(committee=other_committee, name="Sở Tài chính", kind="department")
    return [agency_a, agency_b, AgencyFactory(name="Sở Tài chính", short_name="STC")]


def upload(client, data: bytes) -> ImportBatch:
    client.post(
        reverse("import_list"),
        {"file": SimpleUploadedFile("phu-luc.xlsx", data), "default_field": "infrastructure"},
    )
    return ImportBatch.objects.latest("id")


def preview_of(client, batch):
    return client.get(reverse("import_preview", args=[batch.pk]))


def confirm(client, batch) -> ImportBatch:
    client.post(reverse("import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    return batch


def roles_of(task) -> set[tuple[str, str]]:
    return {(a.agency.name, a.role) for a in task.assignments.select_related("agency")}


# --- The phrases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "UBND các xã, phường",
        "Ủy ban nhân dân các xã, phường",
        "ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG",
        "ubnd  cac xa,phuong",
        "các xã, phường",
        "Cac xa , phuong",
        "UBND cấp xã",
        "UBND CAP XA",
        "Ủy ban nhân dân cấp xã",
    ],
)
def test_every_spelling_of_all_communes_is_recognised(name):
    assert groups.group_of(name) == AgencyGroup.COMMUNES


@pytest.mark.parametrize("name", ["các sở, ban, ngành", "CÁC SỞ BAN NGÀNH", "cac so, ban, nganh"])
def test_every_spelling_of_all_departments_is_recognised(name):
    assert groups.group_of(name) == AgencyGroup.DEPARTMENTS


@pytest.mark.parametrize(
    "name", ["UBND phường Pleiku", "Sở Nội vụ", "UBND tỉnh", "các xã khó khăn"]
)
def test_agency_names_are_not_groups(name):
    assert groups.group_of(name) is None


# --- The importer ---------------------------------------------------------------------------


def test_an_annex_row_led_by_all_communes_gets_one_lead_per_commune_seen_by_every_commune(
    client_for, secretariat, commune_officer, communes, departments
):
    client = client_for(secretariat)
    batch = upload(
        client,
        simple_annex(
            [
                [
                    1,
                    "Thành lập Ban Chỉ đạo cấp xã",
                    "UBND các xã, phường",
                    "Sở Nội vụ",
                    "15/8/2025",
                ],
                [2, "Kiện toàn tổ công nghệ số cộng đồng", "Sở KH&CN", "", "Quý IV/2025"],
            ]
        ),
    )
    response = preview_of(client, batch)
    preview = response.context["preview"]
    assert preview.can_confirm and preview.counts["new"] == 2
    assert [use.label for use in preview.groups] == ["UBND các xã, phường → 4 xã, phường"]
    assert preview.groups[0].rows == [2]
    assert preview.rows[0].expansions == ["Chủ trì: UBND các xã, phường → 4 xã, phường"]
    assert "UBND các xã, phường → 4 xã, phường" in response.content.decode()

    assert confirm(client, batch).status == ImportBatch.Status.DONE
    task = Task.objects.get(title="Thành lập Ban Chỉ đạo cấp xã")
    assert roles_of(task) == {(c.name, "lead") for c in communes} | {("Sở Nội vụ", "coordinating")}
    assert Assignment.history.filter(history_user=secretariat, task_id=task.pk).count() == 5

    # Every commune officer finds it in their register, the other province's communes do not.
    for commune in communes:
        officer = make_user(
            f"officer-{commune.pk}", Role.COMMUNE_OFFICER, commune.committee, commune
        )
        assert task in Task.objects.restrict(officer)
    assert task in Task.objects.restrict(commune_officer)
    page = client_for(commune_officer).get(reverse("task_list"))
    assert task in page.context["page"].object_list


def test_a_cell_mixes_groups_and_named_agencies_and_a_lead_is_not_also_coordinating(
    client_for, secretariat, communes, departments
):
    client = client_for(secretariat)
    batch = upload(
        client,
        simple_annex(
            [
                [
                    1,
                    "Khảo sát hạ tầng công nghệ thông tin",
                    "Sở KH&CN",
                    "các sở, ban, ngành và UBND cấp xã; Trung tâm mới",
                    "Năm 2025",
                ]
            ]
        ),
    )
    preview = preview_of(client, batch).context["preview"]
    assert [use.label for use in preview.groups] == [
        "các sở, ban, ngành → 3 sở, ban, ngành",
        "UBND cấp xã → 4 xã, phường",
    ]
    assert [u.name for u in preview.unmatched] == ["Trung tâm mới"]
    client.post(reverse("import_preview", args=[batch.pk]), {"agency-0": "new"})
    assert confirm(client, batch).status == ImportBatch.Status.DONE
    task = Task.objects.get()
    assert roles_of(task) == (
        {("Sở Khoa học và Công nghệ", "lead")}
        | {(d.name, "coordinating") for d in departments[1:]}
        | {(c.name, "coordinating") for c in communes}
        | {("Trung tâm mới", "coordinating")}
    )


def test_the_real_annex_with_a_group_then_reimported_is_unchanged(
    client_for, secretariat, communes, departments
):
    body = [
        ["I", "NHIỆM VỤ VỀ HẠ TẦNG SỐ"],
        [1, "Trang bị máy tính cho bộ phận một cửa", "UBND các xã, phường", "Sở Tài chính", ""],
        ["1.1", "Hướng dẫn mua sắm thiết bị", "Sở KH&CN", "Ủy ban nhân dân các xã, phường", ""],
    ]
    client = client_for(secretariat)
    batch = upload(client, real_annex(body))
    assert preview_of(client, batch).context["preview"].counts["new"] == 2
    assert confirm(client, batch).status == ImportBatch.Status.DONE
    assert Assignment.objects.filter(role="lead", agency__kind="commune").count() == 4
    assert Assignment.objects.filter(role="coordinating", agency__kind="commune").count() == 4

    again = upload(client, real_annex(body))
    preview = preview_of(client, again).context["preview"]
    assert preview.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}


def test_a_group_without_agencies_is_an_error_naming_row_and_column(
    client_for, secretariat, agency_a
):
    client = client_for(secretariat)
    batch = upload(client, simple_annex([[1, "Nhiệm vụ", "UBND các xã, phường", "", "2025"]]))
    preview = preview_of(client, batch).context["preview"]
    assert preview.rows[0].messages == [
        'Dòng 2, cột C (Đơn vị chủ trì): "UBND các xã, phường" là tất cả UBND các xã, phường '
        "của Ban Chỉ đạo, nhưng chưa có xã, phường nào được đăng ký."
    ]
    assert confirm(client, batch).status == ImportBatch.Status.FAILED
    assert not Task.objects.exists()


def test_group_expansion_is_written_in_bulk(client_for, secretariat, committee, agency_a):
    """The queries of a confirmed import do not grow with the size of the group."""
    rows = [[i, f"Nhiệm vụ {i}", "UBND các xã, phường", "Sở KH&CN", "2025"] for i in range(1, 21)]

    def confirmed_queries(username) -> int:
        user = make_user(username, Role.SECRETARIAT, committee, agency_a)
        client = client_for(user)
        Task.objects.all().delete()
        batch = upload(client, simple_annex(rows))
        with CaptureQueriesContext(connection) as queries:
            assert confirm(client, batch).status == ImportBatch.Status.DONE
        return len(queries)

    AgencyFactory.create_batch(3, kind=Agency.Kind.COMMUNE)
    few = confirmed_queries("few")
    AgencyFactory.create_batch(132, kind=Agency.Kind.COMMUNE)
    many = confirmed_queries("many")
    assert many == few
    assert Assignment.objects.filter(role="lead").count() == 20 * 135


# --- The task form --------------------------------------------------------------------------


def test_the_task_form_offers_all_communes_and_all_departments_with_their_size(
    client_for, secretariat, communes, departments
):
    response = client_for(secretariat).get(reverse("task_create"))
    page = response.content.decode()
    form = response.context["form"]
    expected = [
        ("communes", "Tất cả UBND các xã, phường — 4 xã, phường"),
        ("departments", "Tất cả các sở, ban, ngành — 3 sở, ban, ngành"),
    ]
    assert list(form.fields["lead_groups"].choices) == expected
    assert list(form.fields["coordinating_groups"].choices) == expected
    assert 'name="lead_groups" value="communes"' in page
    assert 'name="coordinating_groups" value="departments"' in page


def test_the_task_form_expands_groups_to_one_assignment_per_agency(
    client_for, secretariat, commune_officer, communes, departments
):
    response = client_for(secretariat).post(
        reverse("task_create"),
        {
            "title": "Báo cáo nhu cầu mua sắm thiết bị",
            "field": "infrastructure",
            "level": "province",
            "deadline_text": "Trước 30/7/2025",
            "leads": [departments[0].pk],
            "lead_groups": ["communes"],
            "coordinating_groups": ["departments"],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    task = Task.objects.get()
    assert roles_of(task) == (
        {(c.name, "lead") for c in communes}
        | {("Sở Khoa học và Công nghệ", "lead")}
        | {(d.name, "coordinating") for d in departments[1:]}
    )
    assert task in Task.objects.restrict(commune_officer)
    assert Assignment.history.filter(history_user=secretariat).count() == 7


def test_the_task_form_needs_a_lead_agency_or_group_and_refuses_unknown_groups(
    client_for, secretariat, communes, departments
):
    client = client_for(secretariat)
    fields = {"title": "X", "field": "infrastructure", "level": "province", "deadline_text": ""}
    response = client.post(reverse("task_create"), fields)
    assert response.status_code == 400
    assert response.context["form"].errors["leads"] == [
        "Hãy chọn ít nhất một cơ quan hoặc nhóm cơ quan chủ trì."
    ]
    response = client.post(reverse("task_create"), {**fields, "lead_groups": ["everyone"]})
    assert response.status_code == 400 and "lead_groups" in response.context["form"].errors
    assert not Task.objects.exists()


def test_the_task_form_hides_a_group_without_agencies_and_the_edit_form_has_none(
    client_for, secretariat, agency_a, make_task
):
    client = client_for(secretariat)
    form = client.get(reverse("task_create")).context["form"]
    assert [value for value, _label in form.fields["lead_groups"].choices] == ["departments"]
    task = make_task("Nhiệm vụ", leads=[agency_a])
    form = client.get(reverse("task_edit", args=[task.pk])).context["form"]
    assert "lead_groups" not in form.fields and "coordinating_groups" not in form.fields


def test_the_blank_template_suggests_the_groups_before_the_agencies(client_for, officer_a):
    response = client_for(officer_a).get(reverse("task_template"))
    lists = load_workbook(io.BytesIO(response.content))["Danh mục"]
    names = [c.value for c in lists["A"]]
    assert names[:3] == ["UBND các xã, phường", "Các sở, ban, ngành", "Sở Khoa học và Công nghệ"]
