"""Who may do what: the roles (Django groups) and the checks every app uses.

Roles are groups so an administrator can grant them in the admin. All role checks live
here; apps express their permissions in terms of these functions.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    LEADER = "leader", _("Leader")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    REVIEWER = "reviewer", _("Reviewer (Department of Science and Technology)")
    FINANCE = "finance", _("Finance")
    ADMINISTRATOR = "administrator", _("Administrator")


def roles_of(user) -> frozenset[str]:
    """The user's roles, read once per request and cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMINISTRATOR)
        cached = frozenset(cached)
        user._roles_cache = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def is_secretariat(user) -> bool:
    """Secretariat staff manage the committee's data (administrators may too)."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def reads_everything(user) -> bool:
    """Roles that read all of their committee's data: secretariat, leaders, administrators."""
    return has_role(user, Role.SECRETARIAT, Role.LEADER, Role.ADMINISTRATOR)


def is_officer(user) -> bool:
    """Agency and commune officers: they work on what their own agency is assigned."""
    return has_role(user, Role.AGENCY_OFFICER, Role.COMMUNE_OFFICER)


def profile_of(user):
    """The user's Profile, or None (a user without one belongs to no committee or agency)."""
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except user._meta.model.profile.RelatedObjectDoesNotExist:
        return None


def agency_id_of(user) -> int | None:
    profile = profile_of(user)
    return profile.agency_id if profile else None


def committee_id_of(user) -> int | None:
    profile = profile_of(user)
    return profile.committee_id if profile else None


def role_required(*roles: str) -> Callable:
    """View decorator: 403 unless the user has one of ``roles`` (login is already required)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
