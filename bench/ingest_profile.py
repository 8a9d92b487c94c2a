#!/usr/bin/env python
"""What counting one beacon line costs (not a test): CPU microseconds per line in the counting
process and in Redis, without nginx, sockets or wrk, so the figure holds on a busy machine.
``--profile`` prints cProfile's top functions (how the ingester's costs were found).

Needs a portal with at least one live article and the production store, e.g.:
    VNPORTAL_DATA_DIR=/tmp/demo vnportal demo
    VNPORTAL_DATA_DIR=/tmp/demo REDIS_URL=redis://127.0.0.1:6379/6 STATS_STORE=redis CACHE_KEY_PREFIX=prof \\
        DJANGO_SETTINGS_MODULE=vnportal.settings.base ALLOWED_HOSTS=127.0.0.1 python bench/ingest_profile.py
Lines are as nginx writes them: one token (a cached article), --visitors distinct browsers.
The Redis keys of the run are deleted; the daily rows get the run's counts.
"""

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def lines_for(token, n, visitors):
    now = time.time()
    template = (
        '<190>Dec  7 05:00:00 vnportal_beacon: {"t":"%s","r":"https%%3A%%2F%%2Fwww.google.com","addr":"127.0.0.1",'
        '"xff":"","ua":"%s","sec_purpose":"","purpose":"","x_moz":"","x_purpose":"","host":"127.0.0.1",'
        '"port":"80","msec":"%.3f"}'
    )
    agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.%d Safari/537.36"
    return [(template % (quote(token, safe=""), agent % (i % visitors), now + i / 15000)).encode() for i in range(n)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=30000)
    parser.add_argument("--visitors", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from vnportal.core.registry import ARTICLE_PAGES
    from vnportal.stats import capture, ingest
    from vnportal.stats.stores import get_store

    article = next(model.objects.live().first() for model in ARTICLE_PAGES if model.objects.live().exists())
    token = capture.page_token(article.get_site().pk, article.pk)
    lines = lines_for(token, args.lines, args.visitors)
    store = get_store()

    def redis_cpu():
        info = store.client.info("cpu")
        return info["used_cpu_user"] + info["used_cpu_sys"]

    def run():
        cpu, redis = time.process_time(), redis_cpu()
        counted = sum(
            ingest.count_lines(lines[s : s + args.batch], store).counted for s in range(0, len(lines), args.batch)
        )
        return counted, time.process_time() - cpu, redis_cpu() - redis

    run()  # warm: imports, the crawler list, the salt
    store.reset()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    counted, cpu, redis = run()
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    print(
        f"{counted:,} of {len(lines):,} lines counted; counting process {cpu / len(lines) * 1e6:.1f} µs CPU a line "
        f"(=> {len(lines) / cpu:,.0f} lines/s per core), Redis {redis / len(lines) * 1e6:.1f} µs a line"
    )
    store.flush()
    store.reset()


if __name__ == "__main__":
    main()
