"""The `vnportal` command as a new user runs it: a real gunicorn on a free port, embedded SQLite."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.net import free_port

ROOT = Path(__file__).resolve().parent.parent


def _embedded_env(data_dir):
    """The environment of a laptop user: no DATABASE_URL, no REDIS_URL, default settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "VNPORTAL_PUBLIC_URL"}
    }
    env["VNPORTAL_DATA_DIR"] = str(data_dir)
    return env


def _vnportal(*args):
    return [sys.executable, "-m", "vnportal.cli", *args]


def test_run_migrates_loads_demo_and_serves(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        _vnportal("run", "--port", str(port), "--workers", "2"),
        env=_embedded_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        body = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body = response.read().decode()
                    headers = response.headers
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "the portal did not answer"
        assert "Cổng thông tin điện tử Đảng bộ tỉnh Sơn Hà" in body
        assert "Đại hội Đảng bộ tỉnh lần thứ XVII thành công tốt đẹp" in body
        # Not Django's runserver (it always sends "Server: WSGIServer/…"), and gunicorn's own
        # banner is dropped (issue 12: no server banners).
        assert "Server" not in headers
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/tin-tuc-su-kien/dai-hoi-dang-bo-tinh-lan-thu-xvii-thanh-cong-tot-dep/"
        ) as r:
            assert "Về đầu trang" in r.read().decode()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/vnportal/css/site.css") as r:
            assert r.status == 200
        # Without VNPORTAL_PUBLIC_URL the public address is the one served on: links say it.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sitemap.xml") as r:
            locations = re.findall(r"<loc>([^<]+)</loc>", r.read().decode())
        assert locations and all(loc.startswith(f"http://127.0.0.1:{port}/") for loc in locations), locations[:3]
        # Everything lives in the data directory.
        assert (tmp_path / "vnportal.sqlite3").exists()
        assert (tmp_path / "secret_key").exists()
        assert (tmp_path / "admin_password.txt").exists()
        assert any((tmp_path / "media").rglob("*.png"))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output


def test_manage_passes_through(tmp_path):
    # (demo idempotence is tested in-process in tests/news/test_pages.py)
    env = _embedded_env(tmp_path)
    check = subprocess.run(_vnportal("manage", "check"), env=env, capture_output=True, text=True, cwd=tmp_path)
    assert check.returncode == 0 and "no issues" in check.stdout
    migrations = subprocess.run(
        _vnportal("manage", "makemigrations", "--check", "--dry-run"),
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert migrations.returncode == 0, "a model change has no migration:\n" + migrations.stdout


def test_worker_once_runs_the_registered_jobs(tmp_path):
    env = _embedded_env(tmp_path)
    subprocess.run(_vnportal("manage", "migrate", "-v0"), env=env, check=True, cwd=tmp_path)
    result = subprocess.run(_vnportal("worker", "--once"), env=env, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "failed" not in result.stderr, result.stderr


@pytest.mark.parametrize("args", [["run", "--port", "not-a-number"], ["nonsense"]])
def test_bad_arguments_are_refused_clearly(args):
    result = subprocess.run(_vnportal(*args), capture_output=True, text=True)
    assert result.returncode == 2 and "usage: vnportal" in result.stderr


def test_manage_finds_the_checkouts_var_like_make_run(tmp_path):
    """`make run` keeps its data in ./var; `vnportal manage …` run from the checkout uses it too."""
    var = tmp_path / "var"
    env = _embedded_env(var)
    subprocess.run(_vnportal("manage", "migrate", "-v0"), env=env, check=True, cwd=tmp_path)
    subprocess.run(
        _vnportal(
            "manage", "shell", "-c", "from django.contrib.auth.models import User; User.objects.create(username='pv')"
        ),
        env=env,
        check=True,
        cwd=tmp_path,
    )
    env.pop("VNPORTAL_DATA_DIR")  # as the docs write the command: no environment to set
    env["HOME"] = str(tmp_path / "home")  # and not the per-user default data directory
    result = subprocess.run(
        _vnportal("manage", "shell", "-c", "from django.contrib.auth.models import User; print(User.objects.count())"),
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1"
