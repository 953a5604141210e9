from django.db import migrations, models


class Migration(migrations.Migration):
    """Reports become jobs (jobs.models.Job): "sent to the queue at" is now ``sent_at``, the
    time of the request is the time it was queued."""

    dependencies = [("reports", "0001_initial")]

    operations = [
        migrations.RenameField("report", "enqueued_at", "sent_at"),
        migrations.AddField(
            model_name='report',
            name='heartbeat_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last sign of life'),
        ),
        migrations.AddField(
            model_name='report',
            name='queued_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='queued at'),
        ),
        migrations.AlterField(
            model_name='report',
            name='note',
            field=models.CharField(blank=True, choices=[('queue_unavailable', 'The queue is unavailable; the job is kept and will be sent when it is back.'), ('restarted', 'The worker running this job stopped; the job has been queued again.'), ('timed_out', 'The job took longer than the time limit.'), ('worker_lost', 'The worker running this job stopped (killed or restarted) on every attempt.')], max_length=24, verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='report',
            name='sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='accepted by the queue at'),
        ),
        migrations.RunSQL(
            "UPDATE reports_report SET queued_at = requested_at", migrations.RunSQL.noop
        ),
    ]
