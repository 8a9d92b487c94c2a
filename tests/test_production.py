"""The production profile: deploy/ files that agree with each other and with the docs, the
nginx site's cache rules, and two real app servers sharing PostgreSQL and Redis.

The two-server test starts gunicorn twice (deploy/gunicorn.conf.py, vnportal.settings.production)
against the test database pytest-django created; it needs DATABASE_URL=postgres://… and
REDIS_URL and skips otherwise. The nginx test runs deploy/nginx/vnportal.conf unprivileged in
front of a small fake app, and skips without nginx and Debian's cache-purge module.
"""

import datetime
import http.client
import http.cookies
import http.server
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

from tests.support.net import free_port

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT / "tools"))

import nginx_local  # noqa: E402

PORT_RANGE = range(8800, 8900)


def _documented():
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (ROOT / "docs" / "settings.md").read_text()))


# --- deploy/ agrees with the docs and with itself ------------------------------------------


def test_every_variable_of_the_example_environment_is_documented():
    names = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (DEPLOY / "env.example").read_text(), flags=re.M)
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "TRUSTED_PROXIES"} <= set(names)
    assert set(names) - _documented() == set(), "add these to docs/settings.md"


def test_the_example_environment_is_read_alike_by_the_shell_and_loads_the_production_settings(tmp_path):
    """deploy/vnportal-manage sources the file with /bin/sh; the values must all be valid."""
    code = (
        "import json, importlib; s = importlib.import_module('vnportal.settings.production'); "
        "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.ALLOWED_HOSTS, s.WAGTAIL_SITE_NAME, "
        "s.CACHES['default']['BACKEND'], s.DATABASES['default']['ENGINE'], s.SERVE_MEDIA, s.TRUSTED_PROXIES]))"
    )
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL"}}
    result = subprocess.run(
        [
            "/bin/sh",
            "-c",
            'set -a; . "$1"; set +a; VNPORTAL_DATA_DIR="$2"; exec "$3" -c "$4"',
            "sh",
            str(DEPLOY / "env.example"),
            str(tmp_path),
            sys.executable,
            code,
        ],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    debug, secure, hosts, name, cache, engine, serve_media, proxies = json.loads(result.stdout)
    assert (debug, secure, serve_media) == (False, True, False)
    assert hosts == ["portal.example.gov.vn"] and name == "Cổng thông tin điện tử tỉnh Sơn Hà"
    assert cache == "django_redis.cache.RedisCache" and engine == "django.db.backends.postgresql"
    assert proxies == ["127.0.0.1/32", "::1/128"]


def test_every_variable_gunicorn_reads_is_documented():
    text = (DEPLOY / "gunicorn.conf.py").read_text()
    read = set(re.findall(r"(?:_int|environ\.get)\(\s*\"([A-Z][A-Z0-9_]+)\"", text))
    assert {"GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_PORT"} <= read
    assert read - _documented() == set(), "add these to docs/settings.md"


def _gunicorn_conf(env):
    code = (
        "import json, runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); "
        "keys = ('bind', 'workers', 'threads', 'worker_class', 'keepalive', 'preload_app'); "
        "print(json.dumps({k: c.get(k) for k in keys}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
    return subprocess.run([sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT, capture_output=True, text=True)


def test_gunicorn_settings_come_from_the_environment_and_outlive_nginx_keepalive():
    result = _gunicorn_conf({"GUNICORN_PORT": "8123", "GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "6"})
    assert result.returncode == 0, result.stderr
    conf = json.loads(result.stdout)
    assert conf["bind"] == "127.0.0.1:8123" and conf["workers"] == 3 and conf["threads"] == 6
    # gthread, sharing a burst of connections between the workers (vnportal/core/serving.py).
    assert conf["worker_class"] == "vnportal.core.serving.BalancedThreadWorker"
    assert conf["preload_app"] is True  # a replaced worker serves at once (forked, not importing)
    # The app must not close an idle upstream connection before nginx stops reusing it.
    nginx_timeout = re.search(
        r"upstream vnportal_app \{[^}]*keepalive_timeout (\d+)s;", (DEPLOY / "nginx" / "vnportal.conf").read_text()
    )
    assert nginx_timeout and conf["keepalive"] > int(nginx_timeout.group(1))
    bad = _gunicorn_conf({"GUNICORN_WORKERS": "many"})
    assert bad.returncode != 0 and "GUNICORN_WORKERS must be an integer" in bad.stderr


def test_the_web_unit_runs_gunicorn_with_the_deploy_conf_on_the_instance_port():
    unit = (DEPLOY / "vnportal-web@.service").read_text()
    assert "Environment=GUNICORN_PORT=%i" in unit
    assert "--config /srv/vnportal/deploy/gunicorn.conf.py" in unit
    assert "EnvironmentFile=/etc/vnportal/env" in unit
    for name in ("vnportal-worker.service", "vnportal-jobs.service"):
        assert "EnvironmentFile=/etc/vnportal/env" in (DEPLOY / name).read_text()


# --- nginx: what the microcache keeps, bypasses and purges ------------------------------------


class FakeApp(http.server.BaseHTTPRequestHandler):
    """Answers every GET with its path and a serial number: a cached answer repeats the number.
    Paths containing "unmarked" come without X-Accel-Expires; "cookie" sets a cookie."""

    protocol_version = "HTTP/1.1"
    serial = 0
    lock = threading.Lock()

    def do_GET(self):
        with FakeApp.lock:
            FakeApp.serial += 1
            number = FakeApp.serial
        if "slow" in self.path:
            time.sleep(1)  # a render long enough to look at nginx meanwhile
        body = f"{self.path} #{number}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if "unmarked" not in self.path:
            self.send_header("X-Accel-Expires", "300")
            self.send_header("Cache-Control", "public, max-age=0")
        if "cookie" in self.path:
            self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        self.send_header("Vary", "Cookie")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx_site(tmp_path):
    missing = nginx_local.missing_requirements()
    if missing:
        pytest.skip(missing)
    app_port = free_port(PORT_RANGE)
    app = http.server.ThreadingHTTPServer(("127.0.0.1", app_port), FakeApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port = free_port(PORT_RANGE, exclude={app_port})
    static, media = tmp_path / "static", tmp_path / "media"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123456789ab.css").write_text("body{}")
    (static / "css" / "site.css").write_text("body{}")
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "private.pdf").write_text("%PDF")
    (media / "van-ban" / "2025" / "01").mkdir(parents=True)
    (media / "van-ban" / "2025" / "01" / "unpublished.pdf").write_text("%PDF")
    (media / "images").mkdir()
    (media / "images" / "a.png").write_text("png")
    (media / "wagtail_uploads").mkdir()
    (media / "wagtail_uploads" / "held-back.png").write_text("png")
    conf = nginx_local.local_nginx_conf(
        tmp_path / "nginx", listen_port=port, upstreams=[f"127.0.0.1:{app_port}"], static_root=static, media_root=media
    )
    server = nginx_local.NginxProcess(tmp_path / "nginx", conf, ports=[port])
    try:
        server.start()
        yield port, server
    finally:
        server.stop()
        app.shutdown()
        app.server_close()


def _fetch(port, path, method="GET", headers=None, source="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    conn.request(method, path, headers={"Host": "portal.example", **(headers or {})})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, response.headers, body


def test_nginx_caches_only_marked_anonymous_pages_and_purges_them(nginx_site):
    port, server = nginx_site
    status, headers, first = _fetch(port, "/tin-tuc/bai-viet/")
    assert status == 200 and headers["X-Cache-Status"] == "MISS"
    _, headers, again = _fetch(port, "/tin-tuc/bai-viet/")
    assert headers["X-Cache-Status"] == "HIT" and again == first
    assert "X-Accel-Expires" not in headers  # nginx's instruction stays between nginx and the app
    # Other cookies (CSRF token, poll cookie) share the copy: Vary: Cookie is ignored on purpose.
    _, headers, body = _fetch(port, "/tin-tuc/bai-viet/", headers={"Cookie": "csrftoken=x; vnportal_polls=y"})
    assert headers["X-Cache-Status"] == "HIT" and body == first
    # Tracking parameters share the plain path's copy; other query strings are never stored.
    _, headers, body = _fetch(port, "/tin-tuc/bai-viet/?fbclid=IwAR0abc&utm_source=zalo")
    assert headers["X-Cache-Status"] == "HIT" and body == first
    _, _, page2 = _fetch(port, "/tin-tuc/?trang=2")
    _, headers, page2_again = _fetch(port, "/tin-tuc/?trang=2")
    assert page2_again != page2 and headers["X-Cache-Status"] == "BYPASS"

    # Personal requests: fresh from the app, and not stored for anyone else.
    for personal in (
        {"Cookie": "sessionid=abc"},
        {"Cookie": "a=1; messages=xyz"},
        {"Authorization": "Basic eDp5"},
        {"Cookie": "django_language=vi"},
    ):
        _, headers, body = _fetch(port, "/tin-tuc/bai-viet/", headers=personal)
        assert headers["X-Cache-Status"] == "BYPASS" and body != first, personal
        _, headers, body = _fetch(port, "/tin-tuc/bai-viet/")
        assert headers["X-Cache-Status"] == "HIT" and body == first

    # Routes the app never shares are not even looked up (no waiting on the cache lock).
    for path in ("/api/stats/", "/binh-chon/1/", "/tim-kiem/?q=dang+bo", "/thanh-vien/ho-so/"):
        _, headers, one = _fetch(port, path)
        _, headers, two = _fetch(port, path)
        assert headers["X-Cache-Status"] == "BYPASS" and one != two, path

    # Unmarked responses and responses setting a cookie are never stored.
    for path in ("/unmarked/", "/cookie/"):
        _, _, one = _fetch(port, path)
        _, _, two = _fetch(port, path)
        assert one != two, path

    # PURGE <path> from the app servers' address empties that entry; the next reader gets a new one.
    status, _, _ = _fetch(port, "/tin-tuc/bai-viet/", method="PURGE")
    assert status == 200
    _, headers, fresh = _fetch(port, "/tin-tuc/bai-viet/")
    assert headers["X-Cache-Status"] == "MISS" and fresh != first
    status, _, _ = _fetch(port, "/tin-tuc/bai-viet/", method="PURGE")
    status_again, _, _ = _fetch(port, "/tin-tuc/bai-viet/", method="PURGE")
    assert (status, status_again) == (200, 404)  # 404: nothing cached any more
    # A wildcard is answered (Debian's module 2.3 takes "*" literally: 404), and nothing crashed.
    status, _, _ = _fetch(port, "/tin-tuc/*", method="PURGE")
    assert status in (200, 404)
    assert _fetch(port, "/tin-tuc/bai-viet/")[0] == 200
    assert "exited on signal" not in server.error_log()
    # The purge location is not reachable by a plain GET.
    assert _fetch(port, "/.vnportal-purge")[0] == 404


REFRESH = {"X-Vnportal-Refresh": "1"}  # what core/purge.py sends for a publish


def test_nginx_refresh_replaces_a_copy_and_serves_the_old_one_meanwhile(nginx_site):
    """What a publish sends (core/purge.py): no reader waits, and nobody renders but one."""
    port, server = nginx_site
    _fetch(port, "/tin-tuc/slow/")
    _, headers, first = _fetch(port, "/tin-tuc/slow/")
    assert headers["X-Cache-Status"] == "HIT"
    answer = {}
    refresh = threading.Thread(target=lambda: answer.update(r=_fetch(port, "/tin-tuc/slow/", headers=REFRESH)))
    refresh.start()
    time.sleep(0.3)
    _, headers, during = _fetch(port, "/tin-tuc/slow/")  # while the app renders anew
    assert headers["X-Cache-Status"] == "HIT" and during == first
    refresh.join(10)
    status, _, refreshed = answer["r"]
    assert status == 200 and refreshed != first
    _, headers, after = _fetch(port, "/tin-tuc/slow/")
    assert headers["X-Cache-Status"] == "HIT" and after == refreshed
    # From elsewhere the header is ignored: the stored copy, not a render.
    try:
        _, headers, other = _fetch(port, "/tin-tuc/slow/", headers=REFRESH, source="127.0.0.2")
        assert headers["X-Cache-Status"] == "HIT" and other == refreshed
    except OSError:
        pass  # 127.0.0.2 is not a local address here
    assert "exited on signal" not in server.error_log()


def test_nginx_refuses_purge_from_other_addresses(nginx_site):
    port, _server = nginx_site
    _fetch(port, "/trang/")
    try:
        status, _, _ = _fetch(port, "/trang/", method="PURGE", source="127.0.0.2")
    except OSError:
        pytest.skip("127.0.0.2 is not a local address here")
    assert status == 403
    assert _fetch(port, "/trang/")[1]["X-Cache-Status"] == "HIT"


def test_nginx_serves_static_and_media_from_disk(nginx_site):
    port, _server = nginx_site
    status, headers, _ = _fetch(port, "/static/css/site.0123456789ab.css")
    assert status == 200 and headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]
    status, headers, _ = _fetch(port, "/static/css/site.css")
    assert status == 200 and headers["Cache-Control"] == "max-age=3600"
    assert _fetch(port, "/media/images/a.png")[0] == 200
    # Document files go through the app (privacy, publication, download counts).
    assert _fetch(port, "/media/documents/private.pdf")[0] == 404
    # Official documents' attachments too, however the path is spelled (nginx normalises it).
    for path in (
        "/media/van-ban/2025/01/unpublished.pdf",
        "/media//van-ban/2025/01/unpublished.pdf",
        "/media/images/../van-ban/2025/01/unpublished.pdf",
        "/media/./documents/private.pdf",
        # An upload the multiple uploader holds back (e.g. its collection was refused for images).
        "/media/wagtail_uploads/held-back.png",
        "/media/images/../wagtail_uploads/held-back.png",
    ):
        assert _fetch(port, path)[0] == 404, path


# --- two app servers, one PostgreSQL, one Redis ---------------------------------------------------


def _why_not_postgres_and_redis():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return "needs DATABASE_URL=postgres://… (the two app servers share one PostgreSQL)"
    if not os.environ.get("REDIS_URL"):
        return "needs REDIS_URL (the two app servers share one Redis)"
    return None


# A mark, not a skip inside the fixture: decided before the test database is built for nothing.
needs_postgres_and_redis = pytest.mark.skipif(
    _why_not_postgres_and_redis() is not None, reason=str(_why_not_postgres_and_redis())
)


def _database_url_for(name):
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


class Browser:
    """One reader: a User-Agent and a cookie jar, sent to whichever app server is asked.

    Every request names the site "localhost" in its Host header, as nginx does in front of
    the app servers (``proxy_set_header Host $host``): the servers' ports stay out of it."""

    def __init__(self, user_agent):
        self.user_agent = user_agent
        self.cookies = {}

    def request(self, port, method, path, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True) if data is not None else None
        sent = {
            "Host": "localhost",
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml",
            "Accept-Language": "vi",
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        conn.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, response.headers, content

    def view(self, port, path):
        """GET a page as a browser would, beacon included when the page carries one."""
        status, headers, html = self.request(port, "GET", path)
        assert status == 200, (port, path, status, html[:500])
        beacon = re.search(r'data-stats-hit="([^"]+)" data-stats-token="([^"]+)"', html)
        if beacon:
            hit, _, _ = self.request(port, "POST", beacon.group(1), {"t": beacon.group(2), "r": ""})
            assert hit == 204, (port, path, hit)
        return html

    def csrf_token(self, port, path):
        html = self.view(port, path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, f"no CSRF token on {path}"
        return match.group(1)


def _firefox(version):
    return f"Mozilla/5.0 (X11; Linux x86_64; rv:{version}.0) Gecko/20100101 Firefox/{version}.0"


def _stop(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the master and its workers
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()


@pytest.fixture
def two_app_servers(transactional_db, settings, tmp_path):
    """Ports of two gunicorn app servers (production settings) on the test database."""
    prefix = f"vnportal-prodtest-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.production",
        "SECRET_KEY": "production-test-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": _database_url_for(settings.DATABASES["default"]["NAME"]),
        "CACHE_KEY_PREFIX": prefix,
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "VNPORTAL_DATA_DIR": str(tmp_path / "data"),
        "STATS_ENABLED": "1",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
    }
    collect = subprocess.run(
        [sys.executable, "-m", "vnportal.cli", "manage", "collectstatic", "--noinput"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr[-3000:]
    processes, ports = [], []
    try:
        for _ in range(2):
            port = free_port(PORT_RANGE, exclude=set(ports))
            log = open(tmp_path / f"gunicorn-{port}.log", "wb")
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "--config", str(DEPLOY / "gunicorn.conf.py")],
                    env={**env, "GUNICORN_PORT": str(port)},
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            log.close()
            ports.append(port)
        for port, process in zip(ports, processes, strict=True):
            if not nginx_local.wait_for_port(port, timeout=60) or process.poll() is not None:
                pytest.fail(
                    f"app server on {port} did not start:\n" + (tmp_path / f"gunicorn-{port}.log").read_text()[-3000:]
                )
        yield ports
    finally:
        for process in processes:
            _stop(process)
        _forget_redis_keys(prefix)


def _forget_redis_keys(prefix):
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = list(client.scan_iter(match=f"*{prefix}*", count=1000))
    if keys:
        client.delete(*keys)


@needs_postgres_and_redis
@pytest.mark.django_db(transaction=True)
def test_two_app_servers_agree_on_sessions_poll_tallies_and_online_counts(two_app_servers):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.utils import timezone

    from vnportal.polls.models import Ballot, Choice, Poll
    from vnportal.stats.queries import SUMMARY_TTL

    a, b = two_app_servers

    # Sessions: log in through A, be recognised by B.
    hasher = PBKDF2PasswordHasher()  # what the production servers check; the suite hashes with MD5
    get_user_model().objects.create(
        username="thanhvien-sx", email="tv@example.vn", password=hasher.encode("mat-khau-dai-123", hasher.salt())
    )
    member_browser = Browser(_firefox(115))
    token = member_browser.csrf_token(a, "/thanh-vien/dang-nhap/")
    status, headers, _ = member_browser.request(
        a,
        "POST",
        "/thanh-vien/dang-nhap/",
        {"username": "thanhvien-sx", "password": "mat-khau-dai-123", "csrfmiddlewaretoken": token, "next": ""},
    )
    assert status == 302 and "sessionid" in member_browser.cookies, headers
    status, _, profile = member_browser.request(b, "GET", "/thanh-vien/ho-so/")
    assert status == 200 and "thanhvien-sx" in profile and "tv@example.vn" in profile
    stranger_status, _, _ = Browser(_firefox(116)).request(b, "GET", "/thanh-vien/ho-so/")
    assert stranger_status == 302  # the session, not the address, made B recognise the member

    # Poll tallies: two guests vote, one on each server; a second ballot is refused on the other.
    now = timezone.now()
    poll = Poll.objects.create(
        question="Bạn đánh giá thế nào về dịch vụ công trực tuyến?",
        published=True,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        results_visibility=Poll.Visibility.ALWAYS,
    )
    good = Choice.objects.create(poll=poll, text="Tốt", sort_order=0)
    fair = Choice.objects.create(poll=poll, text="Bình thường", sort_order=1)
    poor = Choice.objects.create(poll=poll, text="Chưa tốt", sort_order=2)
    vote_path = f"/binh-chon/{poll.pk}/vote/"
    json_accept = {"Accept": "application/json"}

    guest_a, guest_b = Browser(_firefox(117)), Browser(_firefox(118))
    for browser, port, choice in ((guest_a, a, good), (guest_b, b, fair)):
        token = browser.csrf_token(port, f"/binh-chon/{poll.pk}/")
        status, _, body = browser.request(
            port, "POST", vote_path, {"choice": choice.pk, "csrfmiddlewaretoken": token}, headers=json_accept
        )
        assert status == 200 and json.loads(body)["ok"], body
    # Guest A on server B: the signed cookie from A is honoured by B ...
    token = guest_a.csrf_token(b, "/thanh-vien/dang-nhap/")
    status, _, body = guest_a.request(
        b, "POST", vote_path, {"choice": fair.pk, "csrfmiddlewaretoken": token}, headers=json_accept
    )
    assert status == 409 and json.loads(body)["error"] == "already_voted"
    # ... and without any cookie, B still knows the visitor A saw (the shared daily salt).
    same_reader = Browser(guest_a.user_agent)
    token = same_reader.csrf_token(b, "/thanh-vien/dang-nhap/")
    status, _, body = same_reader.request(
        b, "POST", vote_path, {"choice": fair.pk, "csrfmiddlewaretoken": token}, headers=json_accept
    )
    assert status == 409 and json.loads(body)["error"] == "already_voted"

    tallies = []
    for port in (a, b):
        status, _, body = Browser(_firefox(119)).request(port, "GET", f"/api/polls/{poll.pk}/", headers=json_accept)
        assert status == 200, body
        tallies.append(json.loads(body))
    assert tallies[0] == tallies[1]
    assert tallies[0]["voters"] == 2
    assert {c["id"]: c["votes"] for c in tallies[0]["choices"]} == {good.pk: 1, fair.pk: 1, poor.pk: 0}
    assert Ballot.objects.filter(poll=poll).count() == 2
    assert sorted(Ballot.objects.filter(poll=poll).values_list("selections__choice_id", flat=True)) == sorted(
        [good.pk, fair.pk]
    )

    # Online counts: a reader seen on both servers is one visitor.
    reader = Browser(_firefox(120))
    reader.view(a, "/")
    reader.view(b, "/")
    member_browser.view(a, "/")  # the member again, now logged in, on the other server
    # Guests: the member before logging in (115), the two voters (117, 118), the reader (120).
    # The tally requests (119) were JSON, not page views. Members: one.
    expected = {"guests": 4, "members": 1, "total": 5}
    # Every page's statistics block keeps the summary in the shared cache for SUMMARY_TTL
    # seconds (computed as it renders, before its own view is counted): wait it out.
    time.sleep(SUMMARY_TTL + 0.5)
    summaries = []
    for port in (a, b):
        status, _, body = Browser(_firefox(119)).request(port, "GET", "/api/stats/", headers=json_accept)
        assert status == 200, body
        summaries.append(json.loads(body))
    assert summaries[0]["online"] == summaries[1]["online"]
    assert {k: summaries[0]["online"][k] for k in expected} == expected, summaries[0]
    assert summaries[0]["online"]["bots"] == 0
    assert timezone.now() - now < datetime.timedelta(minutes=5)  # all inside the online window
