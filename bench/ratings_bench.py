#!/usr/bin/env python
"""Ratings benchmark (not a test): does the rating widget slow a cached page, and is every
rating counted exactly once?

It starts a real portal (`vnportal run`: gunicorn workers, SQLite, no Redis unless --redis-url)
on 127.0.0.1 with a throw-away data directory and one published article, then:

1. cached-page throughput: two servers at once on the same database, one with the widget
   (RATINGS_WIDGET=1) and one without (RATINGS_WIDGET=0: the unrated page); --rounds bursts of
   --requests GETs of the article at --concurrency keep-alive connections, served from the page
   cache, alternating between the two; prints each burst, the medians and their ratio;
2. ratings: --ratings POSTs of "Có"/"Không" from --ratings distinct readers (distinct
   X-Forwarded-For through TRUSTED_PROXIES=127.0.0.1, no cookies kept), then every reader's
   second answer (it must replace the first); after the flush the daily rows must hold exactly
   one answer per reader, the latest: 0 lost, 0 doubled.

Everything is bounded by counts and a timeout, sends traffic only to 127.0.0.1, and stops the
servers it started.

    .venv/bin/python bench/ratings_bench.py [--requests 1000] [--concurrency 8] [--rounds 10]
        [--ratings 1000] [--workers 2] [--redis-url redis://127.0.0.1:6379/9]
"""

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNPORTAL = str(Path(sys.executable).with_name("vnportal"))
TIME_CAP = 120  # seconds per phase, whatever the counts
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 ratings-bench"

CREATE_ARTICLE = """
from wagtail.models import Site
from vnportal.news.models import ArticlePage, SectionPage
home = Site.objects.get(is_default_site=True).root_page.specific
section = SectionPage(title="Tin tức - Sự kiện")
home.add_child(instance=section)
section.save_revision().publish()
article = ArticlePage(title="Sơn Hà khởi công tuyến đường ven sông Lam", lead="Tuyến đường dài 12 km nối ba xã.",
    body=[("paragraph", "<p>" + "Nội dung bài viết về công trình giao thông trọng điểm của tỉnh. " * 40 + "</p>")])
section.add_child(instance=article)
article.save_revision().publish()
print(article.pk, article.url)
"""

COUNTS = """
from django.db.models import Sum
from vnportal.ratings.store import flush
flush()  # what is still queued in Redis when the servers stop (the worker's next run would)
from vnportal.ratings.models import DailyRatingCount, RatingState
rows = dict(DailyRatingCount.objects.values_list("answer").annotate(n=Sum("count")).values_list("answer", "n"))
print(rows.get("yes", 0), rows.get("no", 0), RatingState.objects.count())
"""


def log(*args):
    print(*args, flush=True)


def manage(env, *args):
    return subprocess.run(
        [VNPORTAL, "manage", *args], env=env, cwd=ROOT, check=True, text=True, capture_output=True
    ).stdout


def parallel(port, count, concurrency, job):
    """job(i, conn) for i in range(count) from `concurrency` threads with keep-alive connections."""
    counter, lock, outcomes = iter(range(count)), threading.Lock(), []
    deadline = time.monotonic() + TIME_CAP

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            try:
                outcome = job(i, conn)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                outcome = "connection error"
            with lock:
                outcomes.append(outcome)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started


class Server:
    def __init__(self, env, port, workers, data_dir, widget):
        self.env = {**env, "RATINGS_WIDGET": "1" if widget else "0"}
        self.port, self.workers, self.log = port, workers, open(Path(data_dir) / f"server-{widget}.log", "a")

    def __enter__(self):
        self.process = subprocess.Popen(
            [VNPORTAL, "run", "--no-demo", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the server exited early")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/")
                conn.getresponse().read()
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def get(conn, path, headers=None):
    conn.request("GET", path, headers={"User-Agent": UA, **(headers or {})})
    response = conn.getresponse()
    body = response.read()
    return response.status, response.getheader("X-Page-Cache", ""), body


def page_rate(port, url, args, warm_only=False):
    def job(i, conn):
        status, cache, _body = get(conn, url)
        return cache if status == 200 else f"status {status}"

    if warm_only:  # each gunicorn worker has its own local-memory page cache (the embedded profile)
        parallel(port, 50 * args.workers, args.concurrency, job)
        return None
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, _cache, body = get(conn, url)
    conn.close()
    outcomes, elapsed = parallel(port, args.requests, args.concurrency, job)
    bad = [o for o in outcomes if o not in ("HIT", "MISS")]
    assert not bad and len(outcomes) == args.requests, bad[:5]
    hits = outcomes.count("HIT") / len(outcomes)
    return len(outcomes) / elapsed, len(body), hits


def token_of(body):
    text = body.decode()
    marker = '<input type="hidden" name="t" value="'
    start = text.index(marker) + len(marker)
    return text[start : text.index('"', start)]


def rate_all(port, token, args, answer_of):
    def job(i, conn):
        body = urllib.parse.urlencode({"t": token, "answer": answer_of(i)})
        conn.request(
            "POST",
            "/danh-gia/y-kien/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                "User-Agent": UA,
                "X-Forwarded-For": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}",
            },
        )
        response = conn.getresponse()
        response.read()
        return "ok" if response.status == 200 else str(response.status)

    outcomes, elapsed = parallel(port, args.ratings, args.concurrency, job)
    bad = [o for o in outcomes if o != "ok"]
    assert not bad and len(outcomes) == args.ratings, bad[:5]
    return len(outcomes) / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests per burst")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=10, help="bursts per page")
    parser.add_argument("--ratings", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8231)
    parser.add_argument("--swap", action="store_true", help="start the rated server first, on the first port")
    parser.add_argument("--redis-url", default="", help="count through Redis (a database of its own)")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="vnportal-ratings-bench-")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "VNPORTAL_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.base",
        "DEBUG": "0",
        "TRUSTED_PROXIES": "127.0.0.1/32",
        "RATINGS_IP_RATE_LIMIT": "0",
        "RATINGS_FLUSH_INTERVAL": "1",
        "VNPORTAL_PUBLIC_URL": f"http://127.0.0.1:{args.port}",
        # A Redis namespace of this run's own: the page cache and the ratings queue of an earlier run stay apart.
        "CACHE_KEY_PREFIX": f"vnportal-ratings-bench-{os.getpid()}",
    }
    env.pop("DATABASE_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    else:
        env.pop("REDIS_URL", None)
    try:
        manage(env, "migrate", "--verbosity", "0")
        article_id, url = manage(env, "shell", "-c", CREATE_ARTICLE).split()[-2:]
        url = urllib.parse.urlsplit(url).path
        log(
            f"article {article_id} at {url}; store: {'Redis' if args.redis_url else 'database buffer'}; "
            f"{args.workers} gunicorn workers per server; {args.rounds} bursts of {args.requests} requests "
            f"at {args.concurrency} connections"
        )

        # Both servers run at once and are read in alternating bursts, so that both see the same
        # load from whatever else the machine is doing (a shared machine's noise is larger than 10%).
        rates = {True: [], False: []}
        sizes, hits = {}, {True: [], False: []}
        ports = {False: args.port + 1, True: args.port + 2}
        if args.swap:  # the rated page on the first port, started first: rules out the order as the cause
            ports = {True: args.port + 1, False: args.port + 2}
        with (
            Server(env, ports[not args.swap], args.workers, data_dir, not args.swap),
            Server(env, ports[args.swap], args.workers, data_dir, args.swap),
        ):
            for widget in (False, True):
                page_rate(ports[widget], url, args, warm_only=True)
            for burst in range(args.rounds):
                for widget in (False, True) if burst % 2 == 0 else (True, False):
                    rate, sizes[widget], hit_share = page_rate(ports[widget], url, args)
                    rates[widget].append(rate)
                    hits[widget].append(hit_share)
            for burst in range(args.rounds):
                log(
                    f"  burst {burst + 1}: unrated {rates[False][burst]:6.0f} req/s, "
                    f"rated {rates[True][burst]:6.0f} req/s"
                )
        rated, unrated = statistics.median(rates[True]), statistics.median(rates[False])
        log(
            f"cached article, unrated page: median {unrated:.0f} req/s "
            f"({sizes[False]:,} bytes, {min(hits[False]):.1%} hits)"
        )
        log(
            f"cached article, rated page:   median {rated:.0f} req/s "
            f"({sizes[True]:,} bytes, {min(hits[True]):.1%} hits)"
        )
        log(
            f"ratio rated / unrated: {rated / unrated:.3f} (medians); "
            f"{sum(rates[True]) / sum(rates[False]):.3f} (means); the target: at least 0.90"
        )

        with Server(env, args.port, args.workers, data_dir, True):
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
            token = token_of(get(conn, url)[2])
            conn.close()
            first = rate_all(args.port, token, args, lambda i: "yes")
            second = rate_all(args.port, token, args, lambda i: "no" if i % 4 == 0 else "yes")
            log(f"ratings: {first:.0f}/s first answers, {second:.0f}/s second answers (each replaces the first)")
            time.sleep(3)  # every worker's buffer is flushed within RATINGS_FLUSH_INTERVAL (1 s) and at exit
        yes, no, states = (int(n) for n in manage(env, "shell", "-c", COUNTS).split()[-3:])
        want_no = len([i for i in range(args.ratings) if i % 4 == 0])
        log(
            f"counted: Có {yes}, Không {no}, raters {states}; expected Có {args.ratings - want_no}, "
            f"Không {want_no}, raters {args.ratings}"
        )
        exact = (yes, no, states) == (args.ratings - want_no, want_no, args.ratings)
        log("exact: every rating counted once, the second answer replacing the first" if exact else "NOT EXACT")
        return 0 if exact and rated / unrated >= 0.9 else 1
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
