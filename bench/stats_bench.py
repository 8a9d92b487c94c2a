#!/usr/bin/env python
"""Access statistics benchmark (not a test): is every hit counted, what does counting cost,
and does storage grow per hit?

For each counter store (database buffer, Redis) it starts a real portal (`vnportal run`,
gunicorn workers + the scheduler) on 127.0.0.1 with a throw-away data directory, then:

1. accuracy: --hits beacon hits (the path of cached pages) at --concurrency connections,
   from --visitors distinct readers (X-Forwarded-For through TRUSTED_PROXIES=127.0.0.1)
   over the demo articles; after the flush the daily rows must hold exactly --hits page
   views, one visit per reader and one article view per (reader, article): 0 lost, 0 doubled;
2. throughput: --page-hits article page views with counting on, and the same with counting
   off (STATS_ENABLED=0), measured in this run; the page views counted at render must
   again match exactly;
3. storage: --storage-hits hits recorded straight into the store in this process, flushed;
   the growth of rows, database bytes and Redis keys/memory is printed.

Everything is bounded by counts and a timeout, sends traffic only to 127.0.0.1, and stops
the servers it started. Quick run: `python bench/stats_bench.py --hits 20000 --storage-hits 100000`.
"""

import argparse
import asyncio
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNPORTAL = str(Path(sys.executable).parent / "vnportal")
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 stats-bench"


def log(*args):
    print(*args, flush=True)


# --- a tiny HTTP/1.1 client: one connection per request (gunicorn sync workers close) ---


async def _one(port, raw):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(raw)
        await writer.drain()
        status = await reader.readline()
        await reader.read()
        return int(status.split()[1])
    finally:
        writer.close()


async def _run(port, requests, concurrency, timeout):
    statuses = {}
    next_index = 0
    deadline = time.monotonic() + timeout

    async def worker():
        nonlocal next_index
        while next_index < len(requests) and time.monotonic() < deadline:
            index = next_index
            next_index += 1
            for attempt in range(3):
                try:
                    code = await _one(port, requests[index])
                    break
                except (ConnectionError, OSError):
                    await asyncio.sleep(0.05 * (attempt + 1))
            else:
                code = 0
            statuses[code] = statuses.get(code, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statuses, time.perf_counter() - started


def fire(port, requests, concurrency, timeout=900):
    return asyncio.run(_run(port, requests, concurrency, timeout))


def get_request(path, forwarded):
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {UA}\r\nAccept: text/html\r\n"
        f"X-Forwarded-For: {forwarded}\r\nConnection: close\r\n\r\n"
    ).encode()


def beacon_request(token, forwarded):
    body = f"t={token}".encode()
    return (
        f"POST /api/stats/hit HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {UA}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        f"X-Forwarded-For: {forwarded}\r\nConnection: close\r\n\r\n"
    ).encode() + body


def reader_address(n):
    return f"198.18.{n // 250 % 250}.{n % 250 + 1}"


# --- the portal under test -------------------------------------------------------------


class Portal:
    def __init__(self, data_dir, port, workers, env):
        self.port = port
        self.env = {**os.environ, **env, "VNPORTAL_DATA_DIR": str(data_dir), "TRUSTED_PROXIES": "127.0.0.1/32"}
        self.log = open(Path(data_dir) / f"server-{port}.log", "ab")
        self.process = subprocess.Popen(
            [VNPORTAL, "run", "--port", str(port), "--workers", str(workers), "--no-demo"],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats/", timeout=2).read()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise SystemExit(f"the portal did not start; see {self.log.name}")
                time.sleep(0.5)
        self.stop()
        raise SystemExit("the portal did not answer within 90 s")

    def get(self, path):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers={"User-Agent": UA})
        return urllib.request.urlopen(request, timeout=10).read().decode()

    def stop(self):
        """SIGTERM to the group we started: gunicorn workers flush their buffers at exit."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


# --- reading the counts (this process uses the same database) ------------------------


def setup_django(data_dir, env):
    os.environ.update(env)
    os.environ["VNPORTAL_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vnportal.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def totals():
    from django.db import close_old_connections
    from django.db.models import Sum

    from vnportal.stats.models import DailyPageCount, DailySiteCount

    close_old_connections()
    site = {
        m: DailySiteCount.objects.filter(metric=m, key="").aggregate(n=Sum("count"))["n"] or 0
        for m in ("visits", "pageviews", "bot_hits")
    }
    pages = DailyPageCount.objects.aggregate(views=Sum("views"), hits=Sum("hits"))
    site["views"], site["hits"] = pages["views"] or 0, pages["hits"] or 0
    site["excluded"] = DailySiteCount.objects.filter(metric="excluded").aggregate(n=Sum("count"))["n"] or 0
    return site


def wait_for(before, expected_pageviews, seconds=60):
    """Poll the daily rows until the flushes have written everything (or time is up)."""
    deadline = time.monotonic() + seconds
    while True:
        now = totals()
        delta = {k: now[k] - before[k] for k in now}
        if delta["pageviews"] >= expected_pageviews or time.monotonic() > deadline:
            time.sleep(3)  # one more flush interval: anything extra would show up now
            now = totals()
            return {k: now[k] - before[k] for k in now}
        time.sleep(1)


def article_paths(portal):
    html = portal.get("/")
    paths = sorted(set(re.findall(r'href="(/[a-z0-9-]+/[a-z0-9-]+/)"', html)))
    return [p for p in paths if not p.startswith(("/static/", "/media/", "/quan-tri/"))]


# --- phases -------------------------------------------------------------------------


def accuracy(portal, args):
    paths = article_paths(portal)
    tokens = []
    for path in paths:
        match = re.search(r'data-stats-token="([^"]+)"', portal.get(path))
        if match:
            tokens.append(match.group(1))
    if not tokens:
        raise SystemExit("no beacon token found in the article pages")
    visitors = min(args.visitors, args.hits)
    requests, pairs = [], set()
    for i in range(args.hits):
        reader = i % visitors
        article = (i * 7 + i // visitors) % len(tokens)
        pairs.add((reader, article))
        requests.append(beacon_request(tokens[article], reader_address(reader)))
    before = totals()
    statuses, elapsed = fire(portal.port, requests, args.concurrency)
    delta = wait_for(before, args.hits)
    expected = {"pageviews": args.hits, "visits": visitors, "views": len(pairs), "hits": args.hits}
    ok = statuses.get(204, 0) == args.hits and all(delta[k] == v for k, v in expected.items())
    log(
        f"  accuracy: {args.hits} beacon hits, {args.concurrency} concurrent, {visitors} readers, "
        f"{len(tokens)} articles: {elapsed:.1f} s ({args.hits / elapsed:.0f} hits/s), responses {statuses}"
    )
    for key, value in expected.items():
        log(
            f"    {key:<10} expected {value:>8}  counted {delta[key]:>8}  "
            f"lost {max(value - delta[key], 0)}  doubled {max(delta[key] - value, 0)}"
        )
    log(f"    => {'OK: 0 lost, 0 doubled' if ok else 'MISMATCH'}")
    return ok


def page_throughput(portal, args, counting):
    paths = article_paths(portal)
    requests = [
        get_request(paths[i % len(paths)], reader_address(100_000 + i % args.visitors)) for i in range(args.page_hits)
    ]
    fire(portal.port, requests[: min(200, len(requests))], args.concurrency)  # warm up
    time.sleep(3 if counting else 0)
    before = totals()
    statuses, elapsed = fire(portal.port, requests, args.concurrency)
    rate = statuses.get(200, 0) / elapsed
    counted = None
    if counting:
        counted = wait_for(before, statuses.get(200, 0))["pageviews"]
    return rate, statuses, counted


def storage(args, store_name):
    """Hits recorded straight into the store (no HTTP), then flushed: what grows?"""
    from django.db import connection

    from vnportal.stats import clock, conf
    from vnportal.stats.models import DailyPageCount, DailySiteCount, VisitorState
    from vnportal.stats.stores import make_store
    from vnportal.stats.stores.base import Hit

    def db_bytes():
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.execute("PRAGMA page_count")
                pages = cursor.fetchone()[0]
                cursor.execute("PRAGMA freelist_count")
                free = cursor.fetchone()[0]
                cursor.execute("PRAGMA page_size")
                return (pages - free) * cursor.fetchone()[0]
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]

    def rows():
        return (DailySiteCount.objects.count(), DailyPageCount.objects.count(), VisitorState.objects.count())

    store = make_store(store_name, **({"background": False} if store_name == "database" else {}))
    redis_client = getattr(store, "client", None)
    before_rows, before_bytes = rows(), db_bytes()
    before_redis = redis_client.info("memory")["used_memory"] if redis_client else 0
    moment = clock.now()
    day = clock.local_date(moment)
    day_start = clock.day_start(day).timestamp()
    params = conf.SiteParams()
    readers, pages = (
        max(1, min(20_000, args.storage_hits // 20)),
        list(range(900_001, 900_201)),
    )  # page ids outside the demo's
    site_id = 990 + len(store_name)  # a site of its own per store, so each adds its own rows
    started = time.perf_counter()
    pipe = redis_client.pipeline(transaction=False) if redis_client else None
    checkpoint_at = args.storage_hits // 10 - 1  # every reader and page has been seen by then
    checkpoint = None
    for i in range(args.storage_hits):
        hit = Hit(
            site_id=site_id,
            visitor=f"g:bench{i % readers:06d}",
            kind="g",
            ts=moment.timestamp() + i * 1e-4,
            day=day.isoformat(),
            day_start=day_start,
            timeout=params.visit_timeout,
            keep=params.keep_seconds,
            page_id=pages[i % len(pages)],
        )
        if pipe is not None:
            store._record(
                args=[
                    store.prefix,
                    hit.site_id,
                    hit.visitor,
                    hit.kind,
                    repr(hit.ts),
                    repr(hit.day_start),
                    hit.timeout,
                    hit.keep,
                    hit.page_id,
                    "",
                    hit.day,
                    "",
                ],
                client=pipe,
            )
            if i % 1000 == 999:
                pipe.execute()
        else:
            store.record(hit)
        if i % 100_000 == 99_999 or i == checkpoint_at:
            if pipe is not None:
                pipe.execute()
            store.flush()
            if i == checkpoint_at:
                checkpoint = (rows(), db_bytes(), redis_client.info("memory")["used_memory"] if redis_client else 0)
    if pipe is not None:
        pipe.execute()
    store.flush()
    elapsed = time.perf_counter() - started
    after_rows, after_bytes = rows(), db_bytes()
    after_redis = redis_client.info("memory")["used_memory"] if redis_client else 0
    keys = len(store.keys()) if redis_client else 0
    log(
        f"  storage: {args.storage_hits} hits from {readers} readers over {len(pages)} pages, one day, "
        f"recorded + flushed in {elapsed:.1f} s ({args.storage_hits / elapsed:.0f} hits/s in one process)"
    )
    log(
        f"    daily site rows +{after_rows[0] - before_rows[0]}, daily page rows +{after_rows[1] - before_rows[1]}, "
        f"recent-visitor rows +{after_rows[2] - before_rows[2]} (pruned after the visit timeout)"
    )
    log(
        f"    database bytes +{after_bytes - before_bytes:,} ({(after_bytes - before_bytes) / args.storage_hits:.3f} "
        f"bytes per hit)"
        + (
            f"; Redis memory +{after_redis - before_redis:,} bytes, {keys} stats keys "
            f"(visit state expires after the visit timeout)"
            if redis_client
            else ""
        )
    )
    if checkpoint is not None:
        later = args.storage_hits - checkpoint_at - 1
        log(
            f"    growth over the last {later:,} hits (after the first {checkpoint_at + 1:,}): "
            f"daily rows +{after_rows[0] - checkpoint[0][0] + after_rows[1] - checkpoint[0][1]}, "
            f"database bytes +{after_bytes - checkpoint[1]:,}"
            + (f", Redis memory +{after_redis - checkpoint[2]:,} bytes" if redis_client else "")
            + " => storage grows with days, pages and readers, not with hits"
        )
    if store_name == "redis":
        store.reset()


def capture_cost(store_name, hits=5_000, pages=100):
    """The statistics' own cost per page view, measured in this process (far less noisy
    than HTTP throughput on a shared machine): counting one hit vs rendering one article."""
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client, RequestFactory

    from vnportal.news.models import ArticlePage
    from vnportal.stats import capture
    from vnportal.stats.stores import make_store, set_store

    store = make_store(store_name, **({"background": False} if store_name == "database" else {}))
    set_store(store)
    article = ArticlePage.objects.live().first()
    site_id = article.get_site().pk
    factory = RequestFactory(HTTP_HOST="127.0.0.1")
    requests = []
    for i in range(hits):
        request = factory.get(article.url, REMOTE_ADDR=reader_address(300_000 + i), HTTP_USER_AGENT=UA)
        request.user = AnonymousUser()
        requests.append(request)
    capture.record(requests[0], site_id, article.pk, "")
    started = time.perf_counter()
    for request in requests:
        capture.record(request, site_id, article.pk, "")
    per_hit = (time.perf_counter() - started) / hits
    store.reset()
    settings.STATS_ENABLED = False
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(article.url, HTTP_USER_AGENT=UA)
    started = time.perf_counter()
    for _ in range(pages):
        client.get(article.url, HTTP_USER_AGENT=UA)
    per_page = (time.perf_counter() - started) / pages
    settings.STATS_ENABLED = True
    set_store(None)
    log(
        f"  in-process: counting one hit {per_hit * 1e6:.0f} µs; rendering one article page {per_page * 1e3:.1f} ms "
        f"=> counting adds {per_hit / per_page:.2%}"
    )
    return per_hit / per_page


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="the acceptance run: 100,000 hits, 1,000,000 for storage")
    parser.add_argument("--hits", type=int, default=10_000, help="beacon hits of the accuracy phase")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--visitors", type=int, default=5_000, help="distinct readers")
    parser.add_argument("--page-hits", type=int, default=600, help="page views per throughput run")
    parser.add_argument("--rounds", type=int, default=3, help="on/off throughput runs, alternated")
    parser.add_argument("--skip-accuracy", action="store_true", help="skip the beacon accuracy phase")
    parser.add_argument("--storage-hits", type=int, default=200_000)
    parser.add_argument("--stores", default="database,redis")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"))
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    parser.add_argument(
        "--in-process-only",
        action="store_true",
        help="skip the HTTP phases (no server): only the cost per hit and the storage growth",
    )
    args = parser.parse_args()
    if args.full:
        args.hits, args.storage_hits = max(args.hits, 100_000), max(args.storage_hits, 1_000_000)

    data_dir = Path(tempfile.mkdtemp(prefix="vnportal-stats-bench-"))
    base_env = {
        "STATS_FLUSH_INTERVAL": "2",
        "CACHE_KEY_PREFIX": f"stats-bench-{os.getpid()}",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.base",
    }
    base_env.pop("REDIS_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("DATABASE_URL", None)
    log(f"vnportal stats bench: data in {data_dir}; preparing the demo site …")
    subprocess.run(
        [VNPORTAL, "demo"],
        env={**os.environ, **base_env, "VNPORTAL_DATA_DIR": str(data_dir)},
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    setup_django(data_dir, base_env)
    results = {}
    try:
        for store_name in [s.strip() for s in args.stores.split(",") if s.strip()]:
            env = {**base_env, "STATS_STORE": store_name}
            if store_name == "redis":
                env["REDIS_URL"] = args.redis_url
            log(f"\n== store: {store_name} ({args.workers} gunicorn workers) ==")
            if args.in_process_only:
                if store_name == "redis":
                    os.environ["REDIS_URL"] = args.redis_url
                    from django.conf import settings

                    settings.REDIS_URL = args.redis_url
                cost = capture_cost(store_name)
                storage(args, store_name)
                results[store_name] = (True, float("nan"), cost)
                continue
            ok = True
            if not args.skip_accuracy:
                portal = Portal(data_dir, args.port, args.workers, {**env, "STATS_BEACON_ALWAYS": "1"})
                try:
                    ok = accuracy(portal, args)
                finally:
                    portal.stop()
            rates = {}
            # Alternate on/off so background load hits both alike; compare the medians.
            for counting in [True, False] * args.rounds:
                portal = Portal(data_dir, args.port, args.workers, {**env, "STATS_ENABLED": "1" if counting else "0"})
                try:
                    rate, statuses, counted = page_throughput(portal, args, counting)
                finally:
                    portal.stop()
                rates.setdefault(counting, []).append(rate)
                note = ""
                if counting:
                    good = statuses.get(200, 0)
                    note = f", counted {counted} of {good} ({'exact' if counted == good else 'MISMATCH'})"
                    ok = ok and counted == good
                log(
                    f"  pages, counting {'on ' if counting else 'off'}: {args.page_hits} article views at "
                    f"{args.concurrency} concurrent: {rate:.0f} pages/s, responses {statuses}{note}"
                )
            ratio = statistics.median(rates[True]) / statistics.median(rates[False])
            log(
                f"  throughput with counting on = {ratio:.1%} of counting off (medians of {len(rates[True])} runs each;"
                f" on {min(rates[True]):.0f}-{max(rates[True]):.0f}, off {min(rates[False]):.0f}-{max(rates[False]):.0f}"
                f" pages/s)"
            )
            if store_name == "redis":
                os.environ["REDIS_URL"] = args.redis_url
                from django.conf import settings

                settings.REDIS_URL = args.redis_url
            cost = capture_cost(store_name)
            storage(args, store_name)
            results[store_name] = (ok, ratio, cost)
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    log("\n== summary ==")
    for name, (ok, ratio, cost) in results.items():
        log(
            f"  {name:<9} all hits counted exactly: {'yes' if ok else 'NO'}; pages/s counting on vs off over HTTP "
            f"{ratio:.1%}; in-process cost of counting {cost:.2%} of a page"
        )
    return 0 if all(ok for ok, _, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
