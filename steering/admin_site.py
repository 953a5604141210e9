from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(AdminSite):
    site_header = _("Resolution 57 portal")

    def has_permission(self, request) -> bool:
        """A signed-in user who is not staff gets 403, not a second login form."""
        if request.user.is_authenticated and not request.user.is_staff:
            raise PermissionDenied
        return super().has_permission(request)


class PortalAdminConfig(AdminConfig):
    default_site = "steering.admin_site.PortalAdminSite"
