"""Making and revoking tokens: the page, the admin and ``manage.py api_token`` call these."""

from datetime import timedelta

from django.utils import timezone

from apitokens.models import SHOWN_CHARS, ApiToken, digest, new_key

MAX_DAYS = 366  # a token lives at most a year (and may be made for less)


def token_create(*, user, name: str, days: int | None) -> tuple[ApiToken, str]:
    """A new token of ``user`` and its key, which is never stored and cannot be shown again."""
    key = new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:SHOWN_CHARS],
        digest=digest(key),
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    return token, key


def token_revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
