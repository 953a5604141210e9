"""Delivery: once per channel however often the job runs, by the channels the user chose, in
the user's language, with a link to the portal."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from notifications import kinds
from notifications.models import ChannelChoice, Delivery, Notification
from notifications.services import deliver, deliver_pending, notify


def returned(user, key: str = "completion_returned:1:1") -> list[Notification]:
    return notify(
        [user],
        kinds.COMPLETION_RETURNED,
        key=key,
        url="/tasks/12/",
        params={
            "task": "57-012 · Số hóa hồ sơ",
            "agency": "Sở KH&CN",
            "reason": "Thiếu minh chứng",
        },
    )


def test_a_retried_job_or_the_sweep_sends_nothing_twice(officer_a, mailoutbox, delivered):
    with delivered():
        created = returned(officer_a)
        assert returned(officer_a) == []  # the same event told again: nothing new
    ids = [n.pk for n in created]
    assert deliver(ids) == 0  # the job retried
    Notification.objects.update(created_at=created[0].created_at.replace(year=2000))
    assert deliver_pending() == 0
    assert len(mailoutbox) == 1
    assert set(Delivery.objects.values_list("channel", flat=True)) == {"portal", "email"}


def test_the_e_mail_is_in_vietnamese_by_default_with_a_link(officer_a, mailoutbox, delivered):
    with delivered():
        returned(officer_a)
    message = mailoutbox[0]
    assert message.to == ["officer_a@gialai.gov.vn"]
    assert message.subject == "Trả lại báo cáo hoàn thành: 57-012 · Số hóa hồ sơ"
    assert "Lý do: Thiếu minh chứng" in message.body
    assert "http://127.0.0.1:8000/tasks/12/" in message.body
    assert "http://127.0.0.1:8000/notifications/preferences/" in message.body


def test_the_e_mail_is_in_the_language_the_user_chose(officer_a, mailoutbox, delivered):
    officer_a.profile.language = "en"
    officer_a.profile.save()
    with delivered():
        returned(officer_a)
    assert mailoutbox[0].subject == "Completion returned: 57-012 · Số hóa hồ sơ"
    assert "Open it in the portal: http://127.0.0.1:8000/tasks/12/" in mailoutbox[0].body


def test_e_mail_turned_off_still_shows_in_the_portal(officer_a, mailoutbox, delivered):
    ChannelChoice.objects.create(
        user=officer_a, kind=kinds.COMPLETION_RETURNED, channel="email", enabled=False
    )
    with delivered():
        returned(officer_a)
    assert mailoutbox == []
    assert Notification.objects.get().recipient == officer_a


def test_a_failed_e_mail_is_recorded_and_not_sent_again(officer_a, mailoutbox, delivered, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.RefusingBackend"
    with delivered():
        created = returned(officer_a)
    delivery = Delivery.objects.get(channel="email")
    assert delivery.sent_at is None and "refused" in delivery.error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver([created[0].pk]) == 0
    assert mail.outbox == []


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("refused by the relay")


def test_inactive_users_are_not_told(officer_a):
    officer_a.is_active = False
    officer_a.save()
    assert returned(officer_a) == []
