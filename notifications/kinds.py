"""Every kind of notification: its name in the preferences, its texts, its default channels.

Texts are lazy and formatted with the notification's ``params`` in the reader's language, so a
notification stored once reads in Vietnamese or English. Add a kind here, nowhere else.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PORTAL, EMAIL = "portal", "email"


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise  # in the preferences page
    subject: Promise  # one line: the bell, the page, the e-mail subject
    body: Promise  # the e-mail body and the page's detail
    channels: tuple[str, ...] = (PORTAL, EMAIL)  # on unless the user turns them off


KINDS: dict[str, Kind] = {}


def _kind(code: str, label, subject, body, channels=(PORTAL, EMAIL)) -> str:
    KINDS[code] = Kind(code, label, subject, body, channels)
    return code


TASK_ASSIGNED = _kind(
    "task_assigned",
    _("Work given to my agency"),
    _("New task for %(agency)s: %(task)s"),
    _("%(committee)s has given %(agency)s the task “%(task)s” (%(role)s), due %(deadline)s."),
)
DEADLINE_CHANGED = _kind(
    "deadline_changed",
    _("Deadline changed"),
    _("Deadline changed: %(task)s"),
    _("The deadline of “%(task)s” is now %(deadline)s (it was %(previous)s)."),
)
COMPLETION_CONFIRMED = _kind(
    "completion_confirmed",
    _("Completion confirmed"),
    _("Completion confirmed: %(task)s"),
    _("The secretariat confirmed that %(agency)s completed “%(task)s”."),
)
COMPLETION_RETURNED = _kind(
    "completion_returned",
    _("Completion returned"),
    _("Completion returned: %(task)s"),
    _("The secretariat returned the completion of “%(task)s” by %(agency)s: %(reason)s"),
)
EXTENSION_REQUESTED = _kind(
    "extension_requested",
    _("Extension requested (secretariat)"),
    _("Extension requested: %(task)s"),
    _(
        "%(agency)s asks to move the deadline of “%(task)s” from %(previous)s to %(deadline)s: "
        "%(reason)s"
    ),
)
EXTENSION_GRANTED = _kind(
    "extension_granted",
    _("Extension granted"),
    _("Extension granted: %(task)s"),
    _("The deadline of “%(task)s” for %(agency)s is now %(deadline)s."),
)
EXTENSION_REFUSED = _kind(
    "extension_refused",
    _("Extension refused"),
    _("Extension refused: %(task)s"),
    _("The request to move the deadline of “%(task)s” was refused: %(reason)s"),
)
URGED = _kind(
    "urged",
    _("Urged by the secretariat"),
    _("Urged: %(task)s"),
    _("The secretariat urges %(agency)s on “%(task)s”: %(message)s"),
)
DUE_SOON = _kind(
    "due_soon",
    _("Reminder: work due soon"),
    _("Due in %(days)s day(s): %(task)s"),
    _("“%(task)s” (%(agency)s) is due on %(deadline)s."),
)
DUE_TODAY = _kind(
    "due_today",
    _("Reminder: work due today"),
    _("Due today: %(task)s"),
    _("“%(task)s” (%(agency)s) is due today, %(deadline)s."),
)
OVERDUE = _kind(
    "overdue",
    _("Reminder: work overdue"),
    _("Overdue: %(task)s"),
    _("“%(task)s” (%(agency)s) was due on %(deadline)s and is not completed."),
)
ESCALATED = _kind(
    "escalated",
    _("Escalations (members and secretariat)"),
    _("Overdue more than %(days)s days: %(task)s"),
    _("“%(task)s”, led by %(agency)s, was due on %(deadline)s and is still not completed."),
)
WEEKLY_DIGEST = _kind(
    "weekly_digest",
    _("Weekly digest (secretariat and leaders)"),
    _("Week to %(day)s: %(overdue)s newly overdue, %(completed)s completed"),
    _("%(body)s"),
)
REQUEST_STEP = _kind(
    "request_step",
    _("Commune investment requests"),
    _("%(commune)s: request “%(request)s” %(step)s"),
    _("The investment request “%(request)s” of %(commune)s %(step)s. %(detail)s"),
)


def kind_choices() -> list[tuple[str, Promise]]:
    return [(code, kind.label) for code, kind in KINDS.items()]
