"""The production stack's pieces that run without containers: readiness, metrics, JSON logs, the
read-replica router, the gunicorn settings."""

import json
import logging
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from core.db import ReplicaRouter, reading_replica, replica_alias

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_readyz_reports_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database:default": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    from django.core.cache import caches

    caches._settings = caches.settings = caches.configure_settings(None)  # re-read CACHES
    try:
        response = client.get("/readyz")
    finally:
        del caches["default"]
    assert response.status_code == 503
    assert response.json()["checks"]["database:default"] == "ok"
    assert response.json()["checks"]["cache"] != "ok"


@pytest.mark.django_db
def test_metrics_only_for_allowed_addresses_or_the_token(client, settings):
    assert client.get("/healthz").status_code == 200
    response = client.get("/metrics")  # the test client comes from 127.0.0.1
    assert response.status_code == 200
    assert b"django_http_requests_total_by_method_total" in response.content
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    allowed = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert allowed.status_code == 200


def test_json_log_formatter_writes_one_object_per_line():
    config = dict(django_settings.LOGGING["formatters"]["json"])
    factory = config.pop("()")
    module, name = factory.rsplit(".", 1)
    formatter = getattr(__import__(module, fromlist=[name]), name)(**config)
    record = logging.LogRecord("tiendo.request", logging.INFO, __file__, 1, "GET %s", ("/",), None)
    record.status = 200
    line = formatter.format(record)
    data = json.loads(line)
    assert data["level"] == "INFO" and data["logger"] == "tiendo.request"
    assert data["message"] == "GET /" and data["status"] == 200 and "time" in data


@pytest.mark.django_db
def test_request_log_line_has_status_duration_and_user(client, settings, caplog, officer_a):
    settings.LOG_REQUESTS = True  # read when the client's handler builds the middleware
    client.force_login(officer_a)
    with caplog.at_level(logging.INFO, logger="tiendo.request"):
        client.get("/nhiem-vu/")
    (record,) = [r for r in caplog.records if r.name == "tiendo.request"]
    assert record.status == 200 and record.path == "/nhiem-vu/" and record.method == "GET"
    assert record.user_id == officer_a.pk and record.duration_ms >= 0


def test_gunicorn_settings_suit_a_small_node(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    config = runpy.run_path(str(BASE_DIR / "deploy" / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread"
    assert 2 <= config["workers"] <= 8 and config["threads"] == 2  # CPU-bound pages: processes, few threads
    assert config["bind"].startswith("127.0.0.1:")
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    assert runpy.run_path(str(BASE_DIR / "deploy" / "gunicorn.conf.py"))["workers"] == 5


def test_router_without_a_replica_reads_from_default():
    router = ReplicaRouter()
    with reading_replica():
        assert replica_alias() == "default"
        assert router.db_for_read(None) is None
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "onestop") is False


def test_compose_file_starts_the_whole_stack_with_settings_that_load():
    """compose.yaml cannot run here (no containers): check its shape, and that Django starts with its
    environment (the same variables the container image gets)."""
    import functools
    import os
    import re
    import subprocess
    import sys

    import yaml

    compose = yaml.safe_load((BASE_DIR / "compose.yaml").read_text(encoding="utf-8"))
    assert {"web", "worker", "postgres", "redis", "minio"} <= set(compose["services"])
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    assert web["command"] == ["web"] and worker["command"] == ["worker"]
    assert "/readyz" in " ".join(web["healthcheck"]["test"])
    # Compose's ${NAME:-default} with nothing set in the environment.
    interpolate = functools.partial(re.sub, r"\$\{\w+(?::-([^}]*)|:\?[^}]*)?\}", lambda m: m.group(1) or "")
    env = {key: interpolate(str(value)) for key, value in web["environment"].items()}
    assert env["TASKS_BACKEND"] == "rq" and env["DATABASE_URL"].startswith("postgres://")
    env["SECRET_KEY"] = "compose-test-key"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env={**os.environ, **env, "PYTHONPATH": str(BASE_DIR)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    entrypoint = (BASE_DIR / "deploy" / "entrypoint.sh").read_text(encoding="utf-8")
    assert "rqworker --job-class django_tasks_rq.Job" in entrypoint
    assert "gunicorn -c deploy/gunicorn.conf.py" in (BASE_DIR / "deploy" / "entrypoint.sh").read_text()
