"""Vietnamese first: the portal speaks Vietnamese whatever the browser says; English only when
the user chose it with the VI/EN switch, and that choice is remembered.

A page's language is the language cookie's (set by the switch, and at login from the user's
``Profile.language``, which the switch also keeps for a signed-in user), else
``settings.LANGUAGE_CODE`` ("vi"). The browser's Accept-Language is not asked: office PCs set to
English would otherwise get an English portal nobody chose. Only the cookie is read, never the
session or the database, so error pages (503 while the database is down) and health checks
cost nothing more. The API (``/api/``) is for programs, which say what they want in
Accept-Language, so there Django's usual negotiation applies.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


def _valid(code: str | None) -> str | None:
    return code if code in dict(settings.LANGUAGES) else None


def chosen_language(request) -> str:
    """The language of ``request``'s pages (see the module's docstring)."""
    if request.path.startswith("/api/"):
        return translation.get_language_from_request(request)
    return _valid(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE


def _set_cookie(response, language: str) -> None:
    """The cookie as Django's ``set_language`` writes it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LanguageMiddleware:
    """Activates :func:`chosen_language` for the request (in place of Django's
    LocaleMiddleware, which would follow Accept-Language); after a login, sets the cookie to
    the language the user chose before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if remembered := getattr(request, "remembered_language", None):
            _set_cookie(response, remembered)
        if request.path.startswith("/api/"):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response


@require_POST
def language_switch(request):
    """The VI/EN switch: Django's ``set_language`` (the cookie, the redirect), and for a
    signed-in user the choice kept in their profile, so it holds at their next login on any
    computer (and their e-mails follow it)."""
    response = set_language(request)
    language = _valid(request.POST.get("language"))
    if language and request.user.is_authenticated:
        profile = getattr(request.user, "profile", None)
        if profile is not None and profile.language != language:
            profile.language = language
            profile.save(update_fields=["language"])
    return response


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs) -> None:
    """At login, the language the user chose before (``Profile.language``), for the cookie."""
    profile = getattr(user, "profile", None)
    language = _valid(getattr(profile, "language", None))
    if language and request is not None:
        request.remembered_language = language
