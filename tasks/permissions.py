"""Who sees and changes which tasks. Every task page, form, API call and download scopes its
queries through these functions, so a forgotten check returns nothing rather than everything.

- Secretariat: manage every task of their committee (and the committees below it).
- Leaders and administrators: read everything in their committees.
- Agency and commune officers: see the tasks their agency leads or coordinates; log progress
  only on their own agency's assignments.
- Other roles tied to an agency (reviewer, finance): see that agency's tasks; do not report.
"""

from django.db.models import Exists, OuterRef, QuerySet

from steering import roles
from steering.permissions import visible_committee_ids
from tasks.models import Assignment, Evidence, ImportBatch, Task


def tasks_visible_to(user) -> QuerySet[Task]:
    tasks = Task.objects.filter(committee_id__in=visible_committee_ids(user))
    if roles.reads_everything(user):
        return tasks
    agency_id = roles.agency_id_of(user)
    if agency_id is None:
        return tasks.none()
    return tasks.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), agency_id=agency_id)))


def assignments_visible_to(user) -> QuerySet[Assignment]:
    return Assignment.objects.filter(task__in=tasks_visible_to(user))


def assignments_reportable_by(user) -> QuerySet[Assignment]:
    """Assignments the user may log progress on: officers, their own agency's; the secretariat,
    any (on an agency's behalf). Reviewers and finance staff read but do not report."""
    assignments = Assignment.objects.filter(task__committee_id__in=visible_committee_ids(user))
    if roles.is_secretariat(user):
        return assignments
    agency_id = roles.agency_id_of(user)
    if agency_id is None or not roles.is_officer(user):
        return assignments.none()
    return assignments.filter(agency_id=agency_id)


def can_manage_tasks(user) -> bool:
    """Create, edit, assign, cancel tasks and confirm completions: the secretariat."""
    return roles.is_secretariat(user)


def tasks_manageable_by(user) -> QuerySet[Task]:
    if not can_manage_tasks(user):
        return Task.objects.none()
    return Task.objects.filter(committee_id__in=visible_committee_ids(user))


def evidence_visible_to(user) -> QuerySet[Evidence]:
    return Evidence.objects.filter(update__assignment__task__in=tasks_visible_to(user))


def can_import_tasks(user) -> bool:
    """Import annexes: the secretariat any task, an officer only tasks their agency leads
    (checked row by row by ``tasks.resources.TaskResource``)."""
    if roles.committee_id_of(user) is None:
        return False
    return roles.is_secretariat(user) or (
        roles.is_officer(user) and roles.agency_id_of(user) is not None
    )


def import_batches_visible_to(user) -> QuerySet[ImportBatch]:
    """The import history: the committee's for the secretariat, one's own for officers."""
    if not can_import_tasks(user):
        return ImportBatch.objects.none()
    batches = ImportBatch.objects.filter(committee_id=roles.committee_id_of(user))
    return batches if roles.is_secretariat(user) else batches.filter(created_by=user)
