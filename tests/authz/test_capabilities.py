"""The capability table, written out by hand, against ``steering.authz.CAPABILITIES``; and the
rules of ``restrict``: loud when missing, empty for anonymous users and users of no committee.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group

from steering import authz
from steering.authz import CAPABILITIES, RULES, TENANT_PATHS, Capability, Role
from tasks.models import Reminder, Task
from tests.factories import make_user

C = Capability
COLUMNS = {
    "all": C.VIEW_ALL,  # read every task, dashboard and indicator of the committee
    "rep": C.VIEW_REPORTS,  # read and download reports
    "req": C.REQUEST_REPORTS,  # request and retry reports
    "iss": C.ISSUE_REPORTS,  # issue a report with its number (then frozen), correct it
    "tsk": C.MANAGE_TASKS,  # create, edit, assign, cancel tasks; confirm completions
    "any": C.REPORT_FOR_ANY,  # log progress on behalf of any agency
    "own": C.REPORT_PROGRESS,  # log progress on the own agency's assignments
    "imp": C.IMPORT_ANY,  # import any task from Excel
    "imo": C.IMPORT_OWN,  # import new tasks the own agency leads
    "agy": C.MANAGE_AGENCIES,  # create agencies, teach them new names
    "ind": C.RECORD_ANY_INDICATOR,  # record any indicator's value
    "ino": C.RECORD_INDICATORS,  # record the own agency's indicators
    "com": C.VIEW_COMMUNES,  # read every commune, request and programme
    "fil": C.FILE_REQUESTS,  # file and edit the own commune's requests
    "rev": C.REVIEW_REQUESTS,  # review requests, record surveys
    "mon": C.HANDLE_MONEY,  # allocate and disburse
    "adm": C.USE_ADMIN,  # the admin, in every committee
}
TABLE = """
                 all rep req iss tsk any own imp imo agy ind ino com fil rev mon adm
secretariat       ✓   ✓   ✓    ✓  ✓   ✓       ✓       ✓   ✓       ✓
leader            ✓   ✓                                           ✓
agency_officer                            ✓       ✓           ✓
commune_officer                           ✓       ✓           ✓       ✓
reviewer                                                          ✓       ✓
finance                                                           ✓           ✓
administrator     ✓   ✓   ✓    ✓  ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓
"""


def parse_table(text: str) -> dict[str, set[str]]:
    header, *rows = [line for line in text.splitlines() if line.strip()]
    columns = []  # (start, end, capability) of each column in the header
    position = 0
    for code in header.split():
        start = header.index(code, position)
        position = start + len(code)
        columns.append((start, position, COLUMNS[code]))
    table = {}
    for row in rows:
        role = row.split()[0]
        table[role] = set()
        for start, end, capability in columns:
            cell = row[start:end].strip()
            assert cell in ("", "✓"), f"{role}, {capability}: {cell!r} (misaligned?)"
            if cell:
                table[role].add(str(capability))
        assert not row[position:].strip(), f"{role}: marks right of the last column"
    return table


def test_the_columns_are_every_capability():
    assert sorted(map(str, COLUMNS.values())) == sorted(Capability.values)


def test_the_table_is_the_capability_table():
    table = parse_table(TABLE)
    assert sorted(table) == sorted(Role.values), "a row per role"
    actual = {str(role): set(map(str, caps)) for role, caps in CAPABILITIES.items()}
    for role in Role.values:
        missing = table[role] - actual[role]
        extra = actual[role] - table[role]
        assert not (missing or extra), f"{role}: missing {missing or '{}'}, extra {extra or '{}'}"


def test_every_role_has_a_group_from_the_migration():
    migration = import_module("steering.migrations.0005_role_groups")
    assert sorted(migration.ROLES) == sorted(Role.values)


@pytest.mark.django_db
def test_has_reads_the_table_for_every_role():
    committee = None
    for role in Role.values:
        user = make_user(f"u_{role}", role, committee)
        for capability in Capability.values:
            assert authz.has(user, capability) == (capability in CAPABILITIES[role]), (
                role,
                capability,
            )


# --- restrict ------------------------------------------------------------------------------


def test_restrict_raises_for_an_unknown_action():
    with pytest.raises(LookupError, match="'fly' on tasks.task"):
        authz.restrict(Task.objects.all(), AnonymousUser(), "fly")


@pytest.mark.parametrize("model", [Reminder, Group])
def test_restrict_raises_for_a_model_without_rules(model):
    with pytest.raises(LookupError, match="No authorization rule"):
        authz.restrict(model.objects.all(), AnonymousUser(), "view")


def test_every_rule_names_a_model_with_a_tenant():
    for model, action in RULES:
        assert model in TENANT_PATHS, f"{model} ({action}) has a rule but no tenant path"
        apps.get_model(model)  # a real model


@pytest.mark.parametrize("model", list(TENANT_PATHS))
def test_every_model_with_a_tenant_has_a_view_rule(model):
    assert (model, "view") in RULES


def test_every_tenant_path_leads_to_a_committee():
    for label, path in TENANT_PATHS.items():
        model = apps.get_model(label)
        if path == "id":
            assert label == "steering.committee"
            continue
        for name in path.split("__"):
            model = model._meta.get_field(name).related_model
        assert model._meta.label_lower == "steering.committee", label


@pytest.mark.parametrize(("model", "action"), list(RULES))
def test_anonymous_users_get_nothing(world, db, model, action):
    queryset = apps.get_model(model)._default_manager.all()
    assert queryset.exists(), f"the test data has no {model}"
    assert not authz.restrict(queryset, AnonymousUser(), action).exists()


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_a_user_of_no_committee_gets_nothing(world, db, role):
    user = make_user(f"nobody_{role}", role, None)
    for model, action in RULES:
        queryset = apps.get_model(model)._default_manager.all()
        assert not authz.restrict(queryset, user, action).exists(), (model, action)


def test_anonymous_users_hold_no_capability(world, db):
    anonymous = AnonymousUser()
    task = world.tenants["A"].obj["task"]
    for capability in Capability.values:
        assert not authz.has(anonymous, capability)
        assert not authz.can(anonymous, capability, task)
    assert authz.committee_ids(anonymous) == []
