import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # WeasyPrint logs every rendering step at INFO (and some on import): noise in the logs
        # of the web and worker processes. Its warnings and errors still come through.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
