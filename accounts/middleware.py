"""The account policy on every request: session clocks, second factor, forced password change,
and a security event for each permission denial."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import SecurityEvent
from accounts.signals import LOGIN_AT, MFA_PENDING, MUST_CHANGE, SEEN_AT

TOUCH_EVERY_SECONDS = 30


def idle_limit_seconds(user) -> int:
    admin = user.is_superuser or user.is_staff
    return 60 * (settings.SESSION_IDLE_MINUTES_ADMIN if admin else settings.SESSION_IDLE_MINUTES)


class AccountPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _exempt(self, path: str) -> bool:
        prefixes = (
            reverse("logout"),
            "/i18n/",
            "/jsi18n/",
            "/healthz",
            "/" + settings.STATIC_URL.lstrip("/"),
        )
        return path.startswith(prefixes)

    def _redirect(self, request, url_name: str, message: str | None = None):
        url = reverse(url_name)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message or _("Cần hoàn tất đăng nhập trên giao diện web.")}, status=403)
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        response = HttpResponseRedirect(url)
        if getattr(request, "htmx", False):
            response["HX-Redirect"] = url
        return response

    def _check(self, request):
        user = request.user
        session = request.session
        now = time.time()
        login_at = session.get(LOGIN_AT)
        if login_at is None:
            from accounts.signals import start_session

            start_session(request, user)
            return None
        seen_at = session.get(SEEN_AT, now)
        if now - seen_at > idle_limit_seconds(user) or now - login_at > settings.SESSION_ABSOLUTE_HOURS * 3600:
            audit.record(SecurityEvent.Kind.SESSION_EXPIRED, request=request, user=user, idle=int(now - seen_at))
            logout(request)
            message = _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.")
            if not request.path.startswith("/api/"):
                messages.info(request, message)
            return self._redirect(request, "login", message)
        if now - seen_at > TOUCH_EVERY_SECONDS:
            session[SEEN_AT] = now
        if self._exempt(request.path):
            return None
        # The second factor first: with the password alone nothing else is reachable, not even the
        # password page. Then a password set by an administrator must be replaced.
        pending = session.get(MFA_PENDING)
        if pending and not user.is_verified() and not request.path.startswith("/tai-khoan/xac-thuc"):
            if pending == "verify":
                return self._redirect(request, "accounts:mfa_verify")
            return self._redirect(request, "accounts:mfa_setup")
        if session.get(MUST_CHANGE) and not request.path.startswith("/tai-khoan/"):
            return self._redirect(request, "accounts:password_change")
        return None

    def __call__(self, request):
        token = audit.current_request.set(request)
        try:
            if request.user.is_authenticated:
                response = self._check(request)
                if response is not None:
                    return response
            response = self.get_response(request)
            self._audit(request, response)
            return response
        finally:
            audit.current_request.reset(token)

    def _audit(self, request, response) -> None:
        if not request.user.is_authenticated or self._exempt(request.path):
            return
        if response.status_code in (403, 404):
            audit.record(SecurityEvent.Kind.ACCESS_DENIED, request=request, status=response.status_code)
        disposition = response.headers.get("Content-Disposition", "")
        if response.status_code == 200 and disposition.startswith("attachment"):
            # Every download: exports (lists with names, phone numbers, e-mails) and attached files.
            audit.record(
                SecurityEvent.Kind.EXPORT,
                request=request,
                file=disposition.partition("filename=")[2].strip('"')[:255],
                query=request.META.get("QUERY_STRING", "")[:500],
            )
