from steering import roles


def role_flags(request) -> dict:
    """Role flags for templates (menus only; the views check permissions themselves)."""
    user = request.user
    return {
        "user_roles": roles.roles_of(user),
        "is_secretariat": roles.is_secretariat(user),
        "is_administrator": roles.is_administrator(user),
    }
