import logging
import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

logger = logging.getLogger("tiendo.request")


class LanguageMiddleware:
    """Vietnamese unless the user chose another language (the language cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials' browsers
    say English: the product's default is Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy and `Cache-Control: no-store` on anything served to a
    signed-in user (pages, fragments, downloads) so that a shared computer's cache keeps nothing.

    HSTS, nosniff, Referrer-Policy and X-Frame-Options come from Django's SecurityMiddleware settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY_OVERRIDES.get(request.path, settings.CONTENT_SECURITY_POLICY)
        if policy:
            response.headers.setdefault("Content-Security-Policy", policy)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or settings.SESSION_COOKIE_NAME in request.COOKIES:
            if not request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
                add_never_cache_headers(response)
        return response


class HealthzMiddleware:
    """Answers /healthz before any middleware touches the session or the user: with a session cookie and a
    dead database, loading the session would raise and turn the health check into a 500 instead of a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            from core.views import healthz

            return healthz(request)
        return self.get_response(request)


class RequestLogMiddleware:
    """One log line per request (logger `tiendo.request`) when LOG_REQUESTS is on: method, path, status,
    duration and user id — with LOG_FORMAT=json, fields a log collector can filter on."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.LOG_REQUESTS

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        started = time.monotonic()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
