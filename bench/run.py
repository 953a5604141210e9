"""Entry point of ``make bench``: runs every benchmark of this folder in turn.

Each benchmark is a standalone script (see its docstring); arguments are passed on, e.g.
``.venv/bin/python bench/run.py --rebuild``. A failing benchmark does not stop the others (each
writes its own section of RESULTS.md); the run then ends with the failures listed and exit
status 1.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["register_dashboard.py", "import_annex.py", "report.py", "national.py"]


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    failed = []
    for script in BENCHMARKS:
        print(f"== {script}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *sys.argv[1:]], env=env)
        if done.returncode:
            failed.append(f"{script} (exit status {done.returncode})")
    if failed:
        print(f"== failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
