from steering import authz


def capabilities(request) -> dict:
    """``can.<capability>`` for templates (menus only; the views check permissions themselves)."""
    held = authz.capabilities_of(request.user)
    return {"can": {capability: capability in held for capability in authz.Capability.values}}
