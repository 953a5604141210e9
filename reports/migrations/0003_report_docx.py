from django.db import migrations, models


class Migration(migrations.Migration):
    """Reports are also rendered to an editable .docx."""

    dependencies = [("reports", "0002_job_lifecycle")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="docx",
            field=models.FileField(
                blank=True, upload_to="reports/%Y/", verbose_name="Word document"
            ),
        ),
    ]
