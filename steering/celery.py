"""The Celery app. Job modules are named ``jobs.py`` (``tasks`` is our domain app)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steering.settings")

app = Celery("steering")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(related_name="jobs")
