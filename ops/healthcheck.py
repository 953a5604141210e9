"""Container health checks (docker-compose.yml), without loading Django:

    python -m ops.healthcheck web    # /healthz answers 200
    python -m ops.healthcheck beat   # beat wrote its schedule file recently

Exit status 0 when healthy, 1 otherwise. The worker's check is ``celery inspect ping``.
"""

import argparse
import glob
import os
import sys
import time
import urllib.request


def web(url: str) -> bool:
    """GET /healthz as the proxy would send it: with a host the portal allows (127.0.0.1 may
    not be in ALLOWED_HOSTS) and marked as HTTPS (SECURE_SSL_REDIRECT would redirect it)."""
    hosts = [h.strip().lstrip(".") for h in os.environ.get("ALLOWED_HOSTS", "").split(",")]
    host = next((h for h in hosts if h and "*" not in h), "localhost")
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def beat(schedule: str, max_age: float) -> bool:
    """Beat saves its schedule file (with an extension that depends on the dbm module) each
    few minutes while it sends tasks; the job sweep makes it send one every JOB_SWEEP_SECONDS."""
    files = glob.glob(glob.escape(schedule) + "*")
    return bool(files) and time.time() - max(os.path.getmtime(f) for f in files) <= max_age


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("process", choices=["web", "beat"])
    parser.add_argument("--url", default="http://127.0.0.1:8000/healthz")
    parser.add_argument("--schedule", default="/tmp/celerybeat-schedule")
    parser.add_argument("--max-age", type=float, default=600, help="seconds (beat)")
    args = parser.parse_args(argv)
    healthy = web(args.url) if args.process == "web" else beat(args.schedule, args.max_age)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
