"""Login, logout, failures and lockouts become security events; a login starts the session clocks."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts import audit, services
from accounts.models import SecurityEvent

LOGIN_AT = "_tiendo_login_at"
SEEN_AT = "_tiendo_seen_at"
MFA_PENDING = "_tiendo_mfa_pending"
MUST_CHANGE = "_tiendo_must_change_password"


def start_session(request, user) -> None:
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    request.session[MFA_PENDING] = services.mfa_pending(user)
    request.session[MUST_CHANGE] = services.must_change_password(user)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is None:
        return
    if getattr(request, "session", None) is not None:
        start_session(request, user)
    audit.record(SecurityEvent.Kind.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None and request is not None:
        audit.record(SecurityEvent.Kind.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit.record(SecurityEvent.Kind.LOGIN_FAILED, request=request, user=None, username=username)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit.record(SecurityEvent.Kind.LOCKED_OUT, request=request, user=None, username=str(username or "")[:150])
