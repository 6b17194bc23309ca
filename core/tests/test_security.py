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


def test_healthz_answers_503_when_the_database_is_down_even_with_a_session_cookie():
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz', HTTP_COOKIE='sessionid=abcdefghijklmnopqrstuvwxyz012345')\n"
        "print(r.status_code, r.json()['status'])\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tiendo.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing_here",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    # Logs go to stdout too (12-factor): the answer is the last line.
    assert result.stdout.strip().splitlines()[-1].split() == ["503", "error"], result.stderr[-2000:]


def test_debug_off_without_collectstatic_renders_pages_and_warns(tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core import checks\n"
        "from django.test import Client\n"
        "from django.test.utils import override_settings\n"
        f"with override_settings(STATIC_ROOT={str(tmp_path)!r}, STORAGES=dict(settings.STORAGES)):\n"
        "    r = Client().get('/dang-nhap/')\n"
        "    ids = [m.id for m in checks.run_checks(tags=['staticfiles'])]\n"
        "print(r.status_code, 'core.W001' in ids, '/static/tiendo/site.css' in r.content.decode())\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tiendo.settings", "DEBUG": "0", "SECRET_KEY": "k" * 50}
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1].split() == ["200", "True", "True"], result.stderr[-2000:]
