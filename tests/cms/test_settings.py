"""Production settings: `check --deploy` is clean, and the site refuses to start without its secrets.

Each check runs in a fresh interpreter, because settings are read once per process.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOST = "academy.example.org"

# Variables that would make the production settings depend on the machine the tests run on.
MACHINE_SPECIFIC = (
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "REDIS_URL",
    "EMAIL_HOST",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    # Set while the browser tests run; Django's deploy check rightly refuses it (async.E001).
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def production_env(**overrides: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in MACHINE_SPECIFIC}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48),  # 64 characters,
        ALLOWED_HOSTS=HOST,
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def explain(result: subprocess.CompletedProcess) -> str:
    return (
        f"exit code {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(),
    )
    assert result.returncode == 0, explain(result)
    assert "System check identified no issues" in result.stdout, explain(result)


def test_check_deploy_notices_a_missing_security_setting():
    """The check above is only worth something if a weakened setting makes it fail."""
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(SECURE_SSL_REDIRECT="false"),
    )
    assert result.returncode != 0, explain(result)
    assert "security.W008" in result.stderr + result.stdout, explain(result)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "Set SECRET_KEY: production settings refuse to start without it."),
        ("ALLOWED_HOSTS", "Set ALLOWED_HOSTS (comma-separated host names)."),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    result = run(["manage.py", "check"], production_env(**{missing: None}))

    assert result.returncode != 0, explain(result)
    assert "ImproperlyConfigured" in result.stderr, explain(result)
    assert message in result.stderr, explain(result)


@pytest.mark.parametrize("empty", ["", " , "])
def test_an_empty_allowed_hosts_counts_as_missing(empty):
    result = run(["manage.py", "check"], production_env(ALLOWED_HOSTS=empty))
    assert result.returncode != 0, explain(result)
    assert "Set ALLOWED_HOSTS" in result.stderr, explain(result)


PRINT_CACHE_AND_SESSIONS = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'caches': settings.CACHES, 'session_engine': settings.SESSION_ENGINE, "
    "'tasks': settings.TASKS, 'database': {key: settings.DATABASES['default'][key] "
    "for key in ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS')}}))"
)


def production_settings(**overrides: str | None) -> dict:
    result = run(["-c", PRINT_CACHE_AND_SESSIONS], production_env(**overrides))
    assert result.returncode == 0, explain(result)
    return json.loads(result.stdout)


def test_redis_url_makes_redis_the_shared_cache():
    found = production_settings(REDIS_URL="redis://cache.internal:6379/1")

    assert found["caches"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    assert found["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_url_the_cache_is_shared_through_the_database():
    # Rate-limit counters in one process's memory would let a client multiply its attempts by
    # the number of processes.
    found = production_settings(REDIS_URL=None)
    assert found["caches"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_renditions_stay_out_of_the_database_cache():
    # Wagtail writes every rendition it uses to the cache; in a table that write costs more than
    # the query it saves. With Redis the writes are cheap and the default cache keeps them.
    without_redis = production_settings(REDIS_URL=None)["caches"]
    with_redis = production_settings(REDIS_URL="redis://cache.internal:6379/1")["caches"]

    assert without_redis["renditions"]["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"
    assert "renditions" not in with_redis


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    assert production_settings()["database"] == {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}


def test_the_connection_lifetime_can_be_set_from_the_environment():
    found = production_settings(DATABASE_CONN_MAX_AGE="0")
    assert found["database"] == {"CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": True}


def test_production_queues_background_work_in_the_database():
    found = production_settings()
    assert found["tasks"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_every_locale_path_is_a_folder_of_the_project(settings):
    assert settings.LOCALE_PATHS
    for folder in settings.LOCALE_PATHS:
        assert Path(folder).is_dir(), f"LOCALE_PATHS names {folder}, which does not exist"


PROBE_OVER_PLAIN_HTTP = (
    "import django, json; django.setup(); from django.test import Client; "
    f"client = Client(HTTP_HOST='{HOST}'); "
    "print(json.dumps({path: client.get(path).status_code for path in ('/healthz', '/news/')}))"
)


def test_load_balancers_reach_the_health_check_over_plain_http():
    # Every other address is sent to HTTPS; the health check answers where the probe asked.
    result = run(["-c", PROBE_OVER_PLAIN_HTTP], production_env())
    assert result.returncode == 0, explain(result)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"/healthz": 200, "/news/": 301}
