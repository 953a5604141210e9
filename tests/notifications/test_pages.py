"""The bell, the notifications page, opening one, marking all read, the preferences."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications import kinds
from notifications.models import ChannelChoice, Notification
from notifications.services import notify


def tell(user, n: int = 1, url: str = "/tasks/"):
    for i in range(n):
        notify(
            [user],
            kinds.COMPLETION_RETURNED,
            key=f"test:{user.pk}:{Notification.objects.count()}:{i}",
            url=url,
            params={"task": f"57-{i:03d} · Nhiệm vụ {i}", "agency": "Sở KH&CN", "reason": "Thiếu"},
        )


def test_the_bell_counts_the_unread_ones(client_for, officer_a, officer_b):
    tell(officer_a, 3)
    tell(officer_b, 5)
    Notification.objects.filter(pk=Notification.objects.filter(recipient=officer_a)[0].pk).update(
        read_at=timezone.now()
    )
    page = client_for(officer_a).get(reverse("my_agency")).content.decode()
    assert 'data-unread="2"' in page
    assert reverse("notifications:preferences") in page  # in the user menu


def test_no_bell_query_for_anonymous_visitors(client, db):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("login"))
    assert not [q["sql"] for q in queries if "notifications_" in q["sql"]]


def test_the_page_lists_the_own_newest_first_unread_highlighted(client_for, officer_a, officer_b):
    tell(officer_a, 2)
    tell(officer_b, 1, url="/tasks/999/")
    page = client_for(officer_a).get(reverse("notifications:list")).content.decode()
    assert page.index("57-001") < page.index("57-000")
    assert page.count("border-primary border-3") == 2
    assert "/tasks/999/" not in page and str(
        Notification.objects.get(recipient=officer_b).pk
    ) not in [p.split("/")[-2] for p in page.split('href="/notifications/')[1:]]


def test_the_page_costs_the_same_queries_for_5_or_25_rows(
    client_for, officer_a, django_assert_num_queries
):
    client = client_for(officer_a)
    tell(officer_a, 5)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))
    tell(officer_a, 20)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("notifications:list"))
    assert len(re.findall(r'href="/notifications/\d+/"', response.content.decode())) == 20


def test_opening_marks_read_and_goes_to_the_object(client_for, officer_a):
    tell(officer_a, url="/tasks/7/")
    notification = Notification.objects.get()
    response = client_for(officer_a).get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/tasks/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_found_and_stays_unread(client_for, officer_a, officer_b):
    tell(officer_b)
    theirs = Notification.objects.get()
    client = client_for(officer_a)
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(client_for, officer_a):
    tell(officer_a, 3)
    response = client_for(officer_a).post(reverse("notifications:read_all"), follow=True)
    assert "Đã đánh dấu tất cả thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert client_for(officer_a).get(reverse("notifications:read_all")).status_code == 405


def test_preferences_keep_the_choices_and_the_language(client_for, officer_a):
    client = client_for(officer_a)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'for="id_due_soon__email"' in page and 'id="id_language"' in page
    # Browsers send the ticked boxes only.
    unticked = {kinds.OVERDUE, kinds.WEEKLY_DIGEST}
    ticked = {f"{code}__email": "on" for code in kinds.KINDS if code not in unticked}
    response = client.post(reverse("notifications:preferences"), {**ticked, "language": "en"})
    assert response.status_code == 302
    assert set(ChannelChoice.objects.values_list("kind", "channel", "enabled")) == {
        (kinds.OVERDUE, "email", False),
        (kinds.WEEKLY_DIGEST, "email", False),
    }
    officer_a.profile.refresh_from_db()
    assert officer_a.profile.language == "en"


def test_an_unknown_language_is_refused(client_for, officer_a):
    response = client_for(officer_a).post(reverse("notifications:preferences"), {"language": "zz"})
    assert response.status_code == 400
    officer_a.profile.refresh_from_db()
    assert officer_a.profile.language == ""
