"""Request rates of the API, per user and per token (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``
in settings). Over a rate the answer is 429 with ``Retry-After`` (the seconds to wait) in the
one error shape (``common/api/errors.py``)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _RateThrottle(SimpleRateThrottle):
    ident: str

    def get_rate(self):
        # Read at each request (DRF reads it once, at import), so settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident_of(self, request) -> str | None:
        raise NotImplementedError

    def get_cache_key(self, request, view):
        ident = self.get_ident_of(request)
        if ident is None:
            return None  # not throttled by this one (anonymous users get 401 anyway)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class UserRateThrottle(_RateThrottle):
    """Sustained rate of one user, however they sign in (session, tokens)."""

    scope = "user"

    def get_ident_of(self, request):
        return request.user.pk if request.user.is_authenticated else None


class BurstRateThrottle(UserRateThrottle):
    """Short bursts of one user."""

    scope = "burst"


class TokenRateThrottle(_RateThrottle):
    """The rate of one token (a user's several integrations are limited one by one too)."""

    scope = "token"

    def get_ident_of(self, request):
        from apitokens.models import ApiToken

        return request.auth.pk if isinstance(request.auth, ApiToken) else None
