#!/usr/bin/env python
"""Votes per second through the real stack (gunicorn + Django), with exact final tallies.

For each database (SQLite always; PostgreSQL when --postgres URL is given) it:
  1. migrates a scratch database and creates one open poll (results always visible);
  2. starts `vnportal run` on 127.0.0.1 (no demo, no scheduler);
  3. baseline: reads GET /api/polls/<id>/ as fast as the same clients can;
  4. casts --votes votes from that many distinct guests (distinct User-Agent, no
     cookies kept) with --concurrency threads, each vote a CSRF-checked form POST;
  5. reads the tally back from the API and checks it against what was sent.

Traffic goes to 127.0.0.1 only; counts and a time cap bound every phase.

    .venv/bin/python bench/polls_bench.py [--votes 2000] [--concurrency 8] [--workers 3]
        [--postgres postgres://postgres@127.0.0.1:5432/vnportal_polls]
"""

import argparse
import http.client
import json
import os
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

CREATE_POLL = """
import datetime
from django.utils import timezone
from vnportal.polls.models import Choice, Poll
now = timezone.now()
poll = Poll.objects.create(question="Bench", opens_at=now - datetime.timedelta(hours=1),
    closes_at=now + datetime.timedelta(hours=2), published=True, results_visibility="always")
for i, text in enumerate(["A", "B", "C", "D"]):
    Choice.objects.create(poll=poll, text=text, sort_order=i)
print(poll.pk)
"""


def run_manage(env, *args, capture=False):
    return subprocess.run(
        [VNPORTAL, "manage", *args], env=env, cwd=ROOT, check=True, text=True, capture_output=capture
    ).stdout


def wait_ready(port, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the server exited early")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/binh-chon/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def csrf_pair(port, poll_id):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", f"/binh-chon/{poll_id}/")
    response = conn.getresponse()
    response.read()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("csrftoken="):
            return value.split(";", 1)[0].split("=", 1)[1]
    raise RuntimeError("no CSRF cookie")


def parallel(count, concurrency, job):
    """Run job(i, conn) for i in range(count) from `concurrency` threads with keep-alive connections."""
    counter = iter(range(count))
    lock = threading.Lock()
    results = []
    deadline = time.monotonic() + TIME_CAP

    def worker(port):
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
                results.append(outcome)
        conn.close()

    threads = [threading.Thread(target=worker, args=(job.port,)) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - started


def bench_one(label, database_url, args, port):
    data_dir = tempfile.mkdtemp(prefix="vnportal-bench-")
    env = {
        **os.environ,
        "VNPORTAL_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.base",
        "POLL_IP_RATE_LIMIT": "0",
        "DEBUG": "0",
    }
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    run_manage(env, "migrate", "--verbosity", "0")
    poll_id = int(run_manage(env, "shell", "-c", CREATE_POLL, capture=True).strip().splitlines()[-1])
    out = open(Path(data_dir) / "server.log", "w")
    server = subprocess.Popen(
        [VNPORTAL, "run", "--no-demo", "--no-scheduler", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        cwd=ROOT,
        stdout=out,
        stderr=out,
    )
    try:
        wait_ready(port, server)
        token = csrf_pair(port, poll_id)
        choice_ids = [c["id"] for c in get_json(port, f"/api/polls/{poll_id}/")["choices"]]

        def read(i, conn):
            conn.request("GET", f"/api/polls/{poll_id}/")
            response = conn.getresponse()
            response.read()
            return response.status

        read.port = port

        def vote(i, conn):
            body = urllib.parse.urlencode({"choice": choice_ids[i % len(choice_ids)], "csrfmiddlewaretoken": token})
            conn.request(
                "POST",
                f"/binh-chon/{poll_id}/vote/",
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                    "Cookie": f"csrftoken={token}",
                    "User-Agent": f"bench-voter-{i}",
                    "Referer": f"http://127.0.0.1:{port}/",
                },
            )
            response = conn.getresponse()
            response.read()
            return response.status

        vote.port = port

        reads, read_time = parallel(args.votes, args.concurrency, read)
        votes, vote_time = parallel(args.votes, args.concurrency, vote)
        final = get_json(port, f"/api/polls/{poll_id}/")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        out.close()

    accepted = votes.count(200)
    sent_per_choice = dict.fromkeys(choice_ids, 0)
    for i in range(len(votes)):
        sent_per_choice[choice_ids[i % len(choice_ids)]] += 1
    tallied = {c["id"]: c["votes"] for c in final["choices"]}
    exact = final["voters"] == accepted == len(votes) and tallied == sent_per_choice
    reads_ps = reads.count(200) / read_time
    votes_ps = accepted / vote_time
    print(f"[{label}] baseline reads: {reads.count(200)}/{len(reads)} OK in {read_time:.2f}s = {reads_ps:.0f} req/s")
    print(
        f"[{label}] votes: {accepted}/{len(votes)} accepted in {vote_time:.2f}s = {votes_ps:.0f} votes/s"
        f" (ratio to reads: {votes_ps / reads_ps:.2f})"
    )
    print(
        f"[{label}] final tally: voters={final['voters']} per choice={list(tallied.values())}"
        f" expected={list(sent_per_choice.values())} -> {'EXACT' if exact else 'MISMATCH'}"
    )
    other = sorted({s for s in votes if s != 200})
    if other:
        print(f"[{label}] non-200 vote answers: {other}")
    return exact


def get_json(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept": "application/json"})
    response = conn.getresponse()
    return json.loads(response.read())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--votes", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--postgres", default="", help="PostgreSQL URL to bench as well")
    args = parser.parse_args()
    print(f"polls bench: {args.votes} votes, {args.concurrency} client threads, {args.workers} gunicorn workers")
    ok = bench_one("SQLite", "", args, args.port)
    if args.postgres:
        ok = bench_one("PostgreSQL", args.postgres, args, args.port + 1) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
