"""The Celery app as a real worker runs it in ``test_worker.py``.

With ``REPORTS_TEST_STALL_FIRST_ATTEMPT`` set, a report's first attempt stalls before rendering,
so the test can kill the worker process mid-render.
"""

import os
import time

from celery.signals import worker_process_init

from steering.celery import app

__all__ = ["app"]


@worker_process_init.connect
def stall_first_attempts(**kwargs):
    if not os.environ.get("REPORTS_TEST_STALL_FIRST_ATTEMPT"):
        return
    from reports import services

    real = services.report_figures

    def stalled(report, today):
        if report.attempts == 1:
            time.sleep(120)
        return real(report, today=today)

    services.report_figures = stalled
