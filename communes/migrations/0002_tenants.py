"""Communes and funding programmes belong to a provincial committee.

An existing database keeps everything: a commune goes to the committee that follows its province
(``Committee.province_code``), a programme to the committee of the communes it funds; what is
left goes to the first provincial committee.
"""

import django.db.models.deletion
from django.db import migrations, models


def assign_tenants(apps, schema_editor):
    Committee = apps.get_model("steering", "Committee")
    Commune = apps.get_model("communes", "Commune")
    FundingProgramme = apps.get_model("communes", "FundingProgramme")
    Allocation = apps.get_model("communes", "Allocation")
    if not (Commune.objects.exists() or FundingProgramme.objects.exists()):
        return
    home = Committee.objects.filter(level="province").order_by("id").first()
    home = home or Committee.objects.order_by("id").first()
    if home is None:
        home = Committee.objects.create(name="Ban Chỉ đạo tỉnh", level="province")
    by_province = dict(
        Committee.objects.exclude(province_code=None)
        .order_by("-id")
        .values_list("province_code", "id")
    )
    for commune in Commune.objects.filter(committee=None):
        commune.committee_id = by_province.get(commune.province_code, home.id)
        commune.save(update_fields=["committee"])
    funds = dict(Allocation.objects.values_list("programme_id", "request__commune__committee_id"))
    for programme in FundingProgramme.objects.filter(committee=None):
        programme.committee_id = funds.get(programme.id, home.id)
        programme.save(update_fields=["committee"])


def committee_field(related_name, help_text, null):
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="steering.committee",
        verbose_name="committee",
        help_text=help_text,
    )


COMMUNE_HELP = "The provincial committee the commune reports to."
PROGRAMME_HELP = "The provincial committee whose communes the programme funds."


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("steering", "0004_tenants"),
    ]

    operations = [
        migrations.AddField(
            model_name="commune",
            name="committee",
            field=committee_field("communes", COMMUNE_HELP, null=True),
        ),
        migrations.AddField(
            model_name="fundingprogramme",
            name="committee",
            field=committee_field("programmes", PROGRAMME_HELP, null=True),
        ),
        migrations.AddField(
            model_name="historicalfundingprogramme",
            name="committee",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="steering.committee",
                verbose_name="committee",
                help_text=PROGRAMME_HELP,
            ),
        ),
        migrations.RunPython(assign_tenants, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="commune",
            name="committee",
            field=committee_field("communes", COMMUNE_HELP, null=False),
        ),
        migrations.AlterField(
            model_name="fundingprogramme",
            name="committee",
            field=committee_field("programmes", PROGRAMME_HELP, null=False),
        ),
        migrations.AlterField(
            model_name="fundingprogramme",
            name="decision_number",
            field=models.CharField(max_length=64, verbose_name="decision number"),
        ),
        migrations.AlterField(
            model_name="historicalfundingprogramme",
            name="decision_number",
            field=models.CharField(max_length=64, verbose_name="decision number"),
        ),
        migrations.AddConstraint(
            model_name="fundingprogramme",
            constraint=models.UniqueConstraint(
                fields=("committee", "decision_number"), name="unique_programme_decision"
            ),
        ),
    ]
