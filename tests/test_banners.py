"""Issue 12, point 11: no version banners — nginx says "nginx" (server_tokens off), gunicorn
sends no Server header at all, both from deploy/gunicorn.conf.py and from ``vnportal run``."""

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.test_production import _fetch, free_port, nginx_site  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def test_nginx_sends_no_version(nginx_site):  # noqa: F811
    port, _server = nginx_site
    for path in ("/", "/static/css/site.css", "/khong-co.png"):
        status, headers, body = _fetch(port, path)
        assert headers["Server"] == "nginx", (path, headers["Server"])
    status, headers, body = _fetch(port, "/", method="PURGE", source="127.0.0.2")  # nginx's own error page
    assert status in (403, 405) and "nginx/" not in body and headers["Server"] == "nginx"


def _serve_and_get_headers(args, env):
    port = free_port()
    process = subprocess.Popen(
        [str(GUNICORN), *args, "--bind", f"127.0.0.1:{port}", "--workers", "1", "tests.banner_app:application"],
        cwd=ROOT,
        env={**os.environ, **env, "GUNICORN_PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/")
                response = conn.getresponse()
                response.read()
                conn.close()
                return dict(response.getheaders())
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_gunicorn_with_the_deploy_conf_sends_no_server_header():
    # Without the conf gunicorn announces itself: the check below can fail.
    assert "Server" in _serve_and_get_headers([], {})
    headers = _serve_and_get_headers(["-c", "deploy/gunicorn.conf.py"], {"GUNICORN_WORKERS": "1"})
    assert "Server" not in headers and "server" not in {name.lower() for name in headers}
    assert headers.get("Content-Type") == "text/plain"


def test_vnportal_run_serves_without_the_server_header(monkeypatch):
    from gunicorn.app.base import BaseApplication

    from vnportal import cli
    from vnportal.core import serving

    calls = []
    monkeypatch.setattr(serving, "hide_server_header", lambda: calls.append("hidden"))
    monkeypatch.setattr(BaseApplication, "run", lambda self: calls.append("run"))
    cli._serve(cli.build_parser().parse_args(["run", "--port", str(free_port()), "--workers", "1"]))
    assert calls == ["hidden", "run"]  # patched before gunicorn starts serving
