"""Entry point of ``make bench``: runs every benchmark of this folder in turn.

Each benchmark is a standalone script (see its docstring); arguments are passed on, e.g.
``.venv/bin/python bench/run.py --rebuild``.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["register_dashboard.py", "import_annex.py", "report.py"]


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    for script in BENCHMARKS:
        print(f"== {script}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *sys.argv[1:]], env=env)
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
