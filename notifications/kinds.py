"""Every kind of notification: its name in the preferences, its texts, its default channels.

Texts are lazy and formatted with the notification's ``params`` in the reader's language, so a
notification stored once reads in Vietnamese or English. Add a kind here, nowhere else.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

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
    # Params holding a code (a role, a workflow step), and the text each code reads as,
    # itself formatted with the params: stored once, they read in the reader's language.
    phrases: Mapping[str, Mapping[str, Promise]] = field(default_factory=dict)
    # Sent by bundling channels (e-mail) in the recipient's daily digest, not one by one.
    digest: bool = False

    def text(self, template: Promise, params: dict) -> str:
        values = dict(params)
        for name, texts in self.phrases.items():
            if params.get(name) in texts:
                values[name] = str(texts[params[name]]) % params
        return str(template) % values


KINDS: dict[str, Kind] = {}


def _kind(code: str, label, subject, body, channels=(PORTAL, EMAIL), **options) -> str:
    KINDS[code] = Kind(code, label, subject, body, channels, **options)
    return code


ROLES = {"lead": _("as lead agency"), "coordinating": _("as coordinating agency")}


TASK_ASSIGNED = _kind(
    "task_assigned",
    _("Work given to my agency"),
    _("New task for %(agency)s: %(task)s"),
    _("%(committee)s has given %(agency)s the task “%(task)s” (%(role)s), due %(deadline)s."),
    phrases={"role": ROLES},
)
TASKS_IMPORTED = _kind(
    "tasks_imported",
    _("Work given to my agency by an Excel import"),
    _("%(count)s new task(s) for %(agency)s"),
    _(
        "%(committee)s has imported a list of tasks from Excel: %(agency)s leads %(leads)s "
        "and coordinates %(coordinating)s of them, the first “%(task)s”."
    ),
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
    digest=True,
)
DUE_TODAY = _kind(
    "due_today",
    _("Reminder: work due today"),
    _("Due today: %(task)s"),
    _("“%(task)s” (%(agency)s) is due today, %(deadline)s."),
    digest=True,
)
OVERDUE = _kind(
    "overdue",
    _("Reminder: work overdue"),
    _("Overdue by %(days)s day(s): %(task)s"),
    _("“%(task)s” (%(agency)s) was due on %(deadline)s and is not completed."),
    digest=True,
)
ESCALATED = _kind(
    "escalated",
    _("Escalations (members and secretariat)"),
    _("Overdue more than %(days)s days: %(task)s"),
    _("“%(task)s”, led by %(agency)s, was due on %(deadline)s and is still not completed."),
    digest=True,
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
    phrases={
        "step": {
            "submitted": _("was submitted for review"),
            "returned": _("was returned for revision"),
            "approved": _("was approved for %(amount)s"),
            "rejected": _("was rejected"),
            "allocated": _("was allocated %(amount)s (decision %(decision)s)"),
            "disbursed": _("was paid %(amount)s (reference %(reference)s)"),
        }
    },
)


def kind_choices() -> list[tuple[str, Promise]]:
    return [(code, kind.label) for code, kind in KINDS.items()]
