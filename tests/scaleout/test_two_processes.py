"""Two web processes and the task worker serve one site: nothing a visitor does depends on which
process answers.

Two gunicorn servers on two loopback ports share one PostgreSQL database, one Redis and one media
folder; a ``db_worker`` sends the mail. A trainee is driven through both servers in turn.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.html import text_of
from tests.scaleout.conftest import DATABASE_URL, REDIS_URL

pytestmark = pytest.mark.scaleout

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery"  # noqa: S105 (the factories' test password)
# Lesson posts a trainee may make in an hour, set low for the servers so the test reaches it.
LESSON_POST_LIMIT = 4


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_sql(*statements: str) -> None:
    import psycopg

    server = DATABASE_URL.rsplit("/", 1)[0]
    url = (server + "/postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _fresh_database(run: dict) -> None:
    """An empty, migrated database. Migrating from nothing takes long, so a migrated template is
    kept between runs and copied; migrating the copy applies whatever is newer than the template."""
    name = DATABASE_URL.rsplit("/", 1)[1]
    template = f"{name}_template"
    _server_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    try:
        _server_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    except Exception:  # noqa: BLE001 (no template yet: make one)
        _server_sql(f'CREATE DATABASE "{template}"')
        template_env = {
            **run["env"],
            "DATABASE_URL": DATABASE_URL.rsplit("/", 1)[0] + "/" + template,
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"], **{**run, "env": template_env}
        )
        _server_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], **run)


def _wait_until_up(url: str, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            if requests.get(f"{url}/robots.txt", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in time")


@dataclass
class Site:
    a: str
    b: str
    data: dict
    mail_dir: Path


@pytest.fixture(scope="module")
def site():
    import json

    import redis

    folder = Path(tempfile.mkdtemp(prefix="academy-scaleout-"))
    ports = (_free_port(), _free_port())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.scaleout.settings",
        "SECRET_KEY": "scale-out-test-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": DATABASE_URL,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "PAGE_CACHE_SECONDS": "300",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "SCALEOUT_MAIL_DIR": str(folder / "mail"),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{ports[0]}",
        "SCALEOUT_LESSON_POST_LIMIT": str(LESSON_POST_LIMIT),
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    (folder / "mail").mkdir()

    redis.Redis.from_url(REDIS_URL).flushdb()
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "text": True}
    _fresh_database(run)
    built = subprocess.run([sys.executable, "-m", "tests.scaleout.build_site"], **run)
    data = json.loads(built.stdout.strip().splitlines()[-1])

    log = (folder / "servers.log").open("w")
    spawn = {"cwd": ROOT, "env": env, "stdout": log, "stderr": subprocess.STDOUT}
    gunicorn = [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "1"]
    processes = [
        subprocess.Popen([*gunicorn, "--bind", f"127.0.0.1:{port}"], **spawn)  # noqa: S603
        for port in ports
    ]
    processes.append(
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            **spawn,
        )
    )
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        deadline = time.monotonic() + 120
        for url, process in zip(urls, processes, strict=False):
            _wait_until_up(url, process, deadline)
        yield Site(a=urls[0], b=urls[1], data=data, mail_dir=folder / "mail")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


class Visitor:
    """One browser: a cookie jar that goes with it to whichever server it asks. Every request names
    the same host, as it would reaching the servers through the one proxy in front of them."""

    def __init__(self) -> None:
        self.http = requests.Session()
        self.http.headers["Host"] = "127.0.0.1"

    def get(self, url: str) -> requests.Response:
        return self.http.get(url, timeout=30, allow_redirects=False)

    def post(self, url: str, data: dict | None = None) -> requests.Response:
        token = self.http.cookies.get("csrftoken", "")
        headers = {"X-CSRFToken": token}
        return self.http.post(
            url, data=data or {}, headers=headers, timeout=30, allow_redirects=False
        )

    def log_in(self, server: str, email: str) -> None:
        self.get(f"{server}/accounts/login/")
        response = self.post(f"{server}/accounts/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302, response.text[:500]


def _mail_to(mail_dir: Path, address: str) -> list[str]:
    messages = []
    for path in mail_dir.iterdir():
        messages += [part for part in path.read_text().split("-" * 79) if f"To: {address}" in part]
    return messages


def test_two_processes_serve_one_site(site):
    a, b, data = site.a, site.b, site.data
    trainee = Visitor()

    # Signed in on one, signed in on the other.
    trainee.log_in(a, data["trainee"])
    assert trainee.get(f"{b}/learning/dashboard/").status_code == 200

    # Enrolled through one: the confirmation waits for the worker.
    application = {
        "organisation": "City of Vienna",
        "role": "Integration officer",
        "city": "Vienna",
        "country": "Austria",
        "motivation": "We run a one-stop shop for newcomers and want to compare notes.",
    }
    assert (
        trainee.post(f"{a}/learning/{data['edition_slug']}/apply/", application).status_code == 302
    )
    assert "Next: What works where" in text_of(trainee.get(f"{b}/learning/dashboard/"), "main")

    # A lesson completed on the other shows as progress on the first.
    assert trainee.post(f"{b}{data['lesson_url']}complete/").status_code == 302
    dashboard = text_of(trainee.get(f"{a}/learning/dashboard/"), "main")
    assert "Next: Reading a practice profile" in dashboard

    # Lesson posts are counted in one place: the limit holds whichever server is asked.
    for server in [a, b, a][: LESSON_POST_LIMIT - 1]:
        assert trainee.post(f"{server}{data['lesson_url']}complete/").status_code == 302
    refused = trainee.post(f"{b}{data['lesson_url']}complete/")
    assert refused.status_code == 429
    assert trainee.post(f"{a}{data['lesson_url']}complete/").status_code == 429

    # A page one server stored is served by the other; an edit published through one is fresh on
    # both at once.
    about = data["about"]
    anonymous = Visitor()
    assert anonymous.get(f"{b}{about['url']}").headers.get("X-Page-Cache") == "miss"
    stored = anonymous.get(f"{a}{about['url']}")
    assert stored.headers.get("X-Page-Cache") == "hit"
    assert "First version." in text_of(stored, "main")

    editor = Visitor()
    editor.log_in(a, data["editor"])
    form = nested_form_data(
        {
            "title": about["title"],
            "slug": about["slug"],
            "intro": "Second version.",
            "body": streamfield([]),
        }
    )
    published = editor.post(
        f"{a}/admin/pages/{about['id']}/edit/", {**form, "action-publish": "action-publish"}
    )
    assert published.status_code == 302, published.text[:500]
    for server in (b, a):
        assert "Second version." in text_of(anonymous.get(f"{server}{about['url']}"), "main")

    # The worker sent the enrolment mail, once.
    deadline = time.monotonic() + 20
    while not _mail_to(site.mail_dir, data["trainee"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # long enough for a second copy to appear if it were ever sent
    mails = _mail_to(site.mail_dir, data["trainee"])
    assert len(mails) == 1
    assert "You are enrolled in Vienna 2027" in mails[0]
