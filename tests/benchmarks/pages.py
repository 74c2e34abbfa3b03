"""``make bench``: how the busiest pages cope when the data grows.

Each data size runs in its own process with its own SQLite database, seeded with
``seed_demo --scale N``. Every page is requested many times; the median time is reported as a
ratio to the median of ``/robots.txt`` (a view that touches no table) measured in the same process,
so the figures compare across machines. The query count of each page should not change with size.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASELINE = "/robots.txt"
# (label, URL, the demo account to sign in as or None)
PAGES = [
    ("home", "/", None),
    ("practice index", "/practices/", None),
    ("practice index, filtered", "/practices/?country=Germany&status=live", None),
    ("news index", "/news/", None),
    ("news feed", "/news/feed/", None),
    ("kit", "/kit/", None),
    ("search", "/search/?q=housing", None),
    ("edition page", "/academy/ghent/", "trainee@example.org"),
    ("my learning", "/learning/dashboard/", "trainee@example.org"),
    ("cohort", "/learning/ghent/cohort/", "facilitator@example.org"),
    ("agenda", "/academy/turin-2014/agenda/", "alumni@example.org"),
    ("check-in", lambda: _check_in_url(), "facilitator@example.org"),
]
REPEAT = 30


def _check_in_url() -> str:
    """The check-in screen of the 2014 agenda's first item, known only once the demo is seeded."""
    from learning.models import AgendaItem

    item = AgendaItem.objects.filter(page__slug="agenda").order_by("date", "start", "pk").first()
    return f"/learning/agenda/items/{item.pk}/check-in/"


def measure(scale: int) -> dict:
    """Runs in the child process: seed, then time every page."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-media-")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale=scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
    seed_seconds = time.perf_counter() - started

    def timed(client: Client, url: str) -> tuple[float, int]:
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        # The query log is a bounded deque that seeding may have filled; empty it so it can count.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        # Counted now: later requests empty the log that the context reads from.
        query_count = len(queries)
        samples = []
        for _ in range(REPEAT):
            begin = time.perf_counter()
            client.get(url)
            samples.append(time.perf_counter() - begin)
        return statistics.median(samples), query_count

    anonymous = Client()
    baseline, _ = timed(anonymous, BASELINE)
    results = {}
    for label, url, account in PAGES:
        url = url() if callable(url) else url
        client = Client()
        if account:
            client.force_login(get_user_model().objects.get(email=account))
        median, queries = timed(client, url)
        results[label] = {"ratio": median / baseline, "queries": queries}
    return {"scale": scale, "seed_seconds": seed_seconds, "pages": results}


def run_child(scale: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        }
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.benchmarks.pages", "--child", str(scale)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    small_scale, large_scale = 1, int(os.environ.get("BENCH_SCALE", "10"))
    small, large = run_child(small_scale), run_child(large_scale)
    print(
        f"Median time per page as a multiple of {BASELINE} in the same process; {REPEAT} requests each."
    )
    print(
        f"Seeding: scale {small_scale} in {small['seed_seconds']:.1f} s, scale {large_scale} in {large['seed_seconds']:.1f} s."
    )
    header = f"{'page':28} {'x baseline':>11} {'x baseline':>11} {'growth':>7} {'queries':>8} {'queries':>8}"
    print(header)
    print(
        f"{'':28} {'scale ' + str(small_scale):>11} {'scale ' + str(large_scale):>11} {'':>7} {'scale ' + str(small_scale):>8} {'scale ' + str(large_scale):>8}"
    )
    for label in small["pages"]:
        one, many = small["pages"][label], large["pages"][label]
        print(
            f"{label:28} {one['ratio']:11.1f} {many['ratio']:11.1f} {many['ratio'] / one['ratio']:7.2f}"
            f" {one['queries']:8d} {many['queries']:8d}"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main()
