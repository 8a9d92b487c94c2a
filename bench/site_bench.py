#!/usr/bin/env python
"""Site benchmark (not a test): how close does the portal come to nginx serving a file?

For each profile it starts the portal, seeds --articles articles (bench/seed.py), then
measures with wrk (-t2 -c50 --latency, --duration seconds) the home page, a section page,
an article page, a search page (/tim-kiem/?q=dang+bo) and the statistics beacon (POST
/api/stats/hit with a signed token) — and, in the same run, right after each, the SAME
bytes saved to a file and served by nginx as a static file (the baseline; for the beacon,
its empty 204 answer is an empty file). It prints req/s, p50, p99 and the ratio.

* embedded: `vnportal run` (SQLite, local-memory page cache, gthread gunicorn workers) in a
  data directory under --workdir; measured directly on the app.
* production: two app servers (gunicorn with deploy/gunicorn.conf.py, the production
  settings) on PostgreSQL (--postgres, default database vnportal_bench) and Redis
  (--redis, default db 9), the scheduler (`vnportal worker`), and nginx running
  deploy/nginx/vnportal.conf (adapted to local ports and paths by tools/nginx_local.py)
  as the current user; measured directly on one app server and through nginx.

    .venv/bin/python bench/site_bench.py                       # both profiles, 10,000 articles
    .venv/bin/python bench/site_bench.py --profiles embedded --duration 5 --articles 1000
    .venv/bin/python bench/site_bench.py --skip-seed           # reuse what an earlier run seeded

--cold measures every page with the page cache off (PAGE_CACHE_SECONDS=0 for the app
servers) and directly on the app server (one in production; nginx's microcache is never in
the way): home, a section and its page 2 (?trang=2), a tag, an article, the library list, a
document, and search with one-, two- and three-syllable queries, with and without marks,
and a page 2 of results. It seeds --documents documents too. --json FILE keeps the rows
(page, profile, rps, p99, static_rps, ratio, …).

    .venv/bin/python bench/site_bench.py --cold --articles 100000 --documents 10000 --json cold.json

Only 127.0.0.1 is contacted, on ports 8850-8859. The PostgreSQL database named is dropped
and re-created and the Redis database is flushed unless --skip-seed is given: name
scratch ones. Needs wrk, nginx and libnginx-mod-http-cache-purge (apt-get install wrk nginx
libnginx-mod-http-cache-purge). Every process it starts is stopped when it ends.
"""

import argparse
import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import nginx_local  # noqa: E402

BIN = Path(sys.executable).parent
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PAGES = ("home", "section", "article", "search", "beacon")
# --cold: every page kind the cold budgets name (issue 14), searches included.
COLD_PAGES = (
    "home",
    "section",
    "section_p2",
    "tag",
    "article",
    "library",
    "document",
    "search_1",
    "search_1_marks",
    "search_2",
    "search_2_marks",
    "search_3",
    "search_3_marks",
    "search_p2",
)
# One, two and three syllables, folded and with their marks, and a second page of results.
SEARCHES = {
    "search_1": "dang",
    "search_1_marks": "đảng",
    "search_2": "dang bo",
    "search_2_marks": "đảng bộ",
    "search_3": "chuyen doi so",
    "search_3_marks": "chuyển đổi số",
}
PORTS = {"embedded": 8850, "app_a": 8851, "app_b": 8852, "nginx": 8853, "static": 8854}
_processes = []


# --- processes ------------------------------------------------------------------------------


def start(command, env, log_path):
    log = open(log_path, "ab")
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    _processes.append(process)
    return process


def stop(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
    if process in _processes:
        _processes.remove(process)


def stop_all():
    for process in list(reversed(_processes)):
        stop(process)


def run(command, env, what):
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{what} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout


def wait_http(port, log_path, process, timeout=120):
    if not nginx_local.wait_for_port(port, timeout=timeout) or process.poll() is not None:
        log = Path(log_path).read_text(errors="replace")[-3000:] if Path(log_path).exists() else ""
        sys.exit(f"nothing answers on port {port}:\n{log}")


# --- HTTP helpers -----------------------------------------------------------------------------


def fetch(port, path, method="GET", data=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=data,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html"},
    )
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def beacon_query(token):
    """What stats.js sends: the token and referrer in the URL of a body-less POST (so nginx
    can answer it without reading a body, deploy/nginx/vnportal-beacon.conf)."""
    return urllib.parse.urlencode({"t": token, "r": ""})


# --- wrk ------------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)] if match else float("nan")


def wrk(url, duration, connections, threads, lua=None):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"User-Agent: {USER_AGENT}",
        "-H",
        "Accept: text/html",
    ]
    if lua:
        command += ["-s", lua]
    result = subprocess.run(command + [url], capture_output=True, text=True)
    out = result.stdout
    if result.returncode != 0 or "Requests/sec" not in out:
        sys.exit(f"wrk failed on {url}:\n{out}\n{result.stderr}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    latency = re.search(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(int(x) for x in sockets.groups()) if sockets else 0)
    worst = _ms(latency.group(3)) if latency else float("nan")
    return {"rps": rps, "p50": p50, "p99": p99, "max": worst, "errors": errors}


def beacon_lua(workdir, token):
    path = Path(workdir) / "beacon.lua"
    path.write_text('wrk.method = "POST"\n')
    return str(path)


# --- profiles -----------------------------------------------------------------------------------


def base_env(data_dir):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}
        and not k.startswith(("GUNICORN_", "PAGE_CACHE_", "STATS_"))
    }
    env["VNPORTAL_DATA_DIR"] = str(data_dir)
    env["PATH"] = f"{BIN}:{env.get('PATH', '')}"
    return env


def seed(env, articles, skip_seed, log_dir, documents=0):
    command = [sys.executable, str(ROOT / "bench" / "seed.py"), "--articles", str(articles)]
    command += ["--documents", str(documents)]
    if skip_seed:
        command.append("--report-only")
    else:
        print(f"  seeding up to {articles:,} articles …", flush=True)
    with open(log_dir / "seed.log", "ab") as log:
        result = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=log)
    if result.returncode != 0:
        sys.exit(f"seeding failed; see {log_dir / 'seed.log'}")
    info = json.loads(result.stdout.decode().strip().splitlines()[-1])
    if not skip_seed:
        print(
            f"  {info['articles']:,} articles, {info.get('documents', 0):,} documents "
            f"({info['created']:,} + {info.get('documents_created', 0):,} created in {info['seconds']} s)",
            flush=True,
        )
    return info


def setup_embedded(args, workdir):
    data = workdir / "embedded"
    env = base_env(data)
    env["DJANGO_SETTINGS_MODULE"] = "vnportal.settings.base"
    if args.cold:
        env["PAGE_CACHE_SECONDS"] = "0"
    if not args.skip_seed:
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        run([str(BIN / "vnportal"), "demo"], env, "vnportal demo (embedded)")
    elif not (data / "vnportal.sqlite3").exists():
        sys.exit(f"--skip-seed: nothing seeded in {data} yet")
    info = seed(env, args.articles, args.skip_seed, workdir, args.documents)
    log = workdir / "embedded.log"
    app = start(
        [str(BIN / "vnportal"), "run", "--host", "127.0.0.1", "--port", str(PORTS["embedded"]), "--no-demo"], env, log
    )
    wait_http(PORTS["embedded"], log, app)
    return info, {"embedded": PORTS["embedded"]}, data


def production_env(args, data):
    env = base_env(data)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "vnportal.settings.production",
            "SECRET_KEY": "site-bench-not-a-secret-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": args.postgres,
            "REDIS_URL": args.redis,
            "CACHE_KEY_PREFIX": "vnportal-bench",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "TRUSTED_PROXIES": "127.0.0.1/32",
            "PAGE_CACHE_PURGE_URLS": f"http://127.0.0.1:{PORTS['nginx']}",
            # The production settings refuse to start without the public address (purges, links).
            "VNPORTAL_PUBLIC_URL": f"http://127.0.0.1:{PORTS['nginx']}",
            "GUNICORN_WORKERS": str(args.app_workers),
            "GUNICORN_THREADS": str(args.app_threads),
        }
    )
    if args.cold:
        env["PAGE_CACHE_SECONDS"] = "0"
    return env


def reset_postgres(url):
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        sys.exit(f"refusing to drop a database named {name!r}")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], os.environ.copy(), sql)


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def setup_production(args, workdir):
    data = workdir / "production"
    env = production_env(args, data)
    if not args.skip_seed:
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        reset_postgres(args.postgres)
        flush_redis(args.redis)
        run([str(BIN / "vnportal"), "demo"], env, "vnportal demo (production)")
    info = seed(env, args.articles, args.skip_seed, workdir, args.documents)
    run([str(BIN / "vnportal"), "manage", "collectstatic", "--noinput", "-v0"], env, "collectstatic")
    apps = []
    for name in ("app_a", "app_b"):
        log = workdir / f"production-{name}.log"
        process = start(
            [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
            {**env, "GUNICORN_PORT": str(PORTS[name])},
            log,
        )
        apps.append((PORTS[name], log, process))
    start([str(BIN / "vnportal"), "worker"], env, workdir / "production-worker.log")
    for port, log, process in apps:
        wait_http(port, log, process)
    if args.cold:  # one app server, direct: nothing cached in front of it
        return info, {"app": PORTS["app_a"]}, data
    return info, {"app": PORTS["app_a"], "nginx": PORTS["nginx"]}, data


def start_nginx(workdir, data, upstreams):
    prefix = workdir / "nginx"
    shutil.rmtree(prefix, ignore_errors=True)
    baseline = workdir / "baseline"
    baseline.mkdir(exist_ok=True)
    conf = nginx_local.local_nginx_conf(
        prefix,
        listen_port=PORTS["nginx"],
        upstreams=[f"127.0.0.1:{p}" for p in upstreams],
        static_root=data / "static",
        media_root=data / "media",
        extra_servers=nginx_local.static_server(PORTS["static"], baseline),
    )
    missing = (prefix / "conf" / "MISSING_SNIPPETS").read_text().split()
    if missing:
        print(f"  note: {', '.join(missing)} not in deploy/nginx/ yet (empty placeholders used)")
    server = nginx_local.NginxProcess(prefix, conf, ports=[PORTS["nginx"], PORTS["static"]])
    server.start()
    return server, baseline


# --- measuring ------------------------------------------------------------------------------------


def page_paths(info, cold=False):
    if cold:
        paths = {
            "home": info["home"],
            "section": info["section"],
            "section_p2": info["section"] + "?trang=2",
            "tag": info.get("tag"),
            "article": info["article"],
            "library": info.get("library"),
            "document": info.get("document"),
        }
        for page, query in SEARCHES.items():
            paths[page] = "/tim-kiem/?" + urllib.parse.urlencode({"q": query})
        paths["search_p2"] = "/tim-kiem/?" + urllib.parse.urlencode({"q": SEARCHES["search_2"], "trang": 2})
        return {page: path for page, path in paths.items() if path}
    return {
        "home": info["home"],
        "section": info["section"],
        "article": info["article"],
        "search": info["search"],
        "beacon": "/api/stats/hit?" + beacon_query(info["beacon_token"]),
    }


def prepare(page, port, path, token, baseline, profile):
    """Check the target answers as it should and save its bytes as the static baseline."""
    if page == "beacon":
        status, headers, body = fetch(port, path, "POST", b"")
        if status != 204:
            sys.exit(f"{profile}: the beacon answered {status}, not 204 (token refused?)")
    else:
        status, headers, body = fetch(port, path)
        if status != 200 or not headers.get("Content-Type", "").startswith("text/html"):
            sys.exit(f"{profile}: {path} answered {status} {headers.get('Content-Type')}")
    name = f"{profile}-{page}.html"
    (baseline / name).write_bytes(body)
    return name, len(body), headers


def cache_state(headers):
    return headers.get("X-Cache-Status") or headers.get("X-Page-Cache") or "-"


def warm(port, path, token, args, lua):
    for _ in range(3):
        if lua:
            fetch(port, path, "POST", b"")
        else:
            fetch(port, path)
    wrk(f"http://127.0.0.1:{port}{path}", args.warmup, args.connections, args.threads, lua)
    # wrk stops with requests in flight on connections it has closed: a worker holding many still
    # renders them, and if the measured run's 50 connections arrive meanwhile, the other worker
    # (the only one with a free thread) takes them all and keeps them: the run measures one core.
    # Readers do not all hang up at once; let those requests finish first.
    time.sleep(getattr(args, "settle", 1.0))


def measure_profile(profile, targets, info, args, workdir, baseline):
    rows = []
    token = info["beacon_token"]
    lua = beacon_lua(workdir, token)
    for page, path in page_paths(info, args.cold).items():
        if page not in args.pages:
            continue
        script = lua if page == "beacon" else None
        first = True
        for target, port in targets.items():
            label = profile if target == "embedded" else f"{profile} {target}"
            try:
                warm(port, path, token, args, script)
                name, size, headers = prepare(page, port, path, token, baseline, label.replace(" ", "-"))
            except OSError as error:  # timed out: the app is far too slow (or the machine too busy)
                print(f"{page:<15} {label:<18} skipped: {path} did not answer ({error})", flush=True)
                rows.append(
                    {"page": page, "profile": label, "path": path, "rps": 0.0, "p99": None, "error": str(error)}
                )
                continue
            result = wrk(f"http://127.0.0.1:{port}{path}", args.duration, args.connections, args.threads, script)
            if first or page != "beacon":
                # The same bytes from disk, measured right after (for the beacon: its empty answer).
                static_url = f"http://127.0.0.1:{PORTS['static']}/{name}"
                wrk(static_url, args.warmup, args.connections, args.threads)
                static = wrk(static_url, args.duration, args.connections, args.threads)
            first = False
            row = {
                "page": page,
                "profile": label,
                "path": path,
                "bytes": size,
                "cache": cache_state(headers),
                **result,
                "static_rps": static["rps"],
                "ratio": 100.0 * result["rps"] / static["rps"],
                "load_average": load_average(),  # the machine is shared: what else ran meanwhile
            }
            rows.append(row)
            print_row(row)
    return rows


HEADER = (
    f"{'page':<15} {'profile':<18} {'bytes':>7} {'cache':>6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
    f"{'static req/s':>12} {'ratio %':>8} {'errors':>6}"
)


def print_row(row):
    print(
        f"{row['page']:<15} {row['profile']:<18} {row['bytes']:>7} {row['cache']:>6} {row['rps']:>9.0f} "
        f"{row['p50']:>8.2f} {row['p99']:>8.2f} {row['static_rps']:>12.0f} {row['ratio']:>8.2f} "
        f"{row['errors']:>6}",
        flush=True,
    )


def load_average():
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", default="embedded,production")
    parser.add_argument("--pages", help=f"some of {','.join(PAGES)} (--cold: {','.join(COLD_PAGES)})")
    parser.add_argument("--cold", action="store_true", help="page cache off, measured on one app server directly")
    parser.add_argument("--documents", type=int, default=10_000, help="documents to seed")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk before each measurement")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the data an earlier run seeded")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "vnportal-site-bench"))
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/vnportal_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--app-workers", type=int, default=2, help="gunicorn workers per production app server")
    parser.add_argument("--app-threads", type=int, default=4, help="threads per worker (gthread)")
    parser.add_argument(
        "--settle", type=float, default=1.0, help="seconds between the warm-up and the measured run (see warm())"
    )
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args(argv)
    known = COLD_PAGES if args.cold else PAGES
    args.pages = [p for p in (args.pages or ",".join(known)).split(",") if p]
    profiles = [p for p in args.profiles.split(",") if p]
    if set(profiles) - {"embedded", "production"} or set(args.pages) - set(known):
        parser.error("unknown profile or page")
    for tool in ("wrk",):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (apt-get install {tool})")
    missing = nginx_local.missing_requirements()
    if missing:
        sys.exit(missing)

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    print(
        f"site bench: wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency; "
        f"{os.cpu_count()} CPUs; load average {load_average()}"
        + ("; cold: page cache off, direct" if args.cold else ""),
        flush=True,
    )
    all_rows = []
    for profile in profiles:
        print(f"\n== {profile}", flush=True)
        if profile == "embedded":
            info, targets, data = setup_embedded(args, workdir)
            upstreams = [PORTS["embedded"]]
        else:
            info, targets, data = setup_production(args, workdir)
            upstreams = [PORTS["app_a"], PORTS["app_b"]]
        nginx, baseline = start_nginx(workdir, data, upstreams)
        try:
            time.sleep(2)  # let start-up work settle
            print(f"  {info['articles']:,} articles; measuring (load average {load_average()})\n{HEADER}", flush=True)
            all_rows += measure_profile(profile, targets, info, args, workdir, baseline)
            if args.json:  # kept as each profile ends: a later failure loses nothing measured
                Path(args.json).write_text(json.dumps(all_rows, indent=2))
        finally:
            nginx.stop()
            stop_all()
    print(f"\n{HEADER}")
    for row in all_rows:
        if "error" not in row:
            print_row(row)
    print(f"load average at the end: {load_average()} (1, 5, 15 min)")
    if args.json:
        Path(args.json).write_text(json.dumps(all_rows, indent=2))


if __name__ == "__main__":
    main()
