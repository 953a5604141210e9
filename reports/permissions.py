"""Who sees, requests and downloads reports. Every report page and download scopes its lookups
through these functions, so a forgotten check returns nothing rather than everything.

- Secretariat (and administrators): request and retry reports of their committees.
- Leaders: read and download them.
- Everyone else: no access (the reports hold every agency's figures).
"""

from django.db.models import QuerySet

from reports.models import Report
from steering import roles
from steering.models import Committee
from steering.permissions import committees_visible_to, visible_committee_ids

READERS = (roles.Role.SECRETARIAT, roles.Role.LEADER, roles.Role.ADMINISTRATOR)


def reports_visible_to(user) -> QuerySet[Report]:
    if not roles.reads_everything(user):
        return Report.objects.none()
    return Report.objects.filter(committee_id__in=visible_committee_ids(user))


def can_request_reports(user) -> bool:
    return roles.is_secretariat(user)


def committees_reportable_by(user) -> QuerySet[Committee]:
    """Committees the user may request reports for: their own and those below it."""
    if not can_request_reports(user):
        return Committee.objects.none()
    return committees_visible_to(user)


def reports_retryable_by(user) -> QuerySet[Report]:
    if not can_request_reports(user):
        return Report.objects.none()
    return reports_visible_to(user)
