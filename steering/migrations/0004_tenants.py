"""Committees become tenants: agencies and documents belong to a committee, names and numbers are
unique per committee, committee names per parent.

An existing single-province database keeps everything: each agency and document is given to the
committee whose tasks use it, or else to the provincial committee (created if the database has
none yet but holds agencies or documents).
"""

import django.db.models.deletion
from django.db import migrations, models


def _home_committee(apps):
    """The committee that receives what no task ties to a committee: the (first) province's."""
    Committee = apps.get_model("steering", "Committee")
    home = Committee.objects.filter(level="province").order_by("id").first()
    home = home or Committee.objects.order_by("id").first()
    if home is None:
        home = Committee.objects.create(name="Ban Chỉ đạo tỉnh", level="province")
    return home


def assign_tenants(apps, schema_editor):
    Agency = apps.get_model("steering", "Agency")
    Document = apps.get_model("steering", "Document")
    Assignment = apps.get_model("tasks", "Assignment")
    Task = apps.get_model("tasks", "Task")
    if not (Agency.objects.exists() or Document.objects.exists()):
        return
    home = _home_committee(apps)
    used_by = {}
    pairs = Assignment.objects.order_by("task__committee_id").values_list(
        "agency_id", "task__committee_id"
    )
    for agency_id, committee_id in pairs:
        used_by.setdefault(agency_id, committee_id)
    for agency in Agency.objects.filter(committee=None):
        agency.committee_id = used_by.get(agency.id, home.id)
        agency.save(update_fields=["committee"])
    cited_by = dict(
        Task.objects.exclude(source_document=None).values_list("source_document_id", "committee_id")
    )
    for document in Document.objects.filter(committee=None):
        document.committee_id = cited_by.get(document.id, home.id)
        document.save(update_fields=["committee"])


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0003_indicators"),
        ("tasks", "0003_reminder"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agency",
            name="name",
            field=models.CharField(max_length=255, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="document",
            name="number",
            field=models.CharField(max_length=64, verbose_name="number"),
        ),
        migrations.AlterField(
            model_name="committee",
            name="name",
            field=models.CharField(max_length=255, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="agency",
            name="kind",
            field=models.CharField(
                choices=[
                    ("department", "Provincial department"),
                    ("commune", "Commune People's Committee"),
                    ("party", "Party body"),
                    ("enterprise", "Enterprise"),
                    ("central", "Central body"),
                    ("province", "Province"),
                ],
                max_length=16,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="agency",
            name="committee",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agencies",
                to="steering.committee",
                verbose_name="committee",
                help_text="The committee that assigns work to this agency.",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="committee",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="steering.committee",
                verbose_name="committee",
                help_text="The committee whose register cites it; committees below it may cite "
                "it too.",
            ),
        ),
        migrations.RunPython(assign_tenants, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agency",
            name="committee",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agencies",
                to="steering.committee",
                verbose_name="committee",
                help_text="The committee that assigns work to this agency.",
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="committee",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="steering.committee",
                verbose_name="committee",
                help_text="The committee whose register cites it; committees below it may cite "
                "it too.",
            ),
        ),
        migrations.AlterField(
            model_name="committee",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="represented_committees",
                to="steering.agency",
                verbose_name="agency",
                help_text="The body the committee above assigns this committee's work to: for a "
                "province, the province (an agency of the central committee); for a commune, its "
                "People's Committee.",
            ),
        ),
        migrations.AddConstraint(
            model_name="agency",
            constraint=models.UniqueConstraint(
                fields=("committee", "name"), name="unique_agency_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                fields=("committee", "number"), name="unique_document_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="committee",
            constraint=models.UniqueConstraint(
                fields=("parent", "name"), name="unique_committee_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="committee",
            constraint=models.UniqueConstraint(
                condition=models.Q(("parent", None)),
                fields=("name",),
                name="unique_root_committee",
            ),
        ),
    ]
