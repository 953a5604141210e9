# One image for web (gunicorn), Celery worker and Celery beat; see docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WEB_CONCURRENCY=3

# WeasyPrint's libraries, and fonts with full Vietnamese coverage for the PDFs
# (Liberation Serif is metric-compatible with Times New Roman); pg_dump and pg_restore 15 for
# `manage.py backup` and `restore`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-noto-core fonts-liberation2 postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Static files are collected (hashed and compressed by whitenoise) into the image. The secret
# key here exists only for this build step; the running containers must be given their own.
RUN DEBUG=0 SECRET_KEY=build-time-dummy-not-used-at-runtime \
        python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --user-group --home-dir /app --no-create-home portal \
    && mkdir -p var/media var/backups \
    && chown -R portal:portal var

USER portal
EXPOSE 8000
# Gunicorn reads the number of workers from WEB_CONCURRENCY. No access log: the portal writes
# one line per request itself (portal.request, with the user and the duration).
CMD ["gunicorn", "steering.wsgi", "--bind", "0.0.0.0:8000"]
