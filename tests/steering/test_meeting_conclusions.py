"""A meeting's conclusion notice and the tasks its items become; documents' files and the tasks
that cite them."""

from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from steering import services
from steering.authz import Role
from steering.models import Meeting
from tasks.models import Assignment, Task
from tasks.services import progress_log
from tests.factories import AgencyFactory, DocumentFactory, MeetingFactory, make_user

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="thong-bao-ket-luan.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, "application/pdf")


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee, title="Phiên họp quý III", held_on=date(2025, 7, 15))


@pytest.fixture
def other_officer(other_committee):
    agency = AgencyFactory(committee=other_committee, name="Sở KH&CN tỉnh khác")
    return make_user("other_officer", Role.AGENCY_OFFICER, other_committee, agency)


@pytest.fixture
def other_secretariat(other_committee):
    return make_user("other_secretariat", Role.SECRETARIAT, other_committee)


def item(n: int, title="", leads=(), coordinators=(), deadline="", field="digital_government"):
    """The POST fields of item ``n`` of the formset."""
    prefix = f"items-{n}-"
    return {
        f"{prefix}title": title,
        f"{prefix}field": field,
        f"{prefix}leads": [a.pk for a in leads],
        f"{prefix}coordinators": [a.pk for a in coordinators],
        f"{prefix}deadline": deadline,
    }


def conclusion_post(*items, number="12-TB/BCĐ", issued_on="20/07/2025", file=None, total=None):
    data = {
        "number": number,
        "issued_on": issued_on,
        "items-TOTAL_FORMS": total or max(len(items), 3),
        "items-INITIAL_FORMS": 0,
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 50,
    }
    for fields in items:
        data.update(fields)
    if file is not None:
        data["file"] = file
    return data


def test_secretariat_records_the_notice_and_assigns_three_tasks_in_one_post(
    client_for, secretariat, meeting, agency_a, agency_b, committee
):
    data = conclusion_post(
        item(0, "Hoàn thành Kế hoạch chuyển đổi số", [agency_a], [agency_b], "30/08/2025"),
        item(1, "Thành lập Ban Chỉ đạo cấp xã", [agency_b], [], "15/08/2025"),
        # An agency both lead and coordinating leads.
        item(2, "Báo cáo nhu cầu mua sắm", [agency_a, agency_b], [agency_a], "30/07/2025"),
        item(3, field=""),  # a row left empty
        file=pdf(),
        total=4,
    )
    response = client_for(secretariat).post(reverse("meeting_conclude", args=[meeting.pk]), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.conclusion_number, meeting.conclusion_date) == ("12-TB/BCĐ", date(2025, 7, 20))
    assert meeting.conclusion_file_name == "thong-bao-ket-luan.pdf"
    assert meeting.conclusion_file_type == "application/pdf"
    tasks = {t.title: t for t in Task.objects.filter(meeting=meeting)}
    assert len(tasks) == 3
    first = tasks["Hoàn thành Kế hoạch chuyển đổi số"]
    assert (first.committee, first.due_date, first.deadline_text) == (
        committee,
        date(2025, 8, 30),
        "30/08/2025",
    )
    roles = dict(first.assignments.values_list("agency__name", "role"))
    assert roles == {
        agency_a.name: Assignment.Role.LEAD,
        agency_b.name: Assignment.Role.COORDINATING,
    }
    both = tasks["Báo cáo nhu cầu mua sắm"].assignments.values_list("role", flat=True)
    assert sorted(both) == [Assignment.Role.LEAD, Assignment.Role.LEAD]
    # Created through the register's service: numbered, and in the change history by its author.
    assert all(t.code.startswith("57-") for t in tasks.values())
    assert first.history.get().history_user == secretariat


def test_meeting_page_lists_its_tasks_with_their_progress(
    client_for, secretariat, leader, meeting, agency_a, make_task
):
    task = make_task("Nhiệm vụ giao tại phiên họp", leads=[agency_a], deadline="30/08/2025")
    task.meeting = meeting
    task.save()
    make_task("Nhiệm vụ khác", leads=[agency_a])
    progress_log(
        assignment=task.assignments.get(),
        user=secretariat,
        percent=40,
        completed=False,
        note="Đang triển khai",
        effective_date=date(2025, 8, 1),
    )

    page = client_for(leader).get(reverse("meeting_detail", args=[meeting.pk])).content.decode()

    assert task.code in page and "Nhiệm vụ giao tại phiên họp" in page
    assert 'aria-valuenow="40"' in page
    assert "Sở KH&amp;CN" in page  # the lead
    assert "Nhiệm vụ khác" not in page


def test_leader_sees_the_meeting_but_cannot_assign_its_conclusions(
    client_for, leader, meeting, agency_a
):
    client = client_for(leader)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert 'id="conclusion-form"' not in page
    data = conclusion_post(item(0, "Nhiệm vụ", [agency_a], [], "30/08/2025"))
    response = client.post(reverse("meeting_conclude", args=[meeting.pk]), data)
    assert response.status_code == 403
    assert not Task.objects.exists()


def test_secretariat_sees_the_conclusion_form(client_for, secretariat, meeting):
    page = client_for(secretariat).get(reverse("meeting_detail", args=[meeting.pk]))
    assert 'id="conclusion-form"' in page.content.decode()
    assert 'id="items-empty"' in page.content.decode()  # the template "Add an item" copies


@pytest.mark.parametrize("persona", ["other_officer", "other_secretariat"])
def test_another_province_does_not_find_the_meeting(
    persona, request, client_for, meeting, agency_a
):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("meeting_detail", args=[meeting.pk])).status_code == 404
    data = conclusion_post(item(0, "Nhiệm vụ", [agency_a], [], "30/08/2025"))
    assert client.post(reverse("meeting_conclude", args=[meeting.pk]), data).status_code == 404
    assert not Task.objects.exists()


def test_meeting_page_queries_do_not_grow_with_its_tasks(
    client_for, leader, meeting, agency_a, agency_b, make_task, django_assert_num_queries
):
    def assign(n):
        for i in range(n):
            task = make_task(f"Nhiệm vụ {i}", leads=[agency_a, agency_b], coordinators=[])
            Task.objects.filter(pk=task.pk).update(meeting=meeting)

    client = client_for(leader)
    url = reverse("meeting_detail", args=[meeting.pk])
    assign(1)
    client.get(url)  # sessions, caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    assign(6)
    with django_assert_num_queries(len(one)):
        page = client.get(url).content.decode()
    assert page.count("data-task=") == 7


def test_conclusion_form_queries_do_not_grow_with_its_rows(client_for, secretariat, meeting):
    """Every row's two agency lists come from one query: a form sent back with 12 rows costs
    what one with 4 rows does."""
    for i in range(30):
        AgencyFactory(name=f"Ủy ban nhân dân xã {i}")
    client = client_for(secretariat)
    url = reverse("meeting_conclude", args=[meeting.pk])
    counts = []
    for rows in (4, 12):
        # Titles without leads or deadlines: every row is refused, nothing is saved.
        data = conclusion_post(*(item(n, f"Nội dung {n}") for n in range(rows)), total=rows)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data)
        assert response.status_code == 400
        assert response.content.decode().count("Ủy ban nhân dân xã 29") == 2 * (rows + 1)
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- Files ---------------------------------------------------------------------------------


def test_conclusion_file_downloads_for_whoever_sees_the_meeting(
    client_for, secretariat, officer_a, other_officer, meeting
):
    services.meeting_conclude(
        meeting=meeting,
        user=secretariat,
        number="12-TB/BCĐ",
        issued_on=date(2025, 7, 20),
        upload=pdf(),
    )
    url = reverse("meeting_conclusion_file", args=[meeting.pk])

    response = client_for(officer_a).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "thong-bao-ket-luan.pdf" in response["Content-Disposition"]
    assert client_for(other_officer).get(url).status_code == 404


def test_meeting_without_a_notice_file_has_nothing_to_download(client_for, secretariat, meeting):
    url = reverse("meeting_conclusion_file", args=[meeting.pk])
    assert client_for(secretariat).get(url).status_code == 404


def test_document_file_downloads_only_for_those_who_see_the_document(
    client_for, secretariat, officer_a, other_officer, committee, other_committee, tenants
):
    document = DocumentFactory(committee=committee, number="15-KH/BCĐ")
    services.document_attach(document=document, user=secretariat, upload=pdf("ke-hoach.pdf"))
    _, ward = tenants
    ward_secretariat = make_user("ward_secretariat", Role.SECRETARIAT, ward)
    url = reverse("document_file", args=[document.pk])

    for user in (officer_a, ward_secretariat):  # the committee's own, and the one below it
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
    assert client_for(other_officer).get(url).status_code == 404
    # The sibling province's document, even with a file, is not found.
    theirs = DocumentFactory(committee=other_committee, number="15-KH/BCĐ")
    services.document_attach(
        document=theirs,
        user=make_user("their_sec", Role.SECRETARIAT, other_committee),
        upload=pdf(),
    )
    assert client_for(officer_a).get(reverse("document_file", args=[theirs.pk])).status_code == 404


def test_secretariat_uploads_a_documents_file_and_others_may_not(
    client_for, secretariat, leader, committee
):
    document = DocumentFactory(committee=committee)
    url = reverse("document_attach", args=[document.pk])
    assert client_for(leader).post(url, {"file": pdf()}).status_code == 403

    response = client_for(secretariat).post(url, {"file": pdf("ke-hoach-15.pdf")})
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.file_name, document.file_type) == ("ke-hoach-15.pdf", "application/pdf")


def test_document_file_of_a_disallowed_type_is_refused(client_for, secretariat, committee):
    document = DocumentFactory(committee=committee)
    fake = SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client_for(secretariat).post(
        reverse("document_attach", args=[document.pk]), {"file": fake}
    )
    assert response.status_code == 400
    assert "ke-hoach.pdf" in response.content.decode()
    document.refresh_from_db()
    assert not document.file


def test_upper_committees_document_cannot_be_changed_below(client_for, tenants, committee):
    central, ward = tenants
    document = DocumentFactory(committee=committee)
    ward_secretariat = make_user("ward_secretariat", Role.SECRETARIAT, ward)
    url = reverse("document_attach", args=[document.pk])
    assert client_for(ward_secretariat).post(url, {"file": pdf()}).status_code == 403


def test_document_page_lists_the_tasks_citing_it(
    client_for, secretariat, officer_b, committee, agency_a, agency_b, make_task
):
    document = DocumentFactory(committee=committee, number="15-KH/BCĐ")
    ours = make_task("Nhiệm vụ của Sở Nội vụ", leads=[agency_b], source_document=document)
    theirs = make_task("Nhiệm vụ của Sở Khoa học", leads=[agency_a], source_document=document)
    make_task("Nhiệm vụ không dẫn văn bản", leads=[agency_b])
    url = reverse("document_detail", args=[document.pk])

    page = client_for(secretariat).get(url).content.decode()
    assert ours.title in page and theirs.title in page
    assert "Nhiệm vụ không dẫn văn bản" not in page
    # An officer sees the citing tasks their agency works on, no others.
    page = client_for(officer_b).get(url).content.decode()
    assert ours.title in page and theirs.title not in page


def test_document_page_queries_do_not_grow_with_citing_tasks(
    client_for, leader, committee, agency_a, make_task, django_assert_num_queries
):
    document = DocumentFactory(committee=committee)
    client = client_for(leader)
    url = reverse("document_detail", args=[document.pk])
    make_task("Nhiệm vụ 0", leads=[agency_a], source_document=document)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(1, 6):
        make_task(f"Nhiệm vụ {i}", leads=[agency_a], source_document=document)
    with django_assert_num_queries(len(one)):
        page = client.get(url).content.decode()
    assert page.count("data-task=") == 6


# --- Bad input -----------------------------------------------------------------------------

TOO_LARGE = PDF_BYTES + b"0" * settings.UPLOAD_MAX_FILE_BYTES


@pytest.mark.parametrize(
    "row, file, message",
    [
        ({"title": ""}, None, "Nội dung kết luận 2, Nội dung (tên nhiệm vụ):"),
        ({"leads": []}, None, "Nội dung kết luận 2, Cơ quan chủ trì"),
        ({"deadline": ""}, None, "Nội dung kết luận 2, Thời hạn:"),
        ({"deadline": "14/07/2025"}, None, "trước phiên họp (15/07/2025)"),
        ({"deadline": "31/12/9999"}, None, "Nội dung kết luận 2, Thời hạn:"),
        ({"field": ""}, None, "Nội dung kết luận 2, Lĩnh vực:"),
        ({}, pdf("lon.pdf", TOO_LARGE), "vượt quá"),
        ({}, SimpleUploadedFile("tb.exe", b"MZ\x90\x00", "application/pdf"), "chỉ chấp nhận"),
        ({}, SimpleUploadedFile("tb.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"), "tb.pdf"),
    ],
)
def test_bad_input_saves_nothing_and_names_the_row_and_field(
    row, file, message, client_for, secretariat, meeting, agency_a, agency_b
):
    second = {"title": "Nhiệm vụ thứ hai", "leads": [agency_b], "deadline": "30/08/2025", **row}
    data = conclusion_post(
        item(0, "Nhiệm vụ thứ nhất", [agency_a], [], "30/08/2025"),
        item(1, **second),
        file=file,
    )
    response = client_for(secretariat).post(reverse("meeting_conclude", args=[meeting.pk]), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Chưa lưu gì" in page
    assert message in page
    assert not Task.objects.exists()
    meeting.refresh_from_db()
    assert (meeting.conclusion_number, meeting.conclusion_file.name) == ("", "")


def test_notice_dated_before_the_meeting_is_refused(client_for, secretariat, meeting, agency_a):
    data = conclusion_post(
        item(0, "Nhiệm vụ", [agency_a], [], "30/08/2025"), issued_on="14/07/2025"
    )
    response = client_for(secretariat).post(reverse("meeting_conclude", args=[meeting.pk]), data)
    assert response.status_code == 400
    assert "không thể ban hành trước phiên họp" in response.content.decode()
    assert not Task.objects.exists()
    meeting.refresh_from_db()
    assert meeting.conclusion_number == ""


def test_agency_of_another_province_is_refused(
    client_for, secretariat, meeting, other_committee, agency_a
):
    stranger = AgencyFactory(committee=other_committee, name="Sở lạ")
    data = conclusion_post(item(0, "Nhiệm vụ", [agency_a, stranger], [], "30/08/2025"))
    response = client_for(secretariat).post(reverse("meeting_conclude", args=[meeting.pk]), data)
    assert response.status_code == 400
    assert not Task.objects.exists()


def test_a_failing_item_undoes_the_notice_and_the_items_before_it(
    secretariat, meeting, agency_a, other_committee
):
    """The service is all-or-nothing, whoever calls it."""
    stranger = AgencyFactory(committee=other_committee, name="Sở lạ")
    items = [
        services.ConclusionItem(
            "Nhiệm vụ một", "digital_government", [agency_a], [], date(2025, 8, 30)
        ),
        services.ConclusionItem(
            "Nhiệm vụ hai", "digital_government", [stranger], [], date(2025, 8, 30)
        ),
    ]
    with pytest.raises(ValidationError, match="Nội dung kết luận 2: .*Sở lạ"):
        services.meeting_conclude(
            meeting=meeting,
            user=secretariat,
            number="12-TB/BCĐ",
            issued_on=date(2025, 7, 20),
            items=items,
        )
    assert not Task.objects.exists()
    assert Meeting.objects.get(pk=meeting.pk).conclusion_number == ""
