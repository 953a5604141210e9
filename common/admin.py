"""Admin helpers shared by the apps."""


class ReadOnlyAdminMixin:
    """An admin that only shows rows: changes go through the apps' services and pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
