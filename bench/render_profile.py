"""Per-request CPU of a cold render, measured in-process (issue 14, point 3).

Renders each page kind N times through Django's test Client with the page cache off
(PAGE_CACHE_SECONDS=0; fragment caches as configured) and prints CPU ms per render
(time.process_time, so other load on the machine matters less), queries per render, and
a cProfile top list per page. Run against a seeded data dir:

    DJANGO_SETTINGS_MODULE=vnportal.settings.base VNPORTAL_DATA_DIR=… \\
        python bench/render_profile.py --renders 50 [--profile 20] [--pages article,home]
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vnportal.settings.base")
os.environ["PAGE_CACHE_SECONDS"] = "0"


def page_urls():
    """The URLs bench/seed.py names for this data dir (it seeds nothing with --report-only)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "seed.py"), "--report-only"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out.strip().splitlines()[-1])
    urls = {name: urlsplit(info[name]).path for name in ("home", "section", "article", "tag", "library", "document")}
    urls["search"] = info["search"]  # with its query string
    return urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--profile", type=int, default=20, help="cProfile rows per page (0: none)")
    parser.add_argument("--pages", default="article,home,section,tag", help="also: library, document, search")
    args = parser.parse_args()
    urls = page_urls()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT="Mozilla/5.0 render_profile")

    def get(url):
        # Like the load generator: no cookies kept between requests (a kept csrftoken would
        # make every later request a personal one).
        client.cookies.clear()
        return client.get(url)

    for name in args.pages.split(","):
        url = urls[name]
        for _ in range(3):  # warm: first-render imports, template loading, fragment fill
            assert get(url).status_code == 200, url
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            get(url)
        started = time.process_time()
        for _ in range(args.renders):
            get(url)
        ms = (time.process_time() - started) * 1000 / args.renders
        print(f"{name:8} {ms:7.2f} ms/render  {len(queries):3} queries/render  {url}", flush=True)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.renders):
                get(url)
            profiler.disable()
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text)
            stats.sort_stats("tottime").print_stats(args.profile)
            # Where the time goes in the project's own code (cumulative, profiler overhead included).
            stats.sort_stats("cumulative").print_stats("vnportal/", args.profile)
            print(text.getvalue())
            for sql in queries:
                print("   ", sql[:200])


if __name__ == "__main__":
    main()
