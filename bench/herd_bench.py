#!/usr/bin/env python
"""Herd benchmark (not a test): does a publish every few seconds make readers wait?

A publish starts a new page-cache generation, so every stored page is out of date at once
(vnportal/core/pagecache.py). Without stale-while-revalidate every reader who comes before
the page is stored again renders it himself: under 50 connections, 50 renders of the same
page at once, each slowed by the others (the "cold herd"). With it, one request renders
while the others get the previous copy (X-Page-Cache: STALE).

For each profile and each mode — "before" (PAGE_CACHE_STALE_SECONDS=0: every reader renders)
and "after" (PAGE_CACHE_STALE_SECONDS=10) — it starts the portal, and while wrk (-t2 -c50
--latency) reads one article for --duration seconds, a second process publishes ANOTHER
article (through the ORM, as the admin's "Publish" does: revision, publish, purge after
commit) every --interval seconds. It prints req/s, p50 and p99 of the article, and the load
average (the machine may be shared).

* embedded: `vnportal run` (SQLite, local-memory page cache, a generation file);
  measured directly on the app.
* production: two app servers (gunicorn, production settings) on PostgreSQL and Redis,
  and nginx with deploy/nginx/vnportal.conf (tools/nginx_local.py); measured directly on one
  app server ("app") and through nginx ("nginx": a publish REFRESHes the changed pages
  there, the measured article is served from nginx's copy throughout).

    .venv/bin/python bench/herd_bench.py                        # both profiles, 10,000 articles
    .venv/bin/python bench/herd_bench.py --profiles embedded --articles 2000 --duration 30
    .venv/bin/python bench/herd_bench.py --skip-seed            # reuse what an earlier run seeded

"quiet" (a third mode) measures the same article with no publisher: on a shared machine
the article's p99 with publishes is to be compared with that.

Processes, seeding, wrk and nginx come from bench/site_bench.py (imported, not copied); only
127.0.0.1 is contacted, on ports 8900-8904. The PostgreSQL database named is dropped and
re-created and the Redis database flushed unless --skip-seed is given: name scratch ones.
"""

import argparse
import atexit
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

import site_bench as sb

sb.PORTS.update({"embedded": 8900, "app_a": 8901, "app_b": 8902, "nginx": 8903, "static": 8904})
# PAGE_CACHE_STALE_SECONDS per mode; "quiet" is "after" without the publisher: what the
# machine gives a cached article at all (it may be shared: compare with that, not with 0).
MODES = {"before": "0", "after": "10", "quiet": "10"}

# Every process the bench starts gets these on top of site_bench's environment (which drops
# PAGE_CACHE_* inherited from the caller, so a mode is set here or nowhere).
_extra_env = {}
_site_base_env = sb.base_env


def _base_env(data_dir):
    return {**_site_base_env(data_dir), **_extra_env}


sb.base_env = _base_env

# The publisher: a process with the portal's settings that publishes a new article in the
# measured article's section every INTERVAL seconds, then prints how many it published.
PUBLISHER = r"""
import datetime, os, sys, time
sys.path.insert(0, os.environ["HERD_ROOT"])
import django
django.setup()
from django.utils import timezone
from wagtail.models import Page, Site
from vnportal.news.models import ArticlePage

interval, article_path = float(os.environ["HERD_INTERVAL"]), os.environ["HERD_ARTICLE"]
root = Site.objects.get(is_default_site=True).root_page
article = Page.objects.get(url_path=root.url_path + article_path.lstrip("/"))
section = article.get_parent()
published, started = 0, time.monotonic()
stop = [False]
import signal
signal.signal(signal.SIGTERM, lambda *_: stop.__setitem__(0, True))
while not stop[0]:
    time.sleep(max(0.0, started + (published + 1) * interval - time.monotonic()))
    if stop[0]:
        break
    number = f"{os.getpid()}-{published}"
    page = ArticlePage(
        title=f"Tin vừa đăng trong lúc đo số {number}",
        slug=f"tin-vua-dang-{number}",
        lead="Bài đăng giữa lúc đông người đọc, để đo đàn yêu cầu sau mỗi lần đăng.",
        display_date=timezone.now(),
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    published += 1
    print(f"published {published} at {time.monotonic() - started:.1f} s", flush=True)
print(f"PUBLISHED {published}", flush=True)
"""


def start_publisher(env, article, interval, log_path):
    env = {**env, "HERD_ROOT": str(sb.ROOT), "HERD_INTERVAL": str(interval), "HERD_ARTICLE": article}
    return sb.start([sys.executable, "-c", PUBLISHER], env, log_path)


def published_count(log_path):
    for line in reversed(Path(log_path).read_text(errors="replace").splitlines()):
        if line.startswith("PUBLISHED "):
            return int(line.split()[1])
    return -1


def measure(label, port, path, env, args, workdir):
    """wrk on ``path`` while the publisher runs; the row printed and returned."""
    url = f"http://127.0.0.1:{port}{path}"
    for _ in range(3):
        sb.fetch(port, path)
    sb.wrk(url, args.warmup, args.connections, args.threads)  # warm every worker's copy
    log = workdir / f"publisher-{label.replace(' ', '-')}.log"
    log.unlink(missing_ok=True)
    load = sb.load_average()
    if label.endswith("quiet"):
        result = sb.wrk(url, args.duration, args.connections, args.threads)
        row = {"run": label, "path": path, **result, "publishes": 0, "load": load}
        print_row(row)
        return row
    publisher = start_publisher(env, path, args.interval, log)
    try:
        result = sb.wrk(url, args.duration, args.connections, args.threads)
    finally:
        os.killpg(publisher.pid, signal.SIGTERM)
        publisher.wait(timeout=60)
        sb._processes.remove(publisher)
    row = {"run": label, "path": path, **result, "publishes": published_count(log), "load": load}
    print_row(row)
    return row


HEADER = f"{'run':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'publishes':>9}  load (1 5 15 min)"


def print_row(row):
    print(
        f"{row['run']:<28} {row['rps']:>8.0f} {row['p50']:>8.2f} {row['p99']:>8.2f} {row['errors']:>6} "
        f"{row['publishes']:>9}  {row['load']}",
        flush=True,
    )


def run_profile(profile, mode, args, workdir):
    _extra_env["PAGE_CACHE_STALE_SECONDS"] = MODES[mode]
    if profile == "production":
        # The address readers use: nginx's (purges and refreshes are sent with its host).
        _extra_env["VNPORTAL_PUBLIC_URL"] = f"http://127.0.0.1:{sb.PORTS['nginx']}"
    if profile == "embedded":
        info, targets, data = sb.setup_embedded(args, workdir)
        env = sb.base_env(data)
        env["DJANGO_SETTINGS_MODULE"] = "vnportal.settings.base"
        upstreams = [sb.PORTS["embedded"]]
    else:
        info, targets, data = sb.setup_production(args, workdir)
        env = sb.production_env(args, data)
        upstreams = [sb.PORTS["app_a"], sb.PORTS["app_b"]]
    nginx = None
    if profile == "production":
        nginx, _baseline = sb.start_nginx(workdir, data, upstreams)
    rows = []
    try:
        time.sleep(2)  # let start-up work settle
        for target, port in targets.items():
            label = f"{profile} {target} {mode}" if profile == "production" else f"{profile} {mode}"
            rows.append(measure(label, port, info["article"], env, args, workdir))
    finally:
        if nginx:
            nginx.stop()
        sb.stop_all()
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", default="embedded,production")
    parser.add_argument("--modes", default="before,after,quiet", help="some of before (no stale copies), after, quiet")
    parser.add_argument("--duration", type=int, default=40, help="seconds of wrk per run")
    parser.add_argument("--interval", type=float, default=10, help="seconds between publishes")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the data an earlier run seeded")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "vnportal-herd-bench"))
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/vnportal_herd_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--app-workers", type=int, default=2)
    parser.add_argument("--app-threads", type=int, default=4)
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args(argv)
    profiles = [p for p in args.profiles.split(",") if p]
    modes = [m for m in args.modes.split(",") if m]
    if set(profiles) - {"embedded", "production"} or set(modes) - set(MODES):
        parser.error("unknown profile or mode")
    if "production" in profiles:
        missing = sb.nginx_local.missing_requirements()
        if missing:
            sys.exit(missing)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    atexit.register(sb.stop_all)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    print(
        f"herd bench: wrk -t{args.threads} -c{args.connections} -d{args.duration}s on an article, a publish every "
        f"{args.interval:g} s; {os.cpu_count()} CPUs; load average {sb.load_average()}",
        flush=True,
    )
    rows = []
    skip_seed = args.skip_seed
    for profile in profiles:
        args.skip_seed = skip_seed
        for mode in modes:
            print(f"\n== {profile}, {mode} (PAGE_CACHE_STALE_SECONDS={MODES[mode]})\n{HEADER}", flush=True)
            rows += run_profile(profile, mode, args, workdir)
            args.skip_seed = True  # the second mode reads what the first seeded
    print(f"\n{HEADER}")
    for row in rows:
        print_row(row)
    print(f"load average at the end: {sb.load_average()} (1, 5, 15 min)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
