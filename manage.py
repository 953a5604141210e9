#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steering.settings")
    # Management commands typed at a developer's shell run in development mode unless DEBUG is
    # set. The web (wsgi/asgi) and Celery processes never default it: there DEBUG stays off and
    # SECRET_KEY is required; docker-compose sets DEBUG=0 for every container.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
