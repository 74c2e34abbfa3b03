"""``make bench``: the site's throughput per route, served the way production serves it.

One gunicorn process with one sync worker (so the figures are per core) runs the production
settings (DEBUG off, collected static files) over data built by ``seed_demo --scale N``: SQLite by
default, PostgreSQL and Redis when ``DATABASE_URL`` and ``REDIS_URL`` are set. ``wrk`` loads each
route after a warm-up; every figure is also given as a share of ``/healthz`` measured in the same
run, which makes runs on different machines comparable. Routes that the page cache may serve are
measured twice, with ``PAGE_CACHE_SECONDS=0`` and ``=300``. Query counts come from a separate step
that requests each route once through Django's test client, so production code carries no counter.

Settings (environment): BENCH_SCALE (10), BENCH_SECONDS (4 per route), BENCH_CONNECTIONS (2),
BENCH_PORT (8765), BENCH_RESEED=1 to rebuild the data, DATABASE_URL and REDIS_URL.
"""

import hashlib
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results" / "latest.json"
LUA = BENCH / "report.lua"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
TRAINEE = "trainee@example.org"
FACILITATOR = "facilitator@example.org"
# The 2014 alumnus reads every forum of the demo.
ALUMNUS = "alumni@example.org"
LONG_FIRST, LONG_LAST = "long topic, first page", "long topic, last page"
# Machine-specific variables that would change what the benchmark measures.
CLEARED = ("DJANGO_SETTINGS_MODULE", "PAGE_CACHE_SECONDS", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS")
# One key for the whole run: the sessions made for wrk must be readable by the server.
SECRET_KEY = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(48)


def wrk_missing() -> str | None:
    if shutil.which("wrk"):
        return None
    return (
        "make bench needs the load generator wrk.\n"
        "  Debian/Ubuntu: sudo apt-get install wrk\n"
        "  macOS:         brew install wrk\n"
        "  Fedora:        sudo dnf install wrk"
    )


def data_folder(scale: int) -> Path:
    return BENCH / "data" / f"scale-{scale}"


def environment(scale: int, *, page_cache_seconds: int = 0) -> dict[str, str]:
    """The production settings, pointed at the benchmark's own data."""
    folder = data_folder(scale)
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private-media"),
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def prepare(scale: int) -> None:
    """Migrate and seed once per scale (seeding refuses production settings, so it runs under the
    development ones on the same database), then what production needs before it serves."""
    folder = data_folder(scale)
    stamp = folder / "seeded"
    env = environment(scale)
    if os.environ.get("DATABASE_URL"):
        database = hashlib.sha256(os.environ["DATABASE_URL"].encode()).hexdigest()[:12]
        stamp = folder / f"seeded-{database}"
    if (
        os.environ.get("BENCH_RESEED") == "1"
        and folder.exists()
        and not os.environ.get("DATABASE_URL")
    ):
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if not stamp.exists() or os.environ.get("BENCH_RESEED") == "1":
        seeding = {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
        print(f"Seeding scale {scale} (once; BENCH_RESEED=1 rebuilds it) ...", flush=True)
        started = time.perf_counter()
        manage("migrate", "--noinput", "-v0", env=seeding)
        with open(folder / "seed.log", "w") as log:
            subprocess.run(  # noqa: S603
                [PYTHON, "manage.py", "seed_demo", "--scale", str(scale)],
                cwd=ROOT,
                env=seeding,
                stdout=log,
                check=True,
            )
        stamp.write_text(f"{time.perf_counter() - started:.0f} s\n")
    manage("migrate", "--noinput", "-v0", env=env)
    manage("createcachetable", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)


def inspect() -> dict:
    """Runs in a child under the production settings: the routes, a signed-in session for each
    role, and each route's query count on its second request (the first warms the caches)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.models import NewsPage, PracticePage
    from community.models import Forum, Topic
    from community.selectors import topic_num_pages
    from learning.models import AgendaItem, AgendaPage, LessonPage
    from learning.selectors.editions import current_edition

    edition = current_edition()
    practice = PracticePage.objects.live().public().order_by("path").first()
    update = NewsPage.objects.live().public().order_by("-date").first()
    users = get_user_model().objects.in_bulk([TRAINEE, FACILITATOR, ALUMNUS], field_name="email")
    clients = {None: Client()}
    for email, user in users.items():
        clients[email] = Client()
        clients[email].force_login(user)
    lessons = LessonPage.objects.live().descendant_of(edition).order_by("path")
    lesson = next(
        (page.url for page in lessons[:20] if clients[TRAINEE].get(page.url).status_code == 200),
        None,
    )
    cohort = f"/learning/{edition.slug}/cohort/"
    # The finished edition's agenda is published; the current one's is a draft.
    agenda = AgendaPage.objects.live().order_by("path").first()
    first_item = AgendaItem.objects.filter(page=agenda).order_by("date", "start", "pk").first()
    # The busiest forum by posts, and the longest topic (``seed_demo --scale`` makes it).
    forum = Forum.objects.order_by("-post_count", "pk").first()
    long_topic = Topic.objects.select_related("forum").order_by("-post_count", "pk").first()
    # (label, path, account, may the page cache serve it)
    routes = [
        ("/healthz", "/healthz", None, False),
        ("home", "/", None, True),
        ("practice index", "/practices/", None, True),
        ("practice index, filtered", "/practices/?country=Germany&status=live", None, True),
        ("a practice", practice.url, None, True),
        ("news index", "/news/", None, True),
        ("a news update", update.url, None, True),
        ("news feed", "/news/feed/", None, True),
        ("search", "/search/?q=housing", None, True),
        ("sitemap", "/sitemap.xml", None, True),
        ("an edition (trainee)", edition.url, TRAINEE, False),
        ("a lesson (trainee)", lesson, TRAINEE, False),
        ("dashboard (trainee)", "/learning/dashboard/", TRAINEE, False),
        ("cohort (facilitator)", cohort, FACILITATOR, False),
        ("cohort CSV (facilitator)", f"{cohort}?format=csv", FACILITATOR, False),
        ("agenda (facilitator)", agenda.url if agenda else None, FACILITATOR, False),
        (
            "check-in (facilitator)",
            f"/learning/agenda/items/{first_item.pk}/check-in/" if first_item else None,
            FACILITATOR,
            False,
        ),
        ("forum index (alumnus)", "/community/", ALUMNUS, False),
        ("a forum's topics (alumnus)", forum.get_absolute_url() if forum else None, ALUMNUS, False),
        (LONG_FIRST, long_topic.get_absolute_url() if long_topic else None, ALUMNUS, False),
        (
            LONG_LAST,
            # The page ``?post=<last>`` redirects to, rendered as the first page is.
            f"{long_topic.get_absolute_url()}?page={topic_num_pages(long_topic)}"
            if long_topic
            else None,
            ALUMNUS,
            False,
        ),
        ("notifications (alumnus)", "/community/notifications/", ALUMNUS, False),
        ("member directory (alumnus)", "/community/members/", ALUMNUS, False),
    ]
    found = []
    for label, path, account, cacheable in routes:
        if path is None:
            continue
        client = clients[account]
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        found.append(
            {
                "route": label,
                "path": path,
                "account": account,
                "cacheable": cacheable,
                "status": response.status_code,
                "bytes": len(response.content) if not response.streaming else None,
                "queries": len(queries),
            }
        )
    sessions = {
        email: client.cookies["sessionid"].value for email, client in clients.items() if email
    }
    return {"routes": found, "sessions": sessions}


def run_inspect(scale: int, page_cache_seconds: int) -> dict:
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "tests.benchmarks.pages", "--inspect"],
        cwd=ROOT,
        env=environment(scale, page_cache_seconds=page_cache_seconds),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"Inspecting the routes failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def worker_rss_mb(master: int) -> float | None:
    """Resident memory of gunicorn's worker (the master's only child), from /proc."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        status = Path(f"/proc/{children[0]}/status").read_text()
    except (OSError, IndexError):
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def wrk(url: str, *, seconds: float, connections: int, cookie: str | None) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "-s", str(LUA)]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def serve_and_load(scale: int, page_cache_seconds: int, routes: list[dict], sessions: dict) -> dict:
    port = int(os.environ.get("BENCH_PORT", "8765"))
    seconds = float(os.environ.get("BENCH_SECONDS", "4"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "2"))
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "cms.wsgi:application",
            "--workers=1",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=environment(scale, page_cache_seconds=page_cache_seconds),
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not answer /healthz within 20 seconds")
        measured = {}
        for route in routes:
            cookie = sessions.get(route["account"]) if route["account"] else None
            url = base + route["path"]
            wrk(url, seconds=1, connections=1, cookie=cookie)  # warm-up
            measured[route["route"]] = wrk(
                url, seconds=seconds, connections=connections, cookie=cookie
            )
            print(f"  {route['route']:32} {measured[route['route']]['rps']:8.1f} req/s", flush=True)
        rss = worker_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return {"measured": measured, "worker_rss_mb": rss}


def machine() -> dict:
    model = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": model, "python": platform.python_version()}


def table(rows: list[dict]) -> str:
    header = (
        f"| {'route':34} | {'cache':5} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} "
        f"| {'of /healthz':>11} | {'queries':>7} | {'worker RSS':>10} |"
    )
    lines = [
        header,
        "|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|",
    ]
    for row in rows:
        share = f"{row['share_of_healthz'] * 100:.1f}%"
        rss = f"{row['worker_rss_mb']:.0f} MB" if row["worker_rss_mb"] else "?"
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        lines.append(
            f"| {row['route'] + errors:34} | {row['cache']:5} | {row['rps']:7.1f} | {row['p50_ms']:7.1f} "
            f"| {row['p95_ms']:7.1f} | {share:>11} | {row['queries']:7d} | {rss:>10} |"
        )
    return "\n".join(lines)


def long_topic_pages(rows: list[dict]) -> str:
    """The last page of the long topic against its first: time and queries (the issue asks for
    at most 1.5 times the time, and the same number of queries)."""
    found = {row["route"]: row for row in rows if row["cache"] == "off"}
    if LONG_FIRST not in found or LONG_LAST not in found:
        return "The long topic was not measured."
    first, last = found[LONG_FIRST], found[LONG_LAST]
    ratio = last["p50_ms"] / first["p50_ms"] if first["p50_ms"] else float("nan")
    verdict = "within" if ratio <= 1.5 and first["queries"] == last["queries"] else "NOT within"
    return (
        f"Long topic: the last page takes {ratio:.2f} times the first page's median time, with "
        f"{last['queries']} queries against {first['queries']}: {verdict} the budget "
        "(1.5 times, the same queries)."
    )


def main() -> None:
    if message := wrk_missing():
        sys.exit(message)
    scale = int(os.environ.get("BENCH_SCALE", "10"))
    backend = (
        "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    )
    cache = "Redis" if os.environ.get("REDIS_URL") else "the database cache"
    started = time.perf_counter()
    prepare(scale)
    rows = []
    for page_cache_seconds in (0, 300):
        inspected = run_inspect(scale, page_cache_seconds)
        routes = [
            r
            for r in inspected["routes"]
            if page_cache_seconds == 0 or r["cacheable"] or r["route"] == "/healthz"
        ]
        broken = [r for r in routes if r["status"] != 200]
        if broken:
            sys.exit(f"Some routes do not answer 200: {broken}")
        label = "off" if page_cache_seconds == 0 else "on"
        print(f"Page cache {label} (PAGE_CACHE_SECONDS={page_cache_seconds}):", flush=True)
        run = serve_and_load(scale, page_cache_seconds, routes, inspected["sessions"])
        baseline = run["measured"]["/healthz"]["rps"]
        for route in routes:
            figures = run["measured"][route["route"]]
            rows.append(
                {
                    "route": route["route"],
                    "path": route["path"],
                    "cache": label,
                    **figures,
                    "share_of_healthz": figures["rps"] / baseline,
                    "queries": route["queries"],
                    "bytes": route["bytes"],
                    "worker_rss_mb": run["worker_rss_mb"],
                }
            )
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "scale": scale,
        "database": backend,
        "cache": cache,
        "machine": machine(),
        "wrk": {
            "seconds": float(os.environ.get("BENCH_SECONDS", "4")),
            "connections": int(os.environ.get("BENCH_CONNECTIONS", "2")),
        },
        "rows": rows,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    info = report["machine"]
    print()
    print(
        f"gunicorn, 1 sync worker, production settings; {backend} with {cache}; seed_demo --scale "
        f"{scale}; wrk -t1 -c{report['wrk']['connections']} for {report['wrk']['seconds']:g} s a route "
        f"after a 1 s warm-up. {info['cores']} cores, {info['cpu']}, Python {info['python']}."
    )
    print(table(rows))
    print(long_topic_pages(rows))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    if sys.argv[1:] == ["--inspect"]:
        print(json.dumps(inspect()))
    else:
        main()
