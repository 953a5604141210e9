"""The django-import-export resource of the register: the annex layout, both ways.

Import: ``tasks.annex`` reads the file into a ``tablib.Dataset`` whose headers are the
columns of :data:`HEADERS`; :class:`TaskResource` runs django-import-export's row loop over it
(dry run for the preview, for real on confirmation) and reports each row as new, update, skip
(unchanged) or invalid. It is tuned for 10,000-row annexes: the instance loader reads the
committee's tasks and assignments once (three queries) and indexes them by code and by (title,
lead agency); ``use_bulk`` drops the savepoint per row; agencies are matched in memory; and
instead of import-export's ``bulk_create`` the rows are handed to ``services.tasks_import``,
which keeps the register's invariants (history, roll-up, NFC, search text).

Export: the same resource writes the register in the same columns (``export_xlsx`` in
``tasks.exports`` lays it out).
"""

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources, widgets
from import_export.fields import Field as ResourceField
from import_export.instance_loaders import BaseInstanceLoader

from common.text import fold, nfc
from steering.models import Agency
from tasks import groups, services
from tasks.annex import cell_text
from tasks.deadlines import DeadlineError, parse_deadline
from tasks.groups import agency_key
from tasks.models import Assignment, Field, Level, Task
from tasks.services import ImportedTask
from tasks.status import Status

# The annex columns as exported, in order (the file's format, so always Vietnamese); the
# importer recognises them and their synonyms (tasks.annex.SYNONYMS).
HEADERS = {
    "number": "STT",
    "code": "Mã nhiệm vụ",
    "title": "Nội dung nhiệm vụ",
    "field": "Lĩnh vực",
    "level": "Cấp",
    "is_key": "Trọng tâm",
    "lead": "Cơ quan chủ trì",
    "coordinating": "Cơ quan phối hợp",
    "deadline": "Thời gian hoàn thành",
    "output": "Sản phẩm",
    "description": "Ghi chú",
    "article": "Mục",
    "parent": "Mã nhiệm vụ cha",
    "status": "Trạng thái",
    "percent": "Tỷ lệ hoàn thành (%)",
    "due_date": "Hạn hoàn thành (ngày)",
    "completed_on": "Ngày hoàn thành",
}
# Columns the annex reader adds to each row of the dataset (not in the file).
ROW, SECTION, SECTION_FIELD, PARENT_ROW = "_row", "_section", "_section_field", "_parent_row"
# Task attributes an import writes; compared to tell "update" from "unchanged".
TRACKED = (
    "code",
    "title",
    "field",
    "level",
    "is_key",
    "deadline_text",
    "expected_output",
    "description",
    "source_article",
    "parent_id",
)
# The column of each tracked attribute, for messages about it.
_TRACKED_COLUMNS = {
    "code": "code",
    "title": "title",
    "field": "field",
    "level": "level",
    "is_key": "is_key",
    "deadline_text": "deadline",
    "expected_output": "output",
    "description": "description",
    "source_article": "article",
    "parent_id": "parent",
}
PROGRESS_EVERY = 500  # rows between two progress reports of a running import
_YES = {"x", "co", "yes", "true", "1", "v", "✓", "✔", "trong tam"}
_NO = {"", "khong", "no", "false", "0", "-"}
_HARD_SEPARATORS = re.compile(r"\s*(?:[;\n]|\r\n?)\s*")
_SOFT_SEPARATORS = re.compile(r"(\s*,\s*|\s+và\s+|\s+and\s+|\s*&\s+)", re.IGNORECASE)
_BULLET = re.compile(r"^[-+•*–]\s*")


@dataclass
class Matched:
    """What a cell of agencies names: agencies (group members included, each once), the names
    not recognised, and the groups written, as (name as written, group)."""

    agencies: list[Agency] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    groups: list[tuple[str, str]] = field(default_factory=list)


def _identity(agency: Agency):
    """Agencies to be created have no pk yet: tell them apart by object."""
    return agency.pk if agency.pk is not None else ("new", id(agency))


class AgencyMatcher:
    """Every agency by every name it answers to (``Agency.match_keys``), plus the names the
    user mapped in the preview (``extra``: key → agency, unsaved when it is to be created), and
    the members of each group of agencies (``tasks.groups``: "UBND các xã, phường" → every
    commune's People's Committee of the committee)."""

    def __init__(
        self,
        agencies,
        extra: dict[str, Agency] | None = None,
        members: dict[str, list[Agency]] | None = None,
    ):
        self.by_key: dict[str, Agency] = {}
        for agency in agencies:
            for name in agency.match_keys():
                self.by_key.setdefault(agency_key(name), agency)
        self.by_key.update(extra or {})
        self.groups: dict[str, list[Agency]] = members or {}
        # One lookup per candidate name: an agency, or a group (a str), which wins.
        self._index: dict[str, Agency | str] = {**self.by_key, **groups.BY_KEY}

    def split(self, text: str) -> Matched:
        """Agencies and groups named in a cell, and the names not recognised.

        Cells list agencies separated by ";", ",", "và" or new lines, but "," and "và" also
        occur inside names ("Sở Văn hóa, Thể thao và Du lịch", "UBND các xã, phường"), so
        pieces are joined back into the longest known name; unknown neighbouring pieces stay
        one name. A group's name stands for its members (it wins over an agency of that name).
        """
        matched = Matched()
        found, seen = matched.agencies, set()
        for part in _HARD_SEPARATORS.split(text or ""):
            part = _BULLET.sub("", part.strip()).strip(" .")
            if not part:
                continue
            pieces = _SOFT_SEPARATORS.split(part)  # name, separator, name, ...
            names, separators = pieces[::2], pieces[1::2]
            start, pending = 0, ""
            while start < len(names):
                for end in range(len(names), start, -1):
                    candidate = _join(names, separators, start, end)
                    hit = self._index.get(agency_key(candidate))
                    if hit is not None:
                        if pending:
                            matched.unknown.append(pending)
                            pending = ""
                        if isinstance(hit, str):  # a group: its members
                            matched.groups.append((nfc(candidate.strip()), hit))
                            members = self.groups.get(hit, ())
                        else:
                            members = (hit,)
                        for agency in members:
                            identity = _identity(agency)
                            if identity not in seen:
                                seen.add(identity)
                                found.append(agency)
                        start = end
                        break
                else:
                    glue = separators[start - 1] if pending else ""
                    pending = f"{pending}{glue}{names[start]}"
                    start += 1
            if pending:
                matched.unknown.append(pending)
        matched.unknown = [nfc(name) for name in matched.unknown if nfc(name)]
        return matched


def _join(names: list[str], separators: list[str], start: int, end: int) -> str:
    text = names[start]
    for i in range(start + 1, end):
        text += separators[i - 1] + names[i]
    return text


def _choices_by_label(choices) -> dict[str, str]:
    """Value and label (Vietnamese and English) of each choice, folded → value."""
    index = {}
    for language in ("vi", "en"):
        with translation.override(language):
            for value, label in choices:
                index[fold(str(label))] = value
    index.update({fold(value): value for value, _label in choices})
    return index


@functools.cache
def _status_index() -> dict[str, str]:
    return _choices_by_label(Status.choices)


class ChoiceWidget(widgets.Widget):
    """A choice written as its label in either language, or its stored value."""

    def __init__(self, choices, message):
        super().__init__()
        self.choices, self.message, self._index = choices, message, None

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        if self._index is None:
            self._index = _choices_by_label(self.choices)
        try:
            return self._index[fold(text)]
        except KeyError:
            raise ValueError(str(self.message) % {"value": text}) from None


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        folded = fold(cell_text(value))
        if folded in _YES:
            return True
        if folded in _NO:
            return False
        raise ValueError(
            _('"%(value)s" is not yes or no; write "x" or leave it empty.') % {"value": value}
        )


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)


def _text(attribute: str, key: str) -> ResourceField:
    return ResourceField(attribute=attribute, column_name=HEADERS[key], widget=TextWidget())


def _info(key: str) -> ResourceField:
    """A column exported for information (or resolved by the resource), not set by a widget."""
    return ResourceField(column_name=HEADERS[key])


class TaskLoader(BaseInstanceLoader):
    """The committee's tasks in two queries, found by code, else by title and lead agency."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        tasks = list(resource.get_queryset())
        self.by_code = {t.code: t for t in tasks}
        by_id = {t.pk: t for t in tasks}
        self.roles: dict[int, dict[int, str]] = defaultdict(dict)
        self.by_title_lead: dict[tuple[str, int], Task] = {}
        assignments = Assignment.objects.filter(task__committee=resource.committee).values_list(
            "task_id", "agency_id", "role"
        )
        for task_id, agency_id, role in assignments:
            self.roles[task_id][agency_id] = role
            if role == Assignment.Role.LEAD:
                key = (fold(by_id[task_id].title), agency_id)
                self.by_title_lead.setdefault(key, by_id[task_id])

    def get_instance(self, row):
        code = cell_text(row.get(HEADERS["code"], ""))
        if code:
            return self.by_code.get(code)
        title = self.resource.current.folded_title
        for agency in self.resource.current.leads:
            task = self.by_title_lead.get((title, agency.pk))
            if task is not None:
                return task
        return None


@dataclass
class RowAgencies:
    leads: list[Agency] = field(default_factory=list)
    coordinators: list[Agency] = field(default_factory=list)
    unknown: dict[str, list[str]] = field(default_factory=dict)  # column key → names
    groups: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key → (name, group)
    folded_title: str = ""


@dataclass
class GroupUse:
    """A group of agencies written in the file: as first written, its members, the rows."""

    name: str
    group: str
    count: int
    rows: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return groups.expansion_label(self.name, self.group, self.count)


class TaskResource(resources.ModelResource):
    """Tasks of one committee in the annex layout (see the module docstring)."""

    number = _info("number")
    code = _text("code", "code")
    title = _text("title", "title")
    field = ResourceField(
        attribute="field",
        column_name=HEADERS["field"],
        widget=ChoiceWidget(Field.choices, gettext_lazy('"%(value)s" is not a known field.')),
        saves_null_values=False,
    )
    level = ResourceField(
        attribute="level",
        column_name=HEADERS["level"],
        widget=ChoiceWidget(Level.choices, gettext_lazy('"%(value)s" is not a known level.')),
        saves_null_values=False,
    )
    is_key = ResourceField(attribute="is_key", column_name=HEADERS["is_key"], widget=YesNoWidget())
    lead = _info("lead")
    coordinating = _info("coordinating")
    deadline = _text("deadline_text", "deadline")
    output = _text("expected_output", "output")
    description = _text("description", "description")
    article = _text("source_article", "article")
    parent = _info("parent")
    status = _info("status")
    percent = _info("percent")
    due_date = _info("due_date")
    completed_on = _info("completed_on")

    class Meta:
        model = Task
        fields = tuple(HEADERS)
        # Rows are matched by code, else by title and lead agency: see TaskLoader.
        import_id_fields = ()
        instance_loader_class = TaskLoader
        # Rows are collected and written by services.tasks_import in one go: no savepoint
        # per row, no per-row save.
        use_bulk = True
        skip_diff = True
        clean_model_instances = False  # checked row by row below, and by the service
        report_skipped = True

    def __init__(
        self,
        *,
        committee=None,
        user=None,
        default_field: str = "",
        agencies: AgencyMatcher | None = None,
        officer_agency: Agency | None = None,
        progress=None,
    ):
        """Import needs all but ``officer_agency`` (None: secretariat) and ``progress`` (a
        callable given the number of rows checked); export needs none."""
        super().__init__()
        self.committee, self.user, self.default_field = committee, user, default_field
        self.agencies, self.officer_agency, self.progress = agencies, officer_agency, progress
        self.plan: list[ImportedTask] = []
        self.by_row: dict[int, ImportedTask] = {}
        self.codes_seen: dict[str, int] = {}
        self.keys_seen: dict[tuple[str, int], int] = {}
        # Agency names not recognised: key → (name as written, rows), for the preview.
        self.unknown_names: dict[str, tuple[str, list[int]]] = {}
        # Groups of agencies written in the file, and what each row's groups expand to.
        self.group_uses: dict[str, GroupUse] = {}
        self.row_groups: dict[int, list[str]] = {}
        self.current = RowAgencies()
        self.loader: TaskLoader | None = None
        self._export_number = 0

    # --- import -----------------------------------------------------------------------------

    def get_queryset(self):
        return Task.objects.filter(committee=self.committee)

    def get_instance(self, instance_loader, row):
        self.loader = instance_loader  # with or without a code column: see TaskLoader
        return instance_loader.get_instance(row)

    def init_instance(self, row=None):
        return Task(committee_id=self.committee.pk, level=Level.PROVINCE)

    def before_import_row(self, row, **kwargs):
        current = RowAgencies(folded_title=fold(cell_text(row.get(HEADERS["title"], ""))))
        for key in ("lead", "coordinating"):
            matched = self.agencies.split(cell_text(row.get(HEADERS[key], "")))
            if matched.unknown:
                current.unknown[key] = matched.unknown
            if matched.groups:
                current.groups[key] = matched.groups
            if key == "lead":
                current.leads = matched.agencies
            elif matched.agencies:
                leads = {_identity(a) for a in current.leads}
                current.coordinators = [a for a in matched.agencies if _identity(a) not in leads]
        self.current = current

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_before = None if new else tuple(getattr(instance, a) for a in TRACKED)

    def import_instance(self, instance, row, **kwargs):
        """Set the file's values on the task; errors are keyed by column header."""
        errors: dict[str, list[str]] = defaultdict(list)
        for resource_field in self.get_import_fields():
            if resource_field.attribute and resource_field.column_name in row:
                try:
                    resource_field.save(instance, row, **kwargs)
                except ValueError as exc:
                    errors[resource_field.column_name].append(str(exc))
        new = instance._import_before is None
        row_number = row[ROW]
        if not new and not instance.code:  # matched by title and lead; keeps its code
            instance.code = instance._import_before[TRACKED.index("code")]
        if not instance.field:
            instance.field = row.get(SECTION_FIELD) or self.default_field
        if HEADERS["article"] not in row and row.get(SECTION):
            instance.source_article = row[SECTION]
        if not instance.title:
            errors[HEADERS["title"]].append(
                _("The task is empty (or a formula without a saved value).")
            )
        for key, attribute in (("code", "code"), ("deadline", "deadline_text")):
            limit = Task._meta.get_field(attribute).max_length
            if len(getattr(instance, attribute)) > limit:
                errors[HEADERS[key]].append(
                    _("Longer than %(limit)s characters.") % {"limit": limit}
                )
        instance.source_article = instance.source_article[:128]
        try:
            parsed = parse_deadline(instance.deadline_text)
            instance.deadline_text, instance.due_date = parsed.text, parsed.due_date
            instance.recurring = parsed.recurring
        except DeadlineError as exc:
            errors[HEADERS["deadline"]].append(str(exc))
        self._check_agencies(instance, new, row_number, errors)
        self._check_info_columns(row, errors)
        parent = self._parent(instance, row, errors)
        self._check_duplicates(instance, row_number, errors)
        item = ImportedTask(
            task=instance,
            is_new=new,
            fields_changed=new,
            leads=self.current.leads,
            coordinators=self.current.coordinators,
            parent=parent,
        )
        if not new:
            after = tuple(getattr(instance, a) for a in TRACKED)
            roles = self.loader.roles.get(instance.pk, {})
            moved = parent is not None and parent.task.pk != instance.parent_id
            item.fields_changed = after != instance._import_before or moved
            item.assignments_changed = any(
                roles.get(a.pk) != role for a, role in item.wanted_roles()
            )
            if self.officer_agency is not None:
                self._refuse_changes(instance, item, moved, errors)
        if errors:
            raise ValidationError(dict(errors))
        self.by_row[row_number] = item
        instance._import_item = item

    def _check_agencies(self, instance, new, row_number, errors) -> None:
        for key, written in self.current.groups.items():
            for name, group in written:
                count = len(self.agencies.groups.get(group, ()))
                use = self.group_uses.setdefault(group, GroupUse(name, group, count))
                if not use.rows or use.rows[-1] != row_number:
                    use.rows.append(row_number)
                role = Assignment.Role.LEAD if key == "lead" else Assignment.Role.COORDINATING
                self.row_groups.setdefault(row_number, []).append(
                    f"{role.label}: {groups.expansion_label(name, group, count)}"
                )
                if not count:
                    errors[HEADERS[key]].append(groups.empty_message(name, group))
        for key, names in self.current.unknown.items():
            for name in names:
                self.unknown_names.setdefault(agency_key(name), (name, []))[1].append(row_number)
                errors[HEADERS[key]].append(self._unknown_message() % {"name": name})
        written = self.current.unknown.get("lead") or self.current.groups.get("lead")
        if new and not self.current.leads and not written:
            errors[HEADERS["lead"]].append(_("A new task needs a lead agency."))
        officer = self.officer_agency
        if officer is None:
            return
        # An officer's agency must lead the task in the file and, for an update, already.
        leads = self.current.leads
        in_file = any(a.pk == officer.pk for a in leads) or (not new and not leads)
        led_now = new or self.loader.roles.get(instance.pk, {}).get(officer.pk) == "lead"
        if not (in_file and led_now):
            errors[HEADERS["lead"]].append(
                _(
                    "Your agency (%(agency)s) does not lead this task; "
                    "only the secretariat can import it."
                )
                % {"agency": officer.short_name or officer.name}
            )

    def _unknown_message(self) -> str:
        if self.officer_agency is None:
            return _('Agency "%(name)s" is not known: choose it or create it below.')
        return _(
            'Agency "%(name)s" is not known: choose it below, or ask the secretariat to create it.'
        )

    def _refuse_changes(self, instance, item: ImportedTask, moved: bool, errors) -> None:
        """An officer's import creates tasks; changing an existing one (its deadline above
        all: the late unit would clear its own lateness) is for the secretariat."""
        before = dict(zip(TRACKED, instance._import_before, strict=True))
        for attribute, key in _TRACKED_COLUMNS.items():
            if getattr(instance, attribute) == before[attribute]:
                continue
            if attribute == "deadline_text":
                message = _(
                    "Only the secretariat can change the deadline of an existing task (here "
                    'from "%(old)s" to "%(new)s"); ask it for an extension, or keep the '
                    "deadline as it is in the register."
                ) % {"old": before[attribute] or "—", "new": instance.deadline_text or "—"}
            elif attribute == "title":
                message = _(
                    'Only the secretariat can rename an existing task (its title is "%(old)s").'
                ) % {"old": Truncator(before[attribute]).chars(80)}
            else:
                message = _(
                    "Only the secretariat can change an existing task; keep this column as it "
                    "is in the register."
                )
            errors[HEADERS[key]].append(message)
        if moved and not errors.get(HEADERS["parent"]):
            errors[HEADERS["parent"]].append(
                _(
                    "Only the secretariat can change an existing task; keep this column as it "
                    "is in the register."
                )
            )
        if item.assignments_changed:
            roles = self.loader.roles.get(instance.pk, {})
            for key, wanted, role in (
                ("lead", item.leads, Assignment.Role.LEAD),
                ("coordinating", item.coordinators, Assignment.Role.COORDINATING),
            ):
                if any(roles.get(a.pk) != role for a in wanted):
                    errors[HEADERS[key]].append(
                        _(
                            "Only the secretariat can change the lead or coordinating agencies "
                            "of an existing task."
                        )
                    )

    def _check_info_columns(self, row, errors) -> None:
        """Status and percent are not imported, but a wrong value shows a shifted column."""
        header = HEADERS["percent"]
        value = row.get(header, "")
        text = cell_text(value).rstrip("%").strip().replace(",", ".")
        if text:
            try:
                number = float(text)
            except ValueError:
                number = -1
            if not 0 <= number <= 100:
                errors[header].append(
                    _('"%(value)s" is not a percentage between 0 and 100.') % {"value": value}
                )
        header = HEADERS["status"]
        status = cell_text(row.get(header, ""))
        if status and fold(status) not in _status_index():
            errors[header].append(_('"%(value)s" is not a known status.') % {"value": status})

    def _parent(self, instance, row, errors) -> ImportedTask | None:
        code = cell_text(row.get(HEADERS["parent"], ""))
        parent = None
        if code:
            parent = next((i for i in self.by_row.values() if i.task.code == code), None)
            if parent is None and code in self.loader.by_code:
                existing = self.loader.by_code[code]
                parent = ImportedTask(existing, False, False, [], [])
            if parent is None:
                errors[HEADERS["parent"]].append(
                    _('No task has the code "%(code)s".') % {"code": code}
                )
        elif row.get(PARENT_ROW):
            parent = self.by_row.get(row[PARENT_ROW])
        elif HEADERS["parent"] in row:
            instance.parent_id = None  # the file says: no parent
        if parent is not None and parent.task is instance:
            errors[HEADERS["parent"]].append(_("A task cannot be its own parent."))
            return None
        if parent is not None and parent.task.pk is not None:
            instance.parent_id = parent.task.pk
        return parent

    def _check_duplicates(self, instance, row_number, errors) -> None:
        if instance.code:
            first = self.codes_seen.setdefault(instance.code, row_number)
            if first != row_number:
                errors[HEADERS["code"]].append(
                    _('Code "%(code)s" already appears in row %(row)s.')
                    % {"code": instance.code, "row": first}
                )
            return
        if not self.current.folded_title:  # an empty task: reported as such
            return
        for agency in self.current.leads[:1]:
            key = (self.current.folded_title, agency.pk or id(agency))
            first = self.keys_seen.setdefault(key, row_number)
            if first != row_number:
                errors[HEADERS["title"]].append(
                    _("The same task with the same lead agency is already in row %(row)s.")
                    % {"row": first}
                )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        item = getattr(instance, "_import_item", None)
        return item is not None and not (
            item.is_new or item.fields_changed or item.assignments_changed
        )

    def save_instance(self, instance, is_create, row, **kwargs):
        self.plan.append(instance._import_item)

    def after_import_row(self, row, row_result, **kwargs):
        number = kwargs.get("row_number", 0)
        if self.progress and number % PROGRESS_EVERY == 0:
            self.progress(number)

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        services.tasks_import(committee=self.committee, user=self.user, rows=self.plan)

    # --- export -----------------------------------------------------------------------------

    def dehydrate_number(self, task):
        self._export_number += 1
        return self._export_number

    def _names(self, task, role) -> str:
        return "; ".join(a.agency.name for a in task.assignments.all() if a.role == role)

    def dehydrate_lead(self, task):
        return self._names(task, Assignment.Role.LEAD)

    def dehydrate_coordinating(self, task):
        return self._names(task, Assignment.Role.COORDINATING)

    def dehydrate_field(self, task):
        return task.get_field_display()

    def dehydrate_level(self, task):
        return task.get_level_display()

    def dehydrate_is_key(self, task):
        return "x" if task.is_key else ""

    def dehydrate_parent(self, task):
        return task.parent.code if task.parent_id else ""

    def dehydrate_status(self, task):
        return task.get_status_display()

    def dehydrate_percent(self, task):
        return task.percent

    def dehydrate_due_date(self, task):
        return task.due_date

    def dehydrate_completed_on(self, task):
        return task.completed_on
