import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_production_refuses_default_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    env.pop("SECRET_KEY")
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", "import django; from django.conf import settings; settings.SECRET_KEY"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tiendo.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_login_is_throttled_after_repeated_failures(client, officer_a):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "officer_a", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "officer_a", "password": "pw-Secret-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_works_and_sets_httponly_session(client, officer_a):
    response = client.post(reverse("login"), {"username": "officer_a", "password": "pw-Secret-123"})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]


def test_password_validation_rejects_weak_passwords(db):
    import pytest
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")


def test_api_token_login(client, officer_a):
    response = client.post("/api/v1/token/", {"username": "officer_a", "password": "pw-Secret-123"})
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/organizations/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.json()["username"] == "officer_a"
