"""The Celery app as the real workers of the tests run it (``tests/processes.py``).

With ``JOBS_TEST_STALL_FIRST_ATTEMPT`` set, every job's first attempt stalls (beating) before
its work, so a test can kill the worker mid-job; with ``JOBS_TEST_STALL_ALWAYS`` every attempt.
"""

import os
import time

from celery.signals import worker_process_init

from steering.celery import app

__all__ = ["app"]


@worker_process_init.connect
def stall_first_attempts(**kwargs):
    if not os.environ.get("JOBS_TEST_STALL_FIRST_ATTEMPT"):
        return
    from jobs.services import job_models

    always = bool(os.environ.get("JOBS_TEST_STALL_ALWAYS"))

    for model in job_models():

        def stalled(job, beat, real=model.perform):
            if always or job.attempts == 1:
                time.sleep(120)
            return real(job, beat)

        model.perform = stalled
