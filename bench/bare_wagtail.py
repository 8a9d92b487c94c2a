"""Bare Wagtail, measured as ``site_bench.py --cold`` measures the portal (a benchmark, not a test).

Issue 14 sets the cold article's budget "beyond bare Wagtail with one article", as a share of
nginx serving the same bytes in the same run. That share is a property of the machine as much
as of the code: nginx's rate and Python's do not move together from one machine to the next.
This script gives the reference on *this* machine, in one run: a ``wagtail start`` site whose
home page holds an article-sized rich text body (one page, nothing else: no menu, no sidebar, no
statistics), served uncached by gunicorn as ``vnportal run`` serves the portal (gthread, 2
workers × 2 threads, SQLite), and nginx serving the bytes it answered as a file.

    .venv/bin/python bench/bare_wagtail.py                 # 10-second runs, wrk -t2 -c50
    .venv/bin/python bench/bare_wagtail.py --duration 5 --workers 2 --threads 4

It prints req/s, p50 and p99 of both and the ratio; read the portal's ``site_bench.py --cold``
figures of the same minutes against it.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import site_bench  # noqa: E402
from site_bench import BIN, nginx_local, wrk  # noqa: E402

APP_PORT, STATIC_PORT = 8861, 8862

MODELS = """from django.db import models

from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.admin.panels import FieldPanel


class HomePage(Page):
    lead = models.TextField(blank=True)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
"""

TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<article>
  <h1>{{ page.title }}</h1>
  <p class="lead">{{ page.lead }}</p>
  {{ page.body|richtext }}
</article>
{% endblock content %}
"""

SETTINGS = """from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bare-wagtail-bench-only-0123456789abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
"""

# Fictional text of an article's length (the portal's seeded articles are 2-6 kB of text).
PARAGRAPH = (
    "Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị sơ kết công tác sáu tháng đầu năm, đánh giá "
    "kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội, chuyển đổi số và cải cách hành "
    "chính; các sở, ngành và địa phương báo cáo tiến độ, nêu khó khăn và đề xuất giải pháp."
)
SET_BODY = f"""
from home.models import HomePage
page = HomePage.objects.get(depth=2)
page.title = "Hội nghị sơ kết công tác sáu tháng đầu năm"
page.lead = {PARAGRAPH!r}
page.body = "".join("<p>" + {PARAGRAPH!r} + "</p>" for _ in range(12))
page.save_revision().publish()
"""


def project(workdir):
    """The ``wagtail start`` site with its page, made once in ``workdir``."""
    root = workdir / "bare"
    if (root / "db.sqlite3").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    site_bench.run([str(BIN / "wagtail"), "start", "bare", str(root)], os.environ.copy(), "wagtail start")
    (root / "home" / "models.py").write_text(MODELS)
    (root / "home" / "templates" / "home" / "home_page.html").write_text(TEMPLATE)
    (root / "bare" / "settings" / "bench.py").write_text(SETTINGS)
    env = environment(root)
    manage = [sys.executable, str(root / "manage.py")]
    for command in (["makemigrations", "home"], ["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + command, env=env, cwd=root, check=True, capture_output=True)
    subprocess.run(manage + ["shell", "-c", SET_BODY], env=env, cwd=root, check=True, capture_output=True)
    return root


def environment(root):
    env = os.environ.copy()
    env.update(DJANGO_SETTINGS_MODULE="bare.settings.bench", PYTHONPATH=str(root))
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    return env


def static_nginx(workdir, body):
    """nginx serving ``body`` as a plain file (the baseline), with site_bench's main settings."""
    prefix = workdir / "nginx"
    shutil.rmtree(prefix, ignore_errors=True)
    (prefix / "logs").mkdir(parents=True)
    (prefix / "root").mkdir()
    (prefix / "root" / "page.html").write_bytes(body)
    user = ""
    if os.geteuid() == 0:
        import pwd

        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n"
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""{user}worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 4096; }}
http {{
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
{nginx_local.static_server(STATIC_PORT, prefix / "root")}
}}
"""
    )
    return nginx_local.NginxProcess(prefix, conf, ports=[STATIC_PORT])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--settle", type=float, default=1.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (gthread)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bare-wagtail"))
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None or nginx_local.nginx_binary() is None:
        sys.exit("needs wrk and nginx (apt-get install wrk nginx)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    root = project(args.workdir)
    app = subprocess.Popen(
        [str(BIN / "gunicorn"), "bare.wsgi", "-k", "gthread", "-w", str(args.workers), "--threads", str(args.threads)]
        + ["-b", f"127.0.0.1:{APP_PORT}", "--access-logfile", "-", "--log-level", "warning"],
        env=environment(root),
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=open(args.workdir / "gunicorn.log", "ab"),
        start_new_session=True,
    )
    site_bench._processes.append(app)
    try:
        if not nginx_local.wait_for_port(APP_PORT, timeout=60):
            sys.exit(f"gunicorn did not start; see {args.workdir / 'gunicorn.log'}")
        url = f"http://127.0.0.1:{APP_PORT}/"
        body = urllib.request.urlopen(url, timeout=10).read()
        with static_nginx(args.workdir, body):
            print(
                f"bare Wagtail: wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s; "
                f"gunicorn gthread {args.workers} × {args.threads}; load average {site_bench.load_average()}"
            )
            wrk(url, args.warmup, args.connections, args.wrk_threads)
            time.sleep(args.settle)
            result = wrk(url, args.duration, args.connections, args.wrk_threads)
            static_url = f"http://127.0.0.1:{STATIC_PORT}/page.html"
            wrk(static_url, args.warmup, args.connections, args.wrk_threads)
            static = wrk(static_url, args.duration, args.connections, args.wrk_threads)
        print(f"{'page':<24} {'bytes':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'static req/s':>12} {'ratio %':>8}")
        print(
            f"{'bare wagtail, 1 page':<24} {len(body):>7} {result['rps']:>8.0f} {result['p50']:>8.2f} "
            f"{result['p99']:>8.2f} {static['rps']:>12.0f} {100 * result['rps'] / static['rps']:>8.2f}"
        )
        print(f"errors: {result['errors']}; load average at the end: {site_bench.load_average()}")
    finally:
        site_bench.stop_all()


if __name__ == "__main__":
    main()
