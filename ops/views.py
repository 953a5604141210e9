"""``/healthz`` and ``/readyz`` for load balancers, container health checks and operators.

Both answer without login. ``/healthz`` says only that the process serves requests and never
touches the database; ``/readyz`` checks what a request needs: the database, Redis (when
configured) and a Celery worker seen recently (unless jobs run in the web process).
"""

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jobs.health import worker_alive, worker_seen_at
from ops.middleware import quiet, sessionless

# Redis must answer a ping within this many seconds to count as reachable.
REDIS_TIMEOUT = 2


@login_not_required
@sessionless
@require_safe
@never_cache
def healthz(request):
    """The process is alive."""
    return JsonResponse({"status": "ok"})


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return {"ok": False, "detail": f"unreachable ({type(exc).__name__})"}
    return {"ok": True}


def check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "detail": "not configured"}
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
    )
    try:
        client.ping()
    except redis.RedisError as exc:
        return {"ok": False, "detail": f"unreachable ({type(exc).__name__})"}
    finally:
        client.close()
    return {"ok": True}


def check_worker(database_ok: bool) -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "detail": "eager: jobs run in the web process"}
    if not database_ok:
        return {"ok": None, "detail": "not checked: needs the database"}
    seen = worker_seen_at()
    return {
        "ok": worker_alive(),
        "seen_at": seen.isoformat() if seen else None,
        "limit_seconds": 3 * settings.JOB_SWEEP_SECONDS,
    }


@login_not_required
@sessionless
@require_safe
@never_cache
def readyz(request):
    """200 when every check passes, else 503 naming the checks that failed."""
    database = check_database()
    checks = {
        "database": database,
        "redis": check_redis(),
        "worker": check_worker(database["ok"]),
    }
    failed = [name for name, check in checks.items() if check["ok"] is False]
    body = {"status": "unavailable" if failed else "ready", "failed": failed, "checks": checks}
    return quiet(JsonResponse(body, status=503 if failed else 200))
