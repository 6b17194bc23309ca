"""API tokens need the second factor when the web login does, expire, and can be revoked (issue 9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time
from rest_framework.authtoken.models import Token

from accounts import services
from accounts.models import SecurityEvent

PASSWORD = "pw-Secret-123"
URL = "/api/v1/token/"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _me(client, key: str):
    return client.get("/api/v1/organizations/me/", HTTP_AUTHORIZATION=f"Token {key}")


@pytest.fixture(autouse=True)
def _no_otp_delay(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.mark.mfa
def test_password_alone_gets_no_token_when_the_account_has_a_second_factor(client, officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="TOTP", confirmed=True)
    codes = services.recovery_codes_generate(user=officer_a)

    alone = client.post(URL, {"username": "officer_a", "password": PASSWORD})
    assert alone.status_code == 400
    assert alone.json()["extra"]["code"] == "otp_required"
    wrong = client.post(URL, {"username": "officer_a", "password": PASSWORD, "otp": "12345678"})
    assert wrong.status_code == 400 and wrong.json()["extra"]["code"] == "otp_invalid"
    assert not Token.objects.filter(user=officer_a).exists()
    assert SecurityEvent.objects.filter(kind="mfa_failed", user=officer_a, detail__stage="api_token").exists()

    ok = client.post(URL, {"username": "officer_a", "password": PASSWORD, "otp": _code(device)})
    assert ok.status_code == 200, ok.content
    assert _me(client, ok.json()["token"]).json()["username"] == "officer_a"
    # A recovery code works too, once; the new token replaces the old one.
    again = client.post(URL, {"username": "officer_a", "password": PASSWORD, "otp": codes[0]})
    assert again.status_code == 200
    assert _me(client, ok.json()["token"]).status_code in (401, 403)
    assert client.post(URL, {"username": "officer_a", "password": PASSWORD, "otp": codes[0]}).status_code == 400
    assert SecurityEvent.objects.filter(kind="api_token_issued", user=officer_a, detail__mfa=True).count() == 2


@pytest.mark.mfa
def test_roles_that_require_mfa_get_no_token_before_enrolling(client, focal_point, admin_user):
    admin_user.set_password(PASSWORD)
    admin_user.save()
    for username in ("focal", "root"):
        response = client.post(URL, {"username": username, "password": PASSWORD})
        assert response.status_code == 403, username
        assert response.json()["extra"]["code"] == "mfa_setup_required"
    assert not Token.objects.exists()


@pytest.mark.mfa
def test_officer_without_second_factor_gets_a_token_with_the_password(client, officer_a):
    response = client.post(URL, {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 200
    assert "expires_at" in response.json()


def test_a_temporary_password_gets_no_token(client, officer_a):
    services.password_change_required(user=officer_a)
    response = client.post(URL, {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 403
    assert response.json()["extra"]["code"] == "password_change_required"


def test_wrong_password_is_a_failed_login_and_slows_the_account(client, officer_a, settings):
    for _i in range(settings.LOGIN_ACCOUNT_FREE_FAILURES):
        assert client.post(URL, {"username": "officer_a", "password": "wrong"}).status_code == 400
    assert SecurityEvent.objects.filter(kind="login_failed", username="officer_a").count() == 5
    delayed = client.post(URL, {"username": "officer_a", "password": PASSWORD})
    assert delayed.status_code == 429
    assert "giây" in delayed.json()["message"]


def test_address_lockout_answers_json(client, officer_a, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 100
    client.post(URL, {"username": "officer_a", "password": "wrong"})
    locked = client.post(URL, {"username": "officer_a", "password": "wrong"})
    assert locked.status_code == 429
    assert locked.json()["extra"]["code"] == "locked_out"


def test_tokens_expire(client, officer_a, settings):
    key = client.post(URL, {"username": "officer_a", "password": PASSWORD}).json()["token"]
    assert _me(client, key).status_code == 200
    with freeze_time(dt.datetime.now(dt.UTC) + dt.timedelta(hours=settings.API_TOKEN_HOURS, minutes=1)):
        expired = _me(client, key)
    assert expired.status_code in (401, 403)
    assert "hết hạn" in expired.json()["detail"]


def test_tokens_are_revoked_by_delete_password_change_and_admin_reset(client, officer_a):
    def issue() -> str:
        return client.post(URL, {"username": "officer_a", "password": PASSWORD}).json()["token"]

    key = issue()
    assert client.delete(URL, HTTP_AUTHORIZATION=f"Token {key}").status_code == 204
    assert _me(client, key).status_code in (401, 403)
    assert client.delete(URL).status_code in (401, 403)

    key = issue()
    client.force_login(officer_a)
    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Another-Secret-456", "new_password2": "Another-Secret-456"},
    )
    assert changed.status_code == 302
    client.logout()
    assert _me(client, key).status_code in (401, 403)

    officer_a.set_password(PASSWORD)
    officer_a.save()
    services.password_changed(user=officer_a)
    key = issue()
    services.password_change_required(user=officer_a)
    assert _me(client, key).status_code in (401, 403)
    assert SecurityEvent.objects.filter(kind="api_token_revoked", user=officer_a).count() == 3


@pytest.mark.parametrize(
    "body",
    [{}, {"username": "x"}, {"username": "x" * 200, "password": "p"}, {"username": "a\x00b", "password": "p"}],
)
def test_malformed_token_requests_are_400(client, db, body):
    assert client.post(URL, body, content_type="application/json").status_code == 400


def test_the_account_page_shows_and_revokes_the_token(client, officer_a):
    key = client.post(URL, {"username": "officer_a", "password": PASSWORD}).json()["token"]
    client.force_login(officer_a)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Có một token API" in page
    assert client.post(reverse("accounts:api_token_revoke")).status_code == 302
    assert "Không có token API" in client.get(reverse("accounts:account")).content.decode()
    client.logout()
    assert _me(client, key).status_code in (401, 403)
    assert SecurityEvent.objects.filter(kind="api_token_revoked", detail__reason="account_page").exists()
