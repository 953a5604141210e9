from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "steering"
    verbose_name = _("Steering committee")

    def ready(self) -> None:
        # The receiver that restores a user's chosen language at login.
        from common import language  # noqa: F401
