#!/usr/bin/env python
"""Beacon benchmark (not a test): how many beacons per second does the production path take
(nginx answers, `stats_ingest` counts, Redis store), is every one counted, and what does
the Django view do on the same machine in the same run?

1. nginx (deploy/nginx/vnportal-beacon*.conf, run as this user on 127.0.0.1) + the real
   `vnportal manage stats_ingest` on a socket of its own: wrk POSTs the beacon URL of a demo
   article with a valid token, first paced (each wrk thread sends its share of --rate on a
   fixed schedule, over rate x 0.2 s connections), then unpaced (`wrk -t2 -c50`); a wrk Lua
   script varies the User-Agent (--visitors distinct browser builds, so distinct visitors).
   nginx's stub_status says how many beacons nginx answered (read once it stops moving:
   requests in flight when wrk stops are answered after); after the ingester has drained,
   the daily rows must hold exactly that many page views, one visit and one article view
   per visitor.
2. the baseline: the Django view (`POST /api/stats/hit?t=…`) on gunicorn `-k gthread`,
   the same wrk load and Lua script (other visitors), counted synchronously.

Prints, per run: offered/s (paced), sent/s (wrk), answered/s (nginx), counted/s while wrk
ran, how long after wrk stopped the backlog was counted, sent vs counted, shed (counted as
shed) and lost silently; p50/p99 latency; CPU µs per beacon of each part. Traffic goes only to 127.0.0.1; every server
started is stopped; the Redis keys of the run are deleted. Needs /usr/sbin/nginx, /usr/bin/wrk
and a Redis (--redis-url). Quick run: `python bench/beacon_bench.py --redis-url redis://127.0.0.1:6379/6`.
"""

import argparse
import math
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NGINX = "/usr/sbin/nginx"
WRK = "/usr/bin/wrk"
QLEN = "/proc/sys/net/unix/max_dgram_qlen"

WRK_SCRIPT = """
-- Each request: the same beacon URL, a browser build number per visitor.
local n = 0
local visitors = tonumber(os.getenv("BEACON_VISITORS"))
local chrome = os.getenv("BEACON_CHROME")
local rate = tonumber(os.getenv("BEACON_THREAD_RATE") or "0")
if rate > 0 then
  -- Paced: this thread's requests go out on a fixed schedule, rate a second, whichever of its
  -- connections is free (wrk asks delay() before each request of a connection). A connection
  -- waits for the next free slot; a slow answer delays no slot, so the offered rate holds as
  -- long as enough connections are idle. More than a second behind: the schedule restarts
  -- from now rather than burst to catch up. The clock: LuaJIT's FFI, CLOCK_MONOTONIC.
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } beacon_timespec;
    int clock_gettime(int clock, beacon_timespec *ts);
  ]]
  local ts = ffi.new("beacon_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, ts)
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local interval = 1000 / rate
  local slot = nil
  function delay()
    local now = now_ms()
    if slot == nil or slot < now - 1000 then
      slot = now
    end
    local wait = slot - now
    slot = slot + interval
    if wait < 0 then
      return 0
    end
    return wait
  end
end
function request()
  n = n + 1
  local ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" .. chrome .. "."
             .. (n % visitors) .. " Safari/537.36"
  return wrk.format("POST", nil, {["User-Agent"] = ua, ["Content-Length"] = "0", ["Host"] = "127.0.0.1"}, nil)
end
"""


def log(*args):
    print(*args, flush=True)


def free_port(start, end):
    for port in range(start, end):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit(f"no free port in {start}-{end - 1}")


def wait_http(url, process, what, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError as error:
            if process.poll() is not None:
                raise SystemExit(f"{what} exited; see its log") from error
            time.sleep(0.3)
    raise SystemExit(f"{what} did not answer within {seconds} s")


def stop(process, sig=signal.SIGTERM, seconds=120):
    if process is not None and process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- CPU time: on a shared machine, the steadier measure of cost ------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def children(pid):
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pid):
    """User + system CPU seconds of a process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def redis_cpu(store):
    info = store.client.info("cpu")
    return info["used_cpu_user"] + info["used_cpu_sys"]


# --- the parts under test ----------------------------------------------------------------


SNIPPET_TARGET = "127.0.0.1:5140"
# Counting "kept up" when the daily rows hold every beacon at the first look this long after
# wrk stops (the counters' 50 ms batch linger is well within it).
KEPT_UP_SECONDS = 1.0


def nginx_config(work, port, target):
    """``target``: the syslog server nginx sends to (``127.0.0.1:port`` or ``unix:/path``)."""
    snippet = (ROOT / "deploy/nginx/vnportal-beacon.conf").read_text()
    if snippet.count(SNIPPET_TARGET) != 1:
        raise SystemExit(f"the snippet no longer names {SNIPPET_TARGET} once")
    (work / "beacon.conf").write_text(snippet.replace(SNIPPET_TARGET, target))
    user = ""
    if os.geteuid() == 0:  # run the workers as this user, not "nobody"
        import grp
        import pwd

        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    temps = "\n".join(f"    {k}_temp_path {work}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = work / "nginx.conf"
    config.write_text(f"""
{user}
daemon off;
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
{temps}
    include {ROOT}/deploy/nginx/vnportal-beacon-http.conf;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {work}/beacon.conf;
        # How many requests nginx answered (the bench's own reads included).
        location = /nginx_status {{ stub_status; allow 127.0.0.1; deny all; }}
        location / {{ return 404; }}
    }}
}}
""")
    return config


def nginx_requests(port):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/nginx_status", timeout=5).read().decode()
    return int(text.splitlines()[2].split()[2])


def settled_requests(port, seconds=10):
    """nginx's request count once it stops moving, less this function's own status reads:
    requests wrk sent just before it stopped are still answered (and logged) after it."""
    reads, last, deadline = 0, None, time.monotonic() + seconds
    while True:
        now = nginx_requests(port)
        reads += 1
        if (last is not None and now - last == 1) or time.monotonic() > deadline:
            return now - reads
        last = now
        time.sleep(0.2)


# Paced: connections enough that this many seconds of answering can pass before a free one is
# needed (the schedule, not the connections, sets the rate; idle ones cost nginx nothing).
PACE_CONNECTION_SECONDS = 0.2


def paced_connections(rate):
    return max(math.ceil(rate * PACE_CONNECTION_SECONDS), 10)


def run_wrk(url, args, chrome, work, rate=0):
    """wrk's figures; ``rate`` (requests/s over all threads) paces it: each thread sends its
    share on a fixed schedule (the Lua script above); 0: as fast as it can with
    ``args.connections``."""
    script = work / "beacon.lua"
    script.write_text(WRK_SCRIPT)
    connections = paced_connections(rate) if rate else args.connections
    env = {
        **os.environ,
        "BEACON_VISITORS": str(args.visitors),
        "BEACON_CHROME": chrome,
        "BEACON_THREAD_RATE": str(rate / args.threads if rate else 0),
    }
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(
        [WRK, f"-t{args.threads}", f"-c{connections}", f"-d{args.duration}s", "--latency", "-s", str(script), url],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = result.stdout
    figures = {
        "wrk_cpu": after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime,
        "wall": time.monotonic() - started,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "completed": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
    }
    for label, key in (("50%", "p50"), ("99%", "p99")):
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        figures[key] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    socket_errors = re.search(r"Socket errors: (.*)", out)
    figures["socket_errors"] = socket_errors.group(1) if socket_errors else "none"
    return figures


# --- reading the counts (this process shares the database and Redis) ----------------------


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def totals(store):
    from django.db import close_old_connections
    from django.db.models import Sum

    from vnportal.stats.models import DailyPageCount, DailySiteCount

    store.flush()
    close_old_connections()
    site = {
        m: DailySiteCount.objects.filter(metric=m, key="").aggregate(n=Sum("count"))["n"] or 0
        for m in ("visits", "pageviews", "bot_hits")
    }
    site["excluded"] = (
        DailySiteCount.objects.filter(metric="excluded").exclude(key="shed").aggregate(n=Sum("count"))["n"] or 0
    )
    site["shed"] = DailySiteCount.objects.filter(metric="excluded", key="shed").aggregate(n=Sum("count"))["n"] or 0
    site["views"] = DailyPageCount.objects.aggregate(n=Sum("views"))["n"] or 0
    return site


def delta(after, before):
    return {key: after[key] - before[key] for key in after}


def wait_counted(store, before, expected, seconds):
    """Poll until ``expected`` page views (or shed beacons) are in the daily rows (or nothing moved for 60 s)."""
    started = time.monotonic()
    last, last_change = None, time.monotonic()
    polls = 0
    while True:
        now = delta(totals(store), before)
        polls += 1
        if now["pageviews"] + now["shed"] >= expected:
            return now, time.monotonic() - started, polls
        if now != last:
            last, last_change = now, time.monotonic()
        # A loaded machine stalls the counters for seconds: only a minute without progress ends the wait.
        if time.monotonic() - last_change > 60 or time.monotonic() - started > seconds:
            return now, time.monotonic() - started, polls
        time.sleep(0.25)


# --- phases --------------------------------------------------------------------------------


def nginx_phase(args, env, work, query, store, runs):
    """Start the ingester and nginx once; for each (rate, browser version) of ``runs`` run wrk
    and wait until the ingester has counted what nginx answered."""
    if args.transport == "udp":
        address = f"127.0.0.1:{free_port(args.port + 5, args.port + 10)}"
        target = address
    else:
        address = str(work / "beacon.sock")
        target = f"unix:{address}"
    ingest_log = open(work / "ingester.log", "wb")
    # As deploy/vnportal-stats-ingest.service runs it: Nice=-5 (the counting process then
    # lowers itself to 0). Raising a priority needs root; otherwise it runs at 0 (and 5).
    nice = ["nice", "-n", "-5"] if os.geteuid() == 0 and args.nice else []
    ingester = subprocess.Popen(
        nice + [str(BIN / "vnportal"), "manage", "stats_ingest", "--socket", address, "--workers", str(args.workers)],
        env={**env, "LOG_LEVEL": "INFO"},
        stdout=ingest_log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    nginx = None
    results = []
    try:
        deadline = time.monotonic() + 120
        while "Counting beacons from" not in (work / "ingester.log").read_text():
            if ingester.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"stats_ingest did not start; see {work / 'ingester.log'}")
            time.sleep(0.2)
        port = free_port(args.port, args.port + 25)
        config = nginx_config(work, port, target)
        nginx = subprocess.Popen(
            [NGINX, "-p", str(work), "-c", str(config), "-e", str(work / "nginx-error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        wait_http(f"http://127.0.0.1:{port}/nginx_status", nginx, "nginx")
        named = re.search(r"receiver: pid (\d+)", (work / "ingester.log").read_text())
        processes = {"nginx workers": lambda: children(nginx.pid)}
        if named:
            receiver = int(named.group(1))
            processes["receiver"] = lambda: [receiver]
            processes["counters"] = lambda: [pid for pid in [ingester.pid, *children(ingester.pid)] if pid != receiver]
        else:  # an ingester of before its start line named the receiver
            processes["receiver + counters"] = lambda: [ingester.pid, *children(ingester.pid)]
        for rate, chrome in runs:
            before = totals(store)
            cpu_before = {name: sum(cpu_seconds(pid) for pid in pids()) for name, pids in processes.items()}
            cpu_before["Redis"] = redis_cpu(store)
            handled_before = nginx_requests(port)
            figures = run_wrk(f"http://127.0.0.1:{port}/api/stats/hit?{query}", args, chrome, work, rate)
            wrk_ended = time.monotonic()
            # What was counted while wrk ran: the counting rate under the load itself.
            figures["counted_during"] = delta(totals(store), before)["pageviews"] / args.duration
            answered = settled_requests(port) - handled_before
            # The backlog: how long after wrk stopped the last beacon was in the daily rows (read
            # every 0.25 s). Counting kept up when that is within KEPT_UP_SECONDS (the batch
            # linger and the flush are well within it).
            waited_from = time.monotonic()
            counted, drain, polls = wait_counted(store, before, answered, args.drain_timeout)
            drain += waited_from - wrk_ended
            figures["kept_up"] = drain <= KEPT_UP_SECONDS and counted["pageviews"] + counted["shed"] >= answered
            cpu = {name: sum(cpu_seconds(pid) for pid in pids()) - cpu_before[name] for name, pids in processes.items()}
            cpu["Redis"] = redis_cpu(store) - cpu_before["Redis"]
            results.append((rate, figures, answered, counted, drain))
            report_nginx(args, rate, figures, answered, counted, drain)
            report_cpu(cpu, answered)
            log(
                f"  (wrk itself, the load, not in the total: "
                f"{figures['wrk_cpu'] / max(answered, 1) * 1e6:.0f} µs a request)"
            )
    finally:
        stop(nginx, signal.SIGQUIT)
        stop(ingester)
        ingest_log.close()
    summary = re.findall(r"Beacon ingester stopped: .*", (work / "ingester.log").read_text())
    dropped = re.findall(r"Beacons shed.*", (work / "ingester.log").read_text())
    log(
        f"  ingester: {summary[-1] if summary else '(no summary in its log)'}"
        + (f"; {'; '.join(dropped)}" if dropped else "")
    )
    return results


def report_cpu(cpu, n):
    """CPU per beacon of each part, and what one core would take of the whole at that cost."""
    if not n:
        return
    parts = ", ".join(f"{name} {seconds / n * 1e6:.0f}" for name, seconds in cpu.items())
    total = sum(cpu.values()) / n
    log(
        f"  CPU per beacon (µs): {parts}; total {total * 1e6:.0f} µs => {1 / total:,.0f} beacons/s per core "
        f"(Redis: the whole server's CPU, other clients included)"
    )


def report_nginx(args, rate, figures, answered, counted, drain):
    connections = paced_connections(rate) if rate else args.connections
    mode = f"paced, offered {rate:,}/s on a fixed schedule" if rate else "unpaced (as fast as wrk can)"
    log(
        f"\n== nginx + stats_ingest, {mode}: wrk -t{args.threads} -c{connections} -d{args.duration}s, "
        f"{args.visitors} visitors; load average {os.getloadavg()[0]:.2f} =="
    )
    log(
        f"  offered/s: {f'{rate:,}' if rate else '-'}; sent/s (wrk): {figures['rps']:,.0f}; answered/s (nginx): "
        f"{answered / args.duration:,.0f}; counted/s while wrk ran: {figures['counted_during']:,.0f}; "
        f"backlog counted {drain:.2f} s after wrk stopped{' (kept up)' if figures['kept_up'] else ''}"
    )
    if rate and figures["rps"] < 0.95 * rate:
        log(
            f"  (wrk sent {figures['rps'] / rate:.0%} of the offered rate: its schedule fell behind, i.e. wrk or nginx "
            f"did not get the CPU, or all {connections} connections were waiting for answers)"
        )
    log(
        f"  latency p50 {figures['p50']:.2f} ms, p99 {figures['p99']:.2f} ms; non-2xx {figures['errors']}, "
        f"socket errors {figures['socket_errors']}"
    )
    lost = answered - counted["pageviews"] - counted["shed"]
    log(
        f"  sent (nginx answered) {answered:,} vs counted {counted['pageviews']:,} page views "
        f"(+ shed, counted as shed, {counted['shed']:,}); lost silently {lost:,}; "
        f"{counted['visits']:,} visits, {counted['views']:,} article views, {counted['excluded']:,} excluded"
    )
    ok = counted["pageviews"] == answered and counted["visits"] == args.visitors == counted["views"]
    if ok:
        verdict = "OK: every beacon counted, one visit and one article view per visitor"
    elif lost > 0:
        verdict = "NO, SOME LOST SILENTLY"
    elif lost < 0:
        verdict = "NO, MORE COUNTED THAN NGINX ANSWERED"
    else:
        verdict = "every beacon counted or counted as shed"
    log("  => " + verdict)


def django_phase(args, env, work, query, store):
    port = free_port(args.port + 25, args.port + 50)
    app_log = open(work / "gunicorn.log", "wb")
    app = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "vnportal.wsgi:application",
            "-k",
            "gthread",
            "-w",
            str(args.app_workers),
            "--threads",
            str(args.app_threads),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=app_log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/api/stats/", app, "gunicorn")
        # Warm every worker up (imports, URL resolver, the crawler list's regular expressions),
        # with other visitors: the measured run meets fresh visitors, as nginx's did.
        run_wrk(
            f"http://127.0.0.1:{port}/api/stats/hit?{query}",
            argparse.Namespace(**{**vars(args), "duration": 3}),
            "123.0.6312",
            work,
        )
        time.sleep(1)
        before = totals(store)
        cpu_before = sum(cpu_seconds(pid) for pid in children(app.pid)), redis_cpu(store)
        figures = run_wrk(f"http://127.0.0.1:{port}/api/stats/hit?{query}", args, "125.0.6422", work)
        counted, _, _ = wait_counted(store, before, figures["completed"], 30)
        cpu = {
            "gunicorn workers": sum(cpu_seconds(pid) for pid in children(app.pid)) - cpu_before[0],
            "Redis": redis_cpu(store) - cpu_before[1],
        }
    finally:
        stop(app)
        app_log.close()
    return figures, counted, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""), help="the Redis of the counter store")
    parser.add_argument("--database-url", default="", help="default: SQLite in a throw-away data directory")
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per phase")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections")
    parser.add_argument("--visitors", type=int, default=2000, help="distinct User-Agents (visitors) per phase")
    parser.add_argument("--app-workers", type=int, default=(os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--app-threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument(
        "--port", type=int, default=8750, help="first port to try (nginx; the UDP socket from +5; gunicorn from +25)"
    )
    parser.add_argument("--transport", choices=("udp", "unix"), default="udp", help="how nginx hands lines over")
    parser.add_argument("--workers", type=int, default=2, help="counting processes of stats_ingest")
    parser.add_argument("--drain-timeout", type=int, default=300, help="seconds to wait for the ingester")
    parser.add_argument(
        "--qlen",
        type=int,
        default=0,
        help="set net.unix.max_dgram_qlen to this for the run (root; restored after), as "
        "deploy/sysctl/60-vnportal-beacon.conf does in production",
    )
    parser.add_argument(
        "--rate",
        type=int,
        default=16000,
        help="first an nginx run offering this many requests/s on a fixed schedule (rate x 0.2 s connections; "
        "0: skip it), then one unpaced; the default is a margin over the 15,000/s target",
    )
    parser.add_argument("--skip-baseline", action="store_true", help="only the nginx path")
    parser.add_argument("--skip-unpaced", action="store_true", help="only the paced nginx run")
    parser.add_argument(
        "--no-nice",
        dest="nice",
        action="store_false",
        help="run the ingester at this process's priority, not at the unit's Nice=-5",
    )
    args = parser.parse_args()
    for tool in (NGINX, WRK):
        if not os.path.exists(tool):
            raise SystemExit(f"{tool} is not installed")
    if not args.redis_url:
        raise SystemExit("--redis-url (or REDIS_URL) is required: production counts into Redis")

    work = Path(tempfile.mkdtemp(prefix="vnportal-beacon-bench-"))
    prefix = f"beacon-bench-{os.getpid()}"
    env = {
        **os.environ,
        "VNPORTAL_DATA_DIR": str(work / "data"),
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.base",
        "REDIS_URL": args.redis_url,
        "STATS_STORE": "redis",
        "CACHE_KEY_PREFIX": prefix,
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    old_qlen = int(Path(QLEN).read_text())
    log(f"vnportal beacon bench in {work}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    log("preparing the demo site …")
    subprocess.run([str(BIN / "vnportal"), "demo"], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    setup_django(
        {
            k: v
            for k, v in env.items()
            if k
            in (
                "VNPORTAL_DATA_DIR",
                "DJANGO_SETTINGS_MODULE",
                "REDIS_URL",
                "STATS_STORE",
                "CACHE_KEY_PREFIX",
                "DATABASE_URL",
                "ALLOWED_HOSTS",
                "LOG_LEVEL",
            )
        }
    )
    from vnportal.news.models import ArticlePage
    from vnportal.stats import capture
    from vnportal.stats.stores import make_store

    article = ArticlePage.objects.live().first()
    token = capture.page_token(article.get_site().pk, article.pk)
    query = urlencode({"t": token, "r": "https://www.google.com"})
    store = make_store("redis")
    try:
        if args.qlen and args.qlen != old_qlen:
            Path(QLEN).write_text(str(args.qlen))
        qlen = int(Path(QLEN).read_text())
        log(
            f"net.unix.max_dgram_qlen = {qlen}"
            + ("" if qlen >= 512 else "  (below 512: nginx will drop lines whenever the receiver falls 2 ms behind)")
        )
        runs = [(args.rate, "126.0.6478")] if args.rate else []
        if not args.skip_unpaced:
            runs.append((0, "124.0.6367"))
        results = nginx_phase(args, env, work, query, store, runs)
        if args.qlen and args.qlen != old_qlen:
            Path(QLEN).write_text(str(old_qlen))
        if not args.skip_baseline:
            log(
                f"\n== Django view on gunicorn -k gthread -w {args.app_workers} --threads {args.app_threads}: "
                f"same wrk load =="
            )
            base, base_counted, base_cpu = django_phase(args, env, work, query, store)
            log(
                f"  {base['rps']:,.0f} req/s, p50 {base['p50']:.2f} ms, p99 {base['p99']:.2f} ms, non-2xx "
                f"{base['errors']}, socket errors {base['socket_errors']}"
            )
            log(
                f"  wrk completed {base['completed']:,}; counted {base_counted['pageviews']:,} page views "
                f"(up to {args.connections} more than completed: requests in flight when wrk stopped)"
            )
            report_cpu(base_cpu, base_counted["pageviews"])
            fastest = results[-1][1]
            log(
                f"\n== nginx + stats_ingest / Django view: {fastest['rps'] / base['rps']:.1f}x the requests per "
                f"second; p99 {fastest['p99']:.2f} ms vs {base['p99']:.2f} ms =="
            )
        log(
            f"\ntarget: >= 15,000 beacons/s answered by nginx and counted while wrk ran (or all counted within "
            f"{KEPT_UP_SECONDS:.0f} s of wrk stopping), every one counted, none shed; load average "
            f"{os.getloadavg()[0]:.2f}:"
        )
        log("  run      offered/s  sent/s  answered/s  counted/s during  backlog s  sent      counted   shed  => ")
        for rate, figures, answered, counted, drain in results:
            accounted = counted["pageviews"] + counted["shed"] == answered
            answered_rate = answered / args.duration
            ok = answered_rate >= 15000 and counted["pageviews"] == answered and not counted["shed"]
            ok = ok and (figures["kept_up"] or figures["counted_during"] >= 15000)
            log(
                f"  {'paced' if rate else 'unpaced':8} {f'{rate:,}' if rate else '-':>9}  {figures['rps']:>6,.0f}  "
                f"{answered_rate:>10,.0f}  {figures['counted_during']:>16,.0f}  {drain:>9.2f}  {answered:>8,}  "
                f"{counted['pageviews']:>8,}  {counted['shed']:>4,}  "
                f"=> {'MET' if ok else 'NOT MET' if accounted else 'NOT MET, SOME LOST SILENTLY'}"
            )
    finally:
        if int(Path(QLEN).read_text()) != old_qlen:
            Path(QLEN).write_text(str(old_qlen))
        store.reset()
        for key in store.client.scan_iter(match=f"{prefix}:*", count=1000):
            store.client.delete(key)


if __name__ == "__main__":
    main()
