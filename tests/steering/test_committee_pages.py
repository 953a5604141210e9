import pytest
from django.urls import reverse

from steering.models import Member
from tests.factories import DocumentFactory, MeetingFactory, MemberFactory

HOMES = [
    ("secretariat", "tasks/dashboard.html"),
    ("leader", "tasks/dashboard.html"),
    ("administrator", "tasks/dashboard.html"),
    ("officer_a", "tasks/my_agency.html"),
    ("commune_officer", "tasks/my_agency.html"),
    ("reviewer", "communes/review_queue.html"),
    ("finance", "communes/finance_queue.html"),
]


@pytest.mark.parametrize("persona, template", HOMES)
def test_each_role_sees_its_home_page(persona, template, request, client_for, committee):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert response.templates[0].name == template


def test_committee_overview_lists_the_users_committees(client_for, reviewer, committee):
    page = client_for(reviewer).get(reverse("committee_overview")).content.decode()
    assert committee.name in page


def test_anonymous_visitor_is_sent_to_login(client, committee):
    for url in [
        reverse("home"),
        reverse("committee_detail", args=[committee.pk]),
        reverse("meeting_list"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_leader_cannot_reach_the_admin(client_for, leader):
    client = client_for(leader)
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/steering/member/").status_code == 403


def test_administrator_reaches_the_admin(client_for, administrator):
    assert client_for(administrator).get("/admin/steering/agency/?q=s").status_code == 200


def test_committee_page_groups_members_by_role_in_order(client_for, secretariat, committee):
    MemberFactory(committee=committee, full_name="Thành viên Một", role=Member.Role.MEMBER)
    MemberFactory(committee=committee, full_name="Trưởng ban Hai", role=Member.Role.HEAD)
    MemberFactory(committee=committee, full_name="Phó ban Ba", role=Member.Role.DEPUTY_HEAD)
    MemberFactory(committee=committee, full_name="Chuyên gia Bốn", agency=None)
    page = (
        client_for(secretariat)
        .get(reverse("committee_detail", args=[committee.pk]))
        .content.decode()
    )
    assert page.index("Trưởng ban Hai") < page.index("Phó ban Ba") < page.index("Thành viên Một")
    assert "Trưởng ban" in page  # Vietnamese role heading by default


def test_another_committees_pages_are_not_found(client_for, secretariat, other_committee):
    client = client_for(secretariat)
    meeting = MeetingFactory(committee=other_committee, title="Họp tỉnh khác")
    assert client.get(reverse("committee_detail", args=[other_committee.pk])).status_code == 404
    assert client.get(reverse("meeting_detail", args=[meeting.pk])).status_code == 404
    assert "Họp tỉnh khác" not in client.get(reverse("meeting_list")).content.decode()


def test_parent_committee_user_sees_child_committee(client_for, secretariat, committee):
    from tests.factories import CommitteeFactory

    child = CommitteeFactory(name="Ban Chỉ đạo phường Pleiku", level="commune", parent=committee)
    assert (
        client_for(secretariat).get(reverse("committee_detail", args=[child.pk])).status_code == 200
    )


def test_meeting_detail_shows_conclusion_and_attendees(client_for, leader, committee):
    chair = MemberFactory(committee=committee, full_name="Trần Minh Khoa", role=Member.Role.HEAD)
    meeting = MeetingFactory(
        committee=committee,
        chair=chair,
        conclusion_number="40-TB/BCĐ",
        summary="Kết luận phiên họp",
    )
    meeting.attendees.add(chair)
    page = client_for(leader).get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert "40-TB/BCĐ" in page and "Kết luận phiên họp" in page and "Trần Minh Khoa" in page
    assert "15/07/2025" in page  # dd/mm/yyyy


def test_documents_list_searches_and_paginates(client_for, officer_a, db):
    DocumentFactory(number="57-NQ/TW", title="Nghị quyết về đột phá phát triển khoa học")
    for _ in range(30):
        DocumentFactory()
    client = client_for(officer_a)
    page = client.get(reverse("document_list"), {"q": "57-NQ"}).content.decode()
    assert "57-NQ/TW" in page and "Kế hoạch số" not in page
    assert "Trang 1/2" in client.get(reverse("document_list")).content.decode()


def test_list_pages_use_constant_queries(
    client_for, secretariat, committee, django_assert_max_num_queries
):
    client = client_for(secretariat)
    for _ in range(3):
        MeetingFactory(committee=committee, chair=MemberFactory(committee=committee))
    client.get(reverse("meeting_list"))
    for _ in range(20):
        MeetingFactory(committee=committee, chair=MemberFactory(committee=committee))
    with django_assert_max_num_queries(9):  # one of them: the navigation's queue counts
        client.get(reverse("meeting_list"))
