"""Test settings: the real settings against PostgreSQL and Redis on 127.0.0.1 by default.

``DATABASE_URL``/``REDIS_URL`` from the environment win, as in production.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("STATIC_MANIFEST", "0")

from steering.settings import *  # noqa: E402,F403  (test overrides on top of the real settings)

# Jobs run in-process unless a test starts a real worker (tests marked ``worker``), whose own
# sends (the job sweep's) go to the broker: CELERY_EAGER=0 in its environment.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STATIC_ROOT = None  # static files come from the finders; no collectstatic in tests
WHITENOISE_USE_FINDERS = True
