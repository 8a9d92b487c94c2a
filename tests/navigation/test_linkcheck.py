"""The weekly broken-link check (issue 16, point 3), against servers this test starts on 127.0.0.1."""

import datetime
import http.server
import threading
import time

import pytest
from django.utils import timezone

from tests.support.net import free_port
from vnportal.core import scheduler
from vnportal.navigation import linkcheck
from vnportal.navigation.models import Link, LinkGroup


class Handler(http.server.BaseHTTPRequestHandler):
    seen = []

    def log_message(self, *args):
        pass

    def _answer(self, body):
        Handler.seen.append((self.command, self.path))
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/missing":
            self.send_response(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/moved-away":
            self.send_response(302)
            self.send_header("Location", "/missing")
        elif self.path == "/no-head":
            self.send_response(405 if self.command == "HEAD" else 200)
        elif self.path == "/slow":
            time.sleep(3)
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def short_timeout(settings):
    settings.LINK_CHECK_TIMEOUT = 1


def test_answers_from_a_local_server(server, short_timeout):
    assert linkcheck.check_url(server + "/ok") == (200, "", False)
    assert linkcheck.check_url(server + "/missing")[::2] == (404, True)
    assert linkcheck.check_url(server + "/moved") == (200, "", False)  # a redirect is followed
    assert linkcheck.check_url(server + "/moved-away")[::2] == (404, True)
    assert linkcheck.check_url(server + "/no-head") == (200, "", False)  # HEAD refused, GET answered
    assert ("HEAD", "/no-head") in Handler.seen and ("GET", "/no-head") in Handler.seen
    started = time.monotonic()
    status, error, broken = linkcheck.check_url(server + "/slow")
    assert status is None and broken and "timed out" in error
    assert time.monotonic() - started < 2.9 * 2  # HEAD and GET, each cut at the 1 s timeout
    refused = f"http://127.0.0.1:{free_port()}/"
    status, error, broken = linkcheck.check_url(refused)
    assert status is None and broken and "refused" in error.lower()


def test_the_scheduled_check_records_each_link_and_lists_the_broken(server, short_timeout, settings, admin_client):
    group = LinkGroup.objects.create(title="Cổng Trung ương")
    good = Link.objects.create(group=group, title="Hoạt động", url=server + "/ok")
    bad = Link.objects.create(group=group, title="Không tồn tại", url=server + "/missing")
    assert linkcheck.scheduled_check() is None  # off by default outside production
    assert Link.objects.filter(last_checked_at__isnull=False).count() == 0

    settings.LINK_CHECK_ENABLED = True
    assert linkcheck.scheduled_check() == 1
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.last_status, good.is_broken) == (200, False) and good.last_checked_at is not None
    assert (bad.last_status, bad.is_broken) == (404, True)

    # Weekly: checked links wait their turn.
    Handler.seen = []
    assert linkcheck.scheduled_check() == 0
    assert Handler.seen == []
    assert linkcheck.due(timezone.now() + datetime.timedelta(days=7, minutes=1)).count() == 2

    response = admin_client.get("/quan-tri/lien-ket-hong/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Liên kết hỏng" in html and "Không tồn tại" in html and "HTTP 404" in html
    assert "Hoạt động" not in html.split("<table", 1)[1]


def test_the_check_is_off_in_tests_and_never_runs_at_start_up(db, settings):
    from django.conf import settings as live

    assert live.LINK_CHECK_ENABLED is False
    jobs = {name: func for name, _interval, func in scheduler.registered_jobs()}
    assert jobs["navigation_link_check"] is linkcheck.scheduled_check
    assert linkcheck.scheduled_check.first_run_after >= 3600


def test_the_scheduler_delays_a_job_that_asks_for_it(monkeypatch):
    """run_forever gives a job with ``first_run_after`` its first run that much later."""
    added = {}

    class FakeScheduler:
        def __init__(self, **kwargs):
            pass

        def add_job(self, func, trigger, **kwargs):
            added[kwargs["id"]] = kwargs["next_run_time"]

        def start(self):
            pass

    import apscheduler.schedulers.blocking

    monkeypatch.setattr(apscheduler.schedulers.blocking, "BlockingScheduler", FakeScheduler)

    def at_once():
        pass

    def later():
        pass

    later.first_run_after = 3600
    monkeypatch.setattr(scheduler, "registered_jobs", lambda: [("now", 60, at_once), ("later", 60, later)])
    before = timezone.now()
    scheduler.run_forever()
    assert added["now"] - before < datetime.timedelta(seconds=5)
    assert added["later"] - before >= datetime.timedelta(seconds=3599)
