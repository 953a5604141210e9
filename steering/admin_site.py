from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from steering import authz


class PortalAdminSite(AdminSite):
    site_header = _("Resolution 57 portal")

    def has_permission(self, request) -> bool:
        """Only holders of the admin capability (administrators, in every committee); any other
        signed-in user gets 403, not a second login form."""
        user = request.user
        if user.is_authenticated and not (user.is_staff and authz.is_administrator(user)):
            raise PermissionDenied
        return super().has_permission(request)


class PortalAdminConfig(AdminConfig):
    default_site = "steering.admin_site.PortalAdminSite"
