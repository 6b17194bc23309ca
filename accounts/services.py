"""Writes of the account policy: password flags, TOTP enrolment, recovery codes, inactive accounts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from accounts import audit
from accounts.models import AccountState, SecurityEvent


def _state(user) -> AccountState:
    state, _created = AccountState.objects.get_or_create(user=user)
    return state


@transaction.atomic
def password_change_required(*, user, request=None) -> None:
    """An administrator set this password: the user must choose their own at the next login."""
    state = _state(user)
    state.must_change_password = True
    state.save(update_fields=["must_change_password"])
    api_token_revoke(user=user, request=request, reason="password_reset")
    audit.record(SecurityEvent.Kind.PASSWORD_RESET_BY_ADMIN, request=request, target=user.get_username())


@transaction.atomic
def password_changed(*, user, request=None) -> None:
    state = _state(user)
    state.must_change_password = False
    state.password_changed_at = timezone.now()
    state.save(update_fields=["must_change_password", "password_changed_at"])
    api_token_revoke(user=user, request=request, reason="password_changed")
    audit.record(SecurityEvent.Kind.PASSWORD_CHANGED, request=request, user=user)


def must_change_password(user) -> bool:
    return AccountState.objects.filter(user=user, must_change_password=True).exists()


def mfa_required(user) -> bool:
    from organizations.permissions import memberships_of

    if settings.MFA_REQUIRED_FOR_ADMINS and (user.is_superuser or user.is_staff):
        return True
    roles = set(settings.MFA_REQUIRED_ROLES)
    return bool(roles) and memberships_of(user).filter(role__in=roles).exists()


def mfa_enabled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def mfa_pending(user) -> str:
    """What the user must still do after the password: "verify" (enter a code), "setup" (enrol) or ""."""
    if any(True for _device in devices_for_user(user, confirmed=True)):
        return "verify"
    return "setup" if mfa_required(user) else ""


@transaction.atomic
def mfa_enrol_start(*, user) -> TOTPDevice:
    """The unconfirmed TOTP device whose QR code the setup page shows (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return device


@transaction.atomic
def recovery_codes_generate(*, user) -> list[str]:
    """New single-use recovery codes (the old ones stop working), shown to the user once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(settings.MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def mfa_enrol_confirm(*, user, device: TOTPDevice, token: str, request=None) -> list[str] | None:
    """Confirm the device with a code from the app; None when the code is wrong."""
    if device.user_id != user.pk or not device.verify_token(token.strip().replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(SecurityEvent.Kind.MFA_ENABLED, request=request, user=user)
    return recovery_codes_generate(user=user)


@transaction.atomic
def mfa_disable(*, user, request=None) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    api_token_revoke(user=user, request=request, reason="mfa_disabled")
    audit.record(SecurityEvent.Kind.MFA_DISABLED, request=request, user=user)


@transaction.atomic
def api_token_issue(*, user, request=None, mfa: bool = False) -> Token:
    """A new API token for a user who gave the password (and the second factor); the old one is revoked."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.record(SecurityEvent.Kind.API_TOKEN_ISSUED, request=request, user=user, mfa=mfa)
    return token


def api_token_expires(*, user) -> dt.datetime | None:
    """When the user's API token stops working; None when there is no token still valid."""
    from accounts.authentication import token_expires_at

    token = Token.objects.filter(user=user).first()
    if token is None or token_expires_at(token) <= timezone.now():
        return None
    return token_expires_at(token)


def api_token_revoke(*, user, request=None, reason: str = "") -> bool:
    deleted, _per_model = Token.objects.filter(user=user).delete()
    if deleted:
        audit.record(SecurityEvent.Kind.API_TOKEN_REVOKED, request=request, user=user, reason=reason)
    return bool(deleted)


@transaction.atomic
def accounts_disable_inactive(*, days: int | None = None, now: dt.datetime | None = None) -> list[str]:
    """Disable active accounts nobody signed in to for `days` days (never signed in: since created)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=days if days is not None else settings.ACCOUNT_INACTIVE_DAYS)
    stale = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )
    names = []
    for user in stale:
        user.is_active = False
        user.save(update_fields=["is_active"])
        state = _state(user)
        state.disabled_for_inactivity_at = now
        state.save(update_fields=["disabled_for_inactivity_at"])
        api_token_revoke(user=user, reason="account_disabled")
        audit.record(SecurityEvent.Kind.ACCOUNT_DISABLED, user=user, last_login=str(user.last_login or ""))
        names.append(user.get_username())
    return names


def events_purge(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """The retention purge: the only way security events are ever deleted."""
    now = now or timezone.now()
    keep = days if days is not None else settings.SECURITY_EVENT_RETENTION_DAYS
    return SecurityEvent.objects.purge_before(now - dt.timedelta(days=keep))
