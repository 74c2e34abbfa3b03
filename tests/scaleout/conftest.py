"""The scale-out test runs only when asked for (``pytest -m scaleout``) and when PostgreSQL and
Redis answer: it starts servers of its own and takes most of a minute."""

import os

import pytest

DATABASE_URL = os.environ.get(
    "SCALEOUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test_scaleout"
)
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/1")


def _postgres_error() -> str | None:
    import psycopg

    server = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(
            server.replace("postgres://", "postgresql://", 1), connect_timeout=3
        ).close()
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL does not answer at {server}: {exc}"
    return None


def _redis_error() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        return f"Redis does not answer at {REDIS_URL}: {exc}"
    return None


def pytest_collection_modifyitems(config, items):
    markexpr = config.option.markexpr or ""
    asked = "scaleout" in markexpr and "not scaleout" not in markexpr
    for item in items:
        if "scaleout" not in item.keywords:
            continue
        if not asked:
            item.add_marker(pytest.mark.skip(reason="runs only when asked: pytest -m scaleout"))
            continue
        reason = _postgres_error() or _redis_error()
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))
