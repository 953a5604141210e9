# Set-up, run and check the portal. `make demo` and `make test` are the two commands a
# newcomer needs; the rest are for developers and operators.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
BIND ?= 127.0.0.1:$(PORT)
PYTEST_ARGS ?=
# The embedded default: SQLite and in-process Celery, whatever the caller's environment says.
EMBEDDED := env -u DATABASE_URL -u REDIS_URL DEBUG=1
MANAGE_EMBEDDED := $(EMBEDDED) $(PY) manage.py

.PHONY: install demo test lint format worker beat web messages bench backup restore

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changed since the last successful install.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

install: $(STAMP)

demo: install
	mkdir -p var/staticfiles
	$(MANAGE_EMBEDDED) migrate --noinput
	$(MANAGE_EMBEDDED) seed_demo
	@echo
	@echo "Open http://127.0.0.1:$(PORT)/ and log in with one of the demo logins above."
	@echo
	$(MANAGE_EMBEDDED) runserver 127.0.0.1:$(PORT)

# tests/settings.py defaults DATABASE_URL to postgres://postgres@127.0.0.1:5432/postgres and
# REDIS_URL to redis://127.0.0.1:6379/15; values from the environment win.
test: install
	$(VENV)/bin/pytest -p no:cacheprovider --create-db $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE_EMBEDDED) makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# worker, beat and web read DATABASE_URL, REDIS_URL, SECRET_KEY... from the environment.
worker: install
	$(VENV)/bin/celery -A steering worker -l info

beat: install
	$(VENV)/bin/celery -A steering beat -l info

web: install
	$(VENV)/bin/gunicorn steering.wsgi --bind $(BIND) --workers $${WEB_CONCURRENCY:-3}

# Backup and restore of the environment's DATABASE_URL (PostgreSQL) and MEDIA_ROOT: README,
# "Operations". `make backup` writes var/backups/<date-time> unless DIR=... says otherwise.
backup: install
	$(PY) manage.py backup $(or $(DIR),var/backups/$(shell date +%Y%m%d-%H%M%S))

restore: install
	@test -n "$(DIR)" || { echo "usage: make restore DIR=<backup directory> [FORCE=1]" >&2; exit 1; }
	$(PY) manage.py restore $(DIR) $(if $(FORCE),--force)

# The communes and reports apps keep their own catalogues (<app>/locale), the rest is in locale/:
# makemessages writes each file's strings to the nearest locale/ directory above it.
messages: install
	$(MANAGE_EMBEDDED) makemessages -l vi --ignore=.venv --ignore=static/vendor --ignore=tests \
		--ignore=var --ignore=bench
	$(MANAGE_EMBEDDED) compilemessages --ignore=.venv

bench: install
	@test -f bench/run.py || { echo "bench/run.py does not exist yet (planned)." >&2; exit 1; }
	$(PY) bench/run.py
