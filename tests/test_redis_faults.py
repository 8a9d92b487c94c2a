"""Redis down means slower, never 500 (DESIGN.md; vnportal/core/redis_health.py).

A real portal (`vnportal run`: gunicorn, the scheduler, demo content; SQLite, or a PostgreSQL
database of its own when the suite runs on PostgreSQL) is configured with
a Redis of its own: a redis-server this test starts on a free port and kills, never the shared
one. Redis is down when the portal starts, comes up, and is killed again in the middle of
traffic. Pages, search, the document library, logging in and voting keep answering; page views
and the ballot taken during the outage are counted; and when Redis is back the page cache works
again without a restart. Skips without redis-server.
"""

import http.client
import http.cookies
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg
import pytest

from tests.support.net import free_port
from tools import nginx_local

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")


class OwnRedis:
    def __init__(self, port):
        self.port, self.process = port, None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert nginx_local.wait_for_port(self.port, timeout=10), "redis-server did not start"

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # not a clean shutdown: as when the host dies
            self.process.wait()
        self.process = None


class Reader:
    def __init__(self, port, user_agent=BROWSER):
        self.port, self.cookies, self.user_agent = port, {}, user_agent

    def request(self, method, path, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True) if data is not None else None
        sent = {"Host": "127.0.0.1", "User-Agent": self.user_agent, "Accept": "text/html", "Accept-Language": "vi"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        conn.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def get(self, path):
        return self.request("GET", path)

    def csrf(self, path):
        status, _, html = self.get(path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def own_database():
    """The portal's database: its own PostgreSQL database when the suite runs on PostgreSQL
    (named after DATABASE_URL's, created and dropped here), else SQLite in its data directory."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_redis_faults"
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def portal(tmp_path, own_database):
    redis_port = free_port()
    redis = OwnRedis(redis_port)  # not started: Redis is down when the portal starts
    port = free_port(exclude={redis_port})
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "VNPORTAL_PUBLIC_URL"}
    }
    env.update(
        VNPORTAL_DATA_DIR=str(tmp_path / "data"),
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        CACHE_KEY_PREFIX="vnportal-faults",
        STATS_FLUSH_INTERVAL="1",
        POLL_IP_RATE_LIMIT="2",
    )
    if own_database:
        env["DATABASE_URL"] = own_database
    log = open(tmp_path / "portal.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "vnportal.cli", "run", "--port", str(port), "--workers", "1", "--threads", "4"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def shell(code):
        result = subprocess.run(
            [sys.executable, "-m", "vnportal.cli", "manage", "shell", "--no-imports", "-c", code],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout.strip().splitlines()[-1]

    try:
        assert nginx_local.wait_for_port(port, timeout=240) and server.poll() is None, (
            tmp_path / "portal.log"
        ).read_text()[-3000:]
        yield port, redis, shell, tmp_path / "portal.log"
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        redis.kill()


def _first(pattern, html, what):
    match = re.search(pattern, html)
    assert match, f"no {what} on the page"
    return match.group(1)


def _counted_page_views(shell):
    return int(
        shell(
            "from django.db.models import Sum; from vnportal.stats.models import DailySiteCount; "
            "print(DailySiteCount.objects.filter(metric='pageviews').aggregate(n=Sum('count'))['n'] or 0)"
        )
    )


def _everything_answers(port, article, password, poll_id, voter):
    """Home, an article, search, the library, login + profile, and a vote: no 500 anywhere."""
    reader = Reader(port)
    for path in ("/", article, "/tim-kiem/?q=dang+bo", "/van-ban/", "/binh-chon/"):
        status, _, _ = reader.get(path)
        assert status == 200, (path, status)
    member = Reader(port)
    token = member.csrf("/thanh-vien/dang-nhap/")
    status, _, _ = member.request(
        "POST", "/thanh-vien/dang-nhap/", {"username": "admin", "password": password, "csrfmiddlewaretoken": token}
    )
    assert status == 302 and "sessionid" in member.cookies
    assert member.get("/thanh-vien/ho-so/")[0] == 200  # the session, read back
    if poll_id is not None:
        token = voter.csrf(f"/binh-chon/{poll_id}/")
        html = voter.get(f"/binh-chon/{poll_id}/")[2]
        choice = _first(r'name="choice" value="(\d+)"', html, "poll choice")
        status, _, body = voter.request(
            "POST",
            f"/binh-chon/{poll_id}/vote/",
            {"choice": choice, "csrfmiddlewaretoken": token},
            headers={"Accept": "application/json"},
        )
        assert status == 200 and '"ok": true' in body.replace('"ok":true', '"ok": true'), (status, body)


def test_the_portal_keeps_answering_without_redis_and_recovers_by_itself(portal):
    port, redis, shell, log = portal
    reader = Reader(port)
    home = reader.get("/")[2]
    # An article card's title link (the header's sign-in links are two-segment paths too).
    article = _first(r'class="card-title"><a href="(/[a-z0-9/-]+/)"', home, "article link")
    poll_id = _first(r'data-poll="(\d+)"', home, "poll")
    password = (Path(log).parent / "data" / "admin_password.txt").read_text().strip()

    # 1. Down from the start.
    views_before = _counted_page_views(shell)
    _everything_answers(port, article, password, poll_id, Reader(port))
    assert {reader.get(article)[1].get("X-Page-Cache") for _ in range(2)} <= {"MISS", None}  # no cache to hit
    # 2. Redis comes up: the page cache works again, no restart.
    redis.start()
    deadline = time.monotonic() + 15
    while reader.get(article)[1].get("X-Page-Cache") != "HIT" and time.monotonic() < deadline:
        time.sleep(0.3)
    assert reader.get(article)[1].get("X-Page-Cache") == "HIT"

    # 3. Killed in the middle of traffic.
    statuses, stop = [], threading.Event()

    def traffic():
        client = Reader(port)
        while not stop.is_set():
            for path in ("/", article, "/tim-kiem/?q=tinh", "/van-ban/"):
                statuses.append(client.get(path)[0])

    threads = [threading.Thread(target=traffic) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    redis.kill()
    _everything_answers(port, article, password, None, None)
    time.sleep(1.5)
    stop.set()
    for thread in threads:
        thread.join(60)
    assert statuses and set(statuses) == {200}, sorted(set(statuses))

    # Ballots and rate limits during the outage: a fresh poll voter is counted, and the per-address
    # limit (2 here) still limits, through the database.
    ballots_before = int(
        shell(f"from vnportal.polls.models import Ballot; print(Ballot.objects.filter(poll_id={poll_id}).count())")
    )
    answers = []
    for n in range(3):  # three browsers behind one address: the third is over the limit
        voter = Reader(port, f"{BROWSER} voter{n}")
        token = voter.csrf(f"/binh-chon/{poll_id}/")
        choice = _first(r'name="choice" value="(\d+)"', voter.get(f"/binh-chon/{poll_id}/")[2], "poll choice")
        status, _, _ = voter.request(
            "POST",
            f"/binh-chon/{poll_id}/vote/",
            {"choice": choice, "csrfmiddlewaretoken": token},
            headers={"Accept": "application/json"},
        )
        answers.append(status)
    assert 500 not in answers and 429 in answers, answers
    assert int(shell("from vnportal.core.models import RateCounter; print(RateCounter.objects.count())")) >= 1
    ballots_after = int(
        shell(f"from vnportal.polls.models import Ballot; print(Ballot.objects.filter(poll_id={poll_id}).count())")
    )
    assert ballots_after > ballots_before

    # Page views taken while Redis was down reached the daily rows (through the database buffer).
    deadline = time.monotonic() + 20
    while _counted_page_views(shell) <= views_before and time.monotonic() < deadline:
        time.sleep(1)
    assert _counted_page_views(shell) > views_before

    # 4. Back again: cached pages, without a restart.
    redis.start()
    deadline = time.monotonic() + 15
    while reader.get(article)[1].get("X-Page-Cache") != "HIT" and time.monotonic() < deadline:
        time.sleep(0.3)
    assert reader.get(article)[1].get("X-Page-Cache") == "HIT"
    text = Path(log).read_text()
    assert "Redis is unreachable" in text and "Redis is reachable again after" in text
    assert "Traceback" not in text, text[-3000:]
