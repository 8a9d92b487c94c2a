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

Each row also gives the slowest request (max), the renders per publish counted from the app
servers' log (PAGE_CACHE_LOG_LEVEL=DEBUG: one line per page rendered for the cache, by why:
``lock`` over a stale copy, ``refresh`` from nginx, ``miss``), the slowest render, and how
many gunicorn workers were replaced meanwhile. Before measuring, --warm-publishes publishes
(every 2 s) let every worker render each kind of page once: a worker's first render of a
template costs ten times the next, and a portal's workers live for thousands of renders.
--targets app (production) skips the run through nginx; --port-base moves the five ports.

Processes, seeding, wrk and nginx come from bench/site_bench.py (imported, not copied); only
127.0.0.1 is contacted, on ports 8900-8904 (--port-base). The PostgreSQL database named is dropped and
re-created and the Redis database flushed unless --skip-seed is given: name scratch ones.
"""

import argparse
import atexit
import json
import os
import re
import signal
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import site_bench as sb

PORT_NAMES = ("embedded", "app_a", "app_b", "nginx", "static")
sb.PORTS.update({name: 8900 + i for i, name in enumerate(PORT_NAMES)})
# PAGE_CACHE_STALE_SECONDS per mode; "quiet" is "after" without the publisher: what the
# machine gives a cached article at all (it may be shared: compare with that, not with 0).
MODES = {"before": "0", "after": "10", "quiet": "10"}

# Every process the bench starts gets these on top of site_bench's environment (which drops
# PAGE_CACHE_* inherited from the caller, so a mode is set here or nowhere).
_extra_env = {}
_site_base_env = sb.base_env


def _base_env(data_dir):
    env = {**_site_base_env(data_dir), **_extra_env}
    # `vnportal run`, `vnportal worker` (console scripts) would import the installed package, not
    # this checkout (gunicorn -m finds it through the working directory): measure this one.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(sb.ROOT), env.get("PYTHONPATH", "")) if p)
    return env


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


# The app servers log one DEBUG line per page rendered for the page cache (vnportal.pagecache):
# "page rendered (<why>): <path> <status> in <ms> ms, <ms> ms CPU".
RENDER_LINE = re.compile(r"page rendered \((\w+)\): (\S+) \S+ in (\d+) ms, (\d+) ms CPU")
# ... and gunicorn one line each time it replaces a worker.
RESTART_LINE = "Booting worker with pid"


def app_logs(workdir):
    return [workdir / name for name in ("embedded.log", "production-app_a.log", "production-app_b.log")]


def log_sizes(workdir):
    return {log: log.stat().st_size if log.exists() else 0 for log in app_logs(workdir)}


def renders_since(sizes):
    """What the app servers rendered (and how often a worker was replaced) since ``sizes``."""
    renders, restarts = [], 0
    for log, size in sizes.items():
        if not log.exists():
            continue
        with open(log, "rb") as handle:
            handle.seek(size)
            text = handle.read().decode(errors="replace")
        renders += [(m[1], m[2], int(m[3]), int(m[4])) for m in RENDER_LINE.finditer(text)]
        restarts += text.count(RESTART_LINE)
    return renders, restarts


def render_summary(renders, publishes):
    """Renders per publish, by reason, and the slowest render (wall ms)."""
    reasons = {}
    for reason, _path, _wall, _cpu in renders:
        reasons[reason] = reasons.get(reason, 0) + 1
    per_publish = len(renders) / publishes if publishes > 0 else float(len(renders))
    slowest = max((wall for _r, _p, wall, _c in renders), default=0)
    return {
        "renders": len(renders),
        "renders_per_publish": round(per_publish, 1),
        "by_reason": reasons,
        "slowest": slowest,
    }


WARM_INTERVAL = 2.0  # seconds between the warm-up's publishes


def measure(label, port, path, env, args, workdir):
    """wrk on ``path`` while the publisher runs; the row printed and returned."""
    url = f"http://127.0.0.1:{port}{path}"
    for _ in range(3):
        sb.fetch(port, path)
    log = workdir / f"publisher-{label.replace(' ', '-')}.log"
    if args.warm_publishes:
        # A worker's first render of each kind of page costs ten times the next (templates are
        # compiled, modules imported, per-process caches filled: ~0.5 s of CPU instead of 20-50 ms).
        # A portal's workers live for thousands of renders; the bench's have just started. Publish
        # a few times while warming up, so what is measured is the herd, not the workers' start.
        log.unlink(missing_ok=True)
        warmer = start_publisher(env, path, WARM_INTERVAL, log)
        try:
            sb.wrk(url, int(WARM_INTERVAL * args.warm_publishes + 4), args.connections, args.threads)
        finally:
            os.killpg(warmer.pid, signal.SIGTERM)
            warmer.wait(timeout=60)
            sb._processes.remove(warmer)
        time.sleep(5)  # the last refreshes
    sb.wrk(url, args.warmup, args.connections, args.threads)  # warm every worker's copy
    log.unlink(missing_ok=True)
    load = sb.load_average()
    sizes = log_sizes(workdir)
    if label.endswith("quiet"):
        result = sb.wrk(url, args.duration, args.connections, args.threads)
        publishes = 0
    else:
        publisher = start_publisher(env, path, args.interval, log)
        try:
            result = sb.wrk(url, args.duration, args.connections, args.threads)
        finally:
            os.killpg(publisher.pid, signal.SIGTERM)
            publisher.wait(timeout=60)
            sb._processes.remove(publisher)
        publishes = published_count(log)
    time.sleep(1)  # the last renders' log lines
    renders, restarts = renders_since(sizes)
    row = {"run": label, "path": path, **result, "publishes": publishes, "load": load}
    row.update(render_summary(renders, publishes), worker_restarts=restarts, load_after=sb.load_average())
    print_row(row)
    return row


HEADER = (
    f"{'run':<28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>8} {'max ms':>8} {'errors':>6} {'publ.':>5} "
    f"{'renders/publ.':>13} {'slowest':>7} {'restarts':>8}  load before; after (1 5 15 min)"
)


def print_row(row):
    print(
        f"{row['run']:<28} {row['rps']:>7.0f} {row['p50']:>7.2f} {row['p99']:>8.2f} {row['max']:>8.1f} "
        f"{row['errors']:>6} {row['publishes']:>5} {row['renders_per_publish']:>13} {row['slowest']:>7} "
        f"{row['worker_restarts']:>8}  {row['load']}; {row['load_after']}",
        flush=True,
    )
    if row["by_reason"]:
        print(f"{'':<28} renders by reason: {row['by_reason']}", flush=True)


def run_profile(profile, mode, args, workdir):
    _extra_env["PAGE_CACHE_STALE_SECONDS"] = MODES[mode]
    _extra_env["PAGE_CACHE_LOG_LEVEL"] = "DEBUG"  # one line per render, counted above
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
            if profile == "production" and target not in args.targets.split(","):
                continue
            label = f"{profile} {target} {mode}" if profile == "production" else f"{profile} {mode}"
            # Under the production settings a page's url is absolute (VNPORTAL_PUBLIC_URL): its path.
            article = urllib.parse.urlsplit(info["article"]).path
            rows.append(measure(label, port, article, env, args, workdir))
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
    parser.add_argument(
        "--warm-publishes", type=int, default=3, help="publishes during the warm-up (every worker renders once)"
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the data an earlier run seeded")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "vnportal-herd-bench"))
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/vnportal_herd_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--app-workers", type=int, default=2)
    parser.add_argument("--app-threads", type=int, default=4)
    parser.add_argument("--targets", default="app,nginx", help="production: measure the app server, nginx or both")
    parser.add_argument("--port-base", type=int, default=8900, help="the five ports used start here")
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args(argv)
    sb.PORTS.update({name: args.port_base + i for i, name in enumerate(PORT_NAMES)})
    args.cold, args.documents = False, 0  # what site_bench's set-up reads besides ours
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
