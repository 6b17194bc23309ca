"""Accounts and sessions: second factor, session clocks, forced password change, inactive accounts,
throttling that cannot lock a victim out, and the security events they leave."""

import datetime as dt
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from accounts import services
from accounts.models import AccountState, SecurityEvent
from accounts.signals import LOGIN_AT, SEEN_AT
from organizations.tests.factories import UserFactory

PASSWORD = "pw-Secret-123"


def _login(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.mark.mfa
def test_focal_point_must_enrol_totp_before_using_the_app(client, focal_point, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own delay after a wrong code; tested upstream
    _login(client, "focal")
    response = client.get(reverse("assignments:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))
    api = client.get("/api/v1/organizations/me/")
    assert api.status_code == 403

    page = client.get(reverse("accounts:mfa_setup"))
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=focal_point, confirmed=False)

    wrong = client.post(reverse("accounts:mfa_setup"), {"token": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert SecurityEvent.objects.filter(kind="mfa_failed", username="focal").exists()

    done = client.post(reverse("accounts:mfa_setup"), {"token": _code(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("assignments:dashboard")).status_code == 200
    assert SecurityEvent.objects.filter(kind="mfa_enabled", user=focal_point).exists()


@pytest.mark.mfa
def test_enrolled_user_enters_a_code_or_a_recovery_code_after_the_password(client, officer_a, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.create(user=officer_a, name="TOTP", confirmed=True)
    codes = services.recovery_codes_generate(user=officer_a)
    _login(client, "officer_a")
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    assert client.post(reverse("accounts:mfa_verify"), {"token": "12345678"}).status_code == 200
    ok = client.post(reverse("accounts:mfa_verify"), {"token": codes[0], "next": "/"})
    assert ok.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    # A recovery code works once.
    client.logout()
    _login(client, "officer_a")
    client.post(reverse("accounts:mfa_verify"), {"token": codes[0]})
    assert client.get(reverse("home")).status_code == 302
    client.post(reverse("accounts:mfa_verify"), {"token": _code(device)})
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.mfa
def test_the_password_alone_reaches_neither_the_password_page_nor_the_account(client, officer_a):
    TOTPDevice.objects.create(user=officer_a, name="TOTP", confirmed=True)
    _login(client, "officer_a")
    for url in (reverse("accounts:password_change"), reverse("accounts:account"), "/api/v1/organizations/me/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Taken-Over-99!", "new_password2": "Taken-Over-99!"},
    )
    assert changed.status_code == 302 and changed["Location"].startswith(reverse("accounts:mfa_verify"))
    officer_a.refresh_from_db()
    assert officer_a.check_password(PASSWORD)


@pytest.mark.mfa
def test_mfa_is_optional_for_officers(client, officer_a):
    _login(client, "officer_a")
    assert client.get(reverse("home")).status_code == 200
    page = client.get(reverse("accounts:account"))
    assert "Chưa bật" in page.content.decode()


@pytest.mark.mfa
def test_administrator_needs_mfa_too(client, admin_user):
    admin_user.set_password(PASSWORD)
    admin_user.save()
    _login(client, "root")
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("accounts:mfa_setup"))


def test_admin_login_page_is_the_one_login(client):
    response = client.get("/quan-tri/login/?next=/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_idle_session_expires(client, officer_a, settings):
    client.force_login(officer_a)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SEEN_AT] = time.time() - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(kind="session_expired", user=officer_a).exists()


def test_administrators_idle_timeout_is_shorter(client, admin_user, settings):
    client.force_login(admin_user)
    session = client.session
    session[SEEN_AT] = time.time() - settings.SESSION_IDLE_MINUTES_ADMIN * 60 - 5
    session.save()
    assert client.get(reverse("home")).status_code == 302


def test_absolute_session_lifetime(client, officer_a, settings):
    client.force_login(officer_a)
    session = client.session
    session[LOGIN_AT] = time.time() - settings.SESSION_ABSOLUTE_HOURS * 3600 - 5
    session.save()
    assert client.get(reverse("home")).status_code == 302


def test_password_set_by_admin_must_be_changed(client, admin_user, officer_a):
    client.force_login(admin_user)
    url = reverse("admin:auth_user_password_change", args=[officer_a.pk])
    response = client.post(
        url, {"password1": "Admin-Set-987!", "password2": "Admin-Set-987!", "usable_password": "true"}
    )
    assert response.status_code == 302
    assert AccountState.objects.get(user=officer_a).must_change_password
    client.logout()

    _login(client, "officer_a", "Admin-Set-987!")
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("accounts:password_change"))
    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": "Admin-Set-987!", "new_password1": "Mine-Own-456?", "new_password2": "Mine-Own-456?"},
    )
    assert changed.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not AccountState.objects.get(user=officer_a).must_change_password
    assert SecurityEvent.objects.filter(kind="password_changed", user=officer_a).exists()


def test_account_created_in_admin_must_change_first_password(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "moi", "password1": "First-Pass-321!", "password2": "First-Pass-321!", "usable_password": "true"},
    )
    assert response.status_code == 302
    assert AccountState.objects.get(user__username="moi").must_change_password


def test_every_user_can_change_their_password(client, viewer_c):
    client.force_login(viewer_c)
    assert client.get(reverse("accounts:password_change")).status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Doi-Mat-Khau-77", "new_password2": "Doi-Mat-Khau-77"},
    )
    assert response.status_code == 302
    viewer_c.refresh_from_db()
    assert viewer_c.check_password("Doi-Mat-Khau-77")


def test_unused_accounts_are_disabled(db):
    old = UserFactory(username="cu")
    get_user_model().objects.filter(pk=old.pk).update(last_login=timezone.now() - dt.timedelta(days=50))
    never = UserFactory(username="chua")
    get_user_model().objects.filter(pk=never.pk).update(date_joined=timezone.now() - dt.timedelta(days=46))
    recent = UserFactory(username="moi")
    get_user_model().objects.filter(pk=recent.pk).update(last_login=timezone.now() - dt.timedelta(days=3))
    call_command("disable_inactive_accounts")
    active = dict(get_user_model().objects.values_list("username", "is_active"))
    assert active == {"cu": False, "chua": False, "moi": True}
    assert SecurityEvent.objects.filter(kind="account_disabled").count() == 2


def test_account_delay_slows_guessing_but_owner_gets_in_after_it(client, officer_a):
    for _attempt in range(5):
        _login(client, "officer_a", "wrong")
    delayed = _login(client, "officer_a")
    assert delayed.status_code == 429
    assert "thử lại sau" in delayed.content.decode()
    assert "_auth_user_id" not in client.session
    # The delay passes (here: the failures are older than the delay); the owner signs in.
    from accounts.throttle import account_delay

    later = timezone.now() + dt.timedelta(seconds=61)
    assert account_delay("officer_a", now=later) == 0
    assert account_delay("officer_a") > 0


def test_failures_from_another_address_do_not_lock_the_owner_out(client, officer_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 100
    for _attempt in range(3):
        _login(client, "officer_a", "wrong", REMOTE_ADDR="203.0.113.9")
    blocked = _login(client, "officer_a", REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429
    assert "quá nhiều lần đăng nhập sai" in blocked.content.decode()
    owner = _login(client, "officer_a", REMOTE_ADDR="198.51.100.7")
    assert owner.status_code == 302
    assert SecurityEvent.objects.filter(kind="locked_out", ip="203.0.113.9").exists()
    # Three wrong passwords and the refused attempt: every failure is kept.
    assert SecurityEvent.objects.filter(kind="login_failed", username="officer_a").count() == 4


def test_client_address_behind_a_trusted_proxy(client, officer_a, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.AXES_FAILURE_LIMIT = 2
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 100
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # The attacker forges a left-most X-Forwarded-For entry: the proxy appends the real one, which counts.
    for _attempt in range(2):
        _login(client, "officer_a", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9", **proxy)
    assert _login(client, "officer_a", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy).status_code == 429
    # Another client behind the same proxy is not blocked.
    assert _login(client, "officer_a", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 302
    assert set(SecurityEvent.objects.filter(kind="login_failed").values_list("ip", flat=True)) == {"203.0.113.9"}


def test_untrusted_forwarded_header_is_ignored(rf, settings):
    from core.net import client_ip

    settings.TRUSTED_PROXIES = []
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


def test_failed_logins_are_kept_after_success(client, officer_a):
    _login(client, "officer_a", "wrong")
    _login(client, "officer_a")
    assert SecurityEvent.objects.filter(kind="login_failed", username="officer_a").count() == 1
    assert SecurityEvent.objects.filter(kind="login", user=officer_a).count() == 1


def test_security_events_are_append_only_but_purged_by_retention(db, officer_a, settings):
    event = SecurityEvent.objects.create(kind="login", user=officer_a, username="officer_a")
    event.username = "someone else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        SecurityEvent.objects.filter(pk=event.pk).update(username="x")
    with pytest.raises(PermissionError):
        SecurityEvent.objects.all().delete()
    # Created long ago (the database refuses to move a row back in time).
    with freeze_time(timezone.now() - dt.timedelta(days=settings.SECURITY_EVENT_RETENTION_DAYS + 1)):
        SecurityEvent.objects.create(kind="login", username="officer_a")
    call_command("purge_security_events")
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [event.pk]


def test_security_event_admin_is_read_only(client, admin_user):
    SecurityEvent.objects.create(kind="login", username="x")
    client.force_login(admin_user)
    assert client.get(reverse("admin:accounts_securityevent_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_securityevent_add")).status_code == 403
    event = SecurityEvent.objects.first()
    assert (
        client.post(reverse("admin:accounts_securityevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    )
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_permission_denials_are_recorded(client, officer_a, org):
    client.force_login(officer_a)
    response = client.get(reverse("organizations:unit_detail", args=[org.x.pk]))
    assert response.status_code == 404
    assert SecurityEvent.objects.filter(kind="access_denied", user=officer_a, detail__status=404).exists()


def test_the_lockout_page_speaks_vietnamese_and_english_by_the_catalogue(client, officer_a, settings):
    """The address lockout answered django-axes' English "Account locked" before (issue 9)."""
    settings.AXES_FAILURE_LIMIT = 2
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 100
    for _attempt in range(2):
        _login(client, "officer_a", "wrong")
    blocked = _login(client, "officer_a")
    assert blocked.status_code == 429
    text = blocked.content.decode()
    assert "quá nhiều lần đăng nhập sai" in text
    assert "Account locked" not in text
