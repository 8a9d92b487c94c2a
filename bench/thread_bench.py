#!/usr/bin/env python
"""Threads per worker (not a test): what does one more thread in a gunicorn worker cost a render?

A gthread worker renders on several threads that share one GIL. On this 2-core machine the
same kept article costs more CPU per render the more threads a process renders it on (GIL
hand-offs every switch interval, and the caches each thread drags back in), which is where
``vnportal run``'s default of 8 threads lost up to half of its throughput (docs/performance.md,
"Threads per worker"). This renders one page in-process on 1, 2, 4 and 8 threads, the same
number of renders each, twice in alternation, and prints renders per second, CPU per render
and both as a ratio to one thread measured in the same run.

    DJANGO_SETTINGS_MODULE=vnportal.settings.base VNPORTAL_DATA_DIR=/tmp/cold-bench/embedded \\
        python bench/thread_bench.py --url /some/article/ --renders 240

The page cache is off (PAGE_CACHE_SECONDS=0): what is measured is a render with the fragments
kept, as under ``site_bench.py --cold``. Run it when nothing else loads the machine.
"""

import argparse
import os
import sys
import threading
import time
from urllib.parse import urlsplit


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the page (default: the newest live article)")
    parser.add_argument("--renders", type=int, default=240, help="renders per measurement")
    parser.add_argument("--threads", default="1,2,4,8")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)

    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vnportal.settings.base")
    import django

    django.setup()
    from django.test import Client

    url = args.url
    if not url:
        from vnportal.news.models import ArticlePage

        url = urlsplit(ArticlePage.objects.live().order_by("-pk").first().url).path
    host = {"HTTP_HOST": "127.0.0.1", "HTTP_USER_AGENT": "Mozilla/5.0 thread_bench"}
    first = Client(**host).get(url)
    if first.status_code != 200:
        sys.exit(f"{url}: HTTP {first.status_code}")

    def render(count, errors):
        client = Client(**host)
        for _ in range(count):
            if client.get(url).status_code != 200:
                errors.append(1)

    def measure(threads):
        per_thread = max(1, args.renders // threads)
        errors = []
        workers = [threading.Thread(target=render, args=(per_thread, errors)) for _ in range(threads)]
        wall, cpu = time.perf_counter(), time.process_time()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        done = per_thread * threads
        if errors:
            sys.exit(f"{len(errors)} renders failed")
        return done / wall, cpu * 1000 / done

    counts = [int(n) for n in args.threads.split(",")]
    results = {n: [] for n in counts}
    for _ in range(args.rounds):
        for n in counts:
            results[n].append(measure(n))
    print(f"thread bench: {url}, {args.renders} renders × {args.rounds} rounds; load average {os.getloadavg()}")
    print(f"{'threads':>8} {'renders/s':>10} {'CPU ms':>8} {'× 1 thread (rate)':>18} {'× 1 thread (CPU)':>17}")
    base_rate = sum(r for r, _ in results[counts[0]]) / args.rounds
    base_cpu = sum(c for _, c in results[counts[0]]) / args.rounds
    for n in counts:
        rate = sum(r for r, _ in results[n]) / args.rounds
        cpu = sum(c for _, c in results[n]) / args.rounds
        print(f"{n:>8} {rate:>10.0f} {cpu:>8.2f} {rate / base_rate:>18.2f} {cpu / base_cpu:>17.2f}")


if __name__ == "__main__":
    main()
