"""The role groups exist in every database, not only where the demo was loaded.

Their names are the codes ``steering.authz.CAPABILITIES`` reads; the Vietnamese display names
are the translations of ``steering.authz.Role``'s labels.
"""

from django.db import migrations

ROLES = [
    "secretariat",
    "leader",
    "agency_officer",
    "commune_officer",
    "reviewer",
    "finance",
    "administrator",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("steering", "0004_tenants"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
