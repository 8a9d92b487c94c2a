#!/usr/bin/env python
"""Hỏi đáp submissions through the real stack (gunicorn + Django): 200 at once, each stored exactly once.

For each database (SQLite always; PostgreSQL when --postgres URL is given) it:
  1. migrates a scratch database and creates one field (lĩnh vực);
  2. starts `vnportal run` on 127.0.0.1 (no demo, no scheduler);
  3. baseline: reads GET /hoi-dap/ (the cached public list) as fast as the same clients can;
  4. prepares --submissions clients, each with its own CSRF cookie, the form's signed issue
     time and a solved proof of work (the `altcha` library, as the browser widget does);
  5. sends all the submissions at the same moment (a barrier), one thread each, and reads
     back the tracking code every answer page shows;
  6. counts in the database: rows, distinct codes, each title exactly once, the codes the
     pages showed equal to the stored ones, one "received" e-mail per row in the outbox.

The anti-abuse guard runs as in production except its per-address limit (every bench client
is 127.0.0.1) and its minimum fill time (the clients are prepared before the burst).
Traffic goes to 127.0.0.1 only; counts and a time cap bound every phase.

    .venv/bin/python bench/questions_bench.py [--submissions 200] [--workers 3]
        [--postgres postgres://postgres@127.0.0.1:5432/vnportal_questions_bench]
"""

import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNPORTAL = str(Path(sys.executable).with_name("vnportal"))
TIME_CAP = 180  # seconds for the burst, whatever the count
POW_COST = 200  # the bench solves every challenge in this process: cheap, but the same check

CREATE_FIELD = """
from vnportal.questions.models import QuestionField
print(QuestionField.objects.create(name="Giáo dục - Đào tạo").pk)
"""

COUNT = """
import json
from vnportal.questions.models import Event, OutgoingEmail, Question
rows = list(Question.objects.values_list("title", "code", "held"))
print(json.dumps({
    "rows": len(rows),
    "titles": [t for t, _, _ in rows],
    "codes": [c for _, c, _ in rows],
    "held": sum(1 for *_, h in rows if h),
    "events": Event.objects.filter(status="received").count(),
    "emails": OutgoingEmail.objects.count(),
}))
"""

CODE = re.compile(rb'data-tracking-code="([A-Z0-9]{5})-([A-Z0-9]{5})"')
HIDDEN = re.compile(rb'name="(guard_issued|csrfmiddlewaretoken)" value="([^"]+)"')
CHALLENGE = re.compile(rb'challenge="([^"]+)"')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_manage(env, *args, capture=False):
    return subprocess.run(
        [VNPORTAL, "manage", *args], env=env, cwd=ROOT, check=True, text=True, capture_output=capture
    ).stdout


def wait_ready(port, proc, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the server exited early")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/hoi-dap/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def prepare(port):
    """One client as a browser is after showing the form: cookie, hidden values, solved work."""
    import html

    import altcha

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/hoi-dap/gui/")
    response = conn.getresponse()
    body = response.read()
    cookie = next(
        v.split(";", 1)[0] for h, v in response.getheaders() if h.lower() == "set-cookie" and v.startswith("csrftoken=")
    )
    conn.close()
    hidden = {name.decode(): value.decode() for name, value in HIDDEN.findall(body)}
    challenge = altcha.Challenge.from_dict(json.loads(html.unescape(CHALLENGE.search(body).group(1).decode())))
    solution = altcha.solve_challenge(challenge, timeout=30)
    hidden["altcha"] = altcha.Payload(challenge, solution).to_base64()
    return cookie, hidden


def burst(port, clients, field_id, run_id):
    """Every prepared client posts at the same moment; returns [(title, status, code or None)]."""
    results, lock = [], threading.Lock()
    start = threading.Barrier(len(clients))
    deadline = time.monotonic() + TIME_CAP

    def send(i, cookie, hidden):
        title = f"Bench {run_id} câu hỏi số {i}"
        data = {
            **hidden,
            "kind": "question",
            "name": f"Người gửi {i}",
            "email": f"nguoi{i}@example.invalid",
            "field": field_id,
            "title": title,
            "content": "Xin hỏi lịch thi tuyển sinh lớp 10 năm nay như thế nào ạ?",
            "name_shown": "initials",
            "consent": "on",
            "website": "",
        }
        body = urllib.parse.urlencode(data)
        start.wait()
        outcome = (title, "timeout", None)
        if time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request(
                    "POST",
                    "/hoi-dap/gui/",
                    body=body,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": cookie,
                        "Referer": f"http://127.0.0.1:{port}/hoi-dap/gui/",
                        "User-Agent": f"bench-asker-{i}",
                    },
                )
                response = conn.getresponse()
                page = response.read()
                found = CODE.search(page)
                outcome = (title, response.status, (found.group(1) + found.group(2)).decode() if found else None)
                conn.close()
            except (OSError, http.client.HTTPException) as exc:
                outcome = (title, type(exc).__name__, None)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=send, args=(i, *client)) for i, client in enumerate(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - started


def baseline(port, count, concurrency=8):
    counter, lock = iter(range(count)), threading.Lock()
    ok = []

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            conn.request("GET", "/hoi-dap/")
            response = conn.getresponse()
            response.read()
            with lock:
                ok.append(response.status == 200)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(ok), time.perf_counter() - started


def bench_one(label, database_url, args):
    data_dir = tempfile.mkdtemp(prefix="vnportal-bench-")
    env = {
        **os.environ,
        "VNPORTAL_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.base",
        "DEBUG": "0",
        "GUARD_RATE_LIMIT": "1000000",  # every bench client is 127.0.0.1
        "GUARD_MIN_FILL_SECONDS": "0",  # the clients were prepared before the burst
        "GUARD_POW_COST": str(POW_COST),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    run_manage(env, "migrate", "--verbosity", "0")
    field_id = run_manage(env, "shell", "-c", CREATE_FIELD, capture=True).strip().splitlines()[-1]
    port = free_port()
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
        reads, read_time = baseline(port, args.submissions)
        prep_started = time.perf_counter()
        clients = [prepare(port) for _ in range(args.submissions)]
        prep_time = time.perf_counter() - prep_started
        results, burst_time = burst(port, clients, field_id, uuid.uuid4().hex[:6])
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        out.close()
    stored = json.loads(run_manage(env, "shell", "-c", COUNT, capture=True).strip().splitlines()[-1])

    ok = [r for r in results if r[1] == 200 and r[2]]
    shown = {title: code for title, _, code in ok}
    stored_by_title = dict(zip(stored["titles"], stored["codes"], strict=True))
    checks = {
        "every submission answered 200 with a code": len(ok) == args.submissions,
        "rows stored": stored["rows"] == args.submissions,
        "each title exactly once": len(set(stored["titles"])) == len(stored["titles"]) == args.submissions,
        "distinct codes": len(set(stored["codes"])) == args.submissions,
        "shown code = stored code": all(stored_by_title.get(t) == c for t, c in shown.items()),
        "one 'received' history row each": stored["events"] == args.submissions,
        "one e-mail queued each": stored["emails"] == args.submissions,
        "none held (all had the proof of work)": stored["held"] == 0,
    }
    reads_ps = reads / read_time
    subs_ps = len(ok) / burst_time
    print(f"[{label}] baseline GET /hoi-dap/: {reads} OK in {read_time:.2f}s = {reads_ps:.0f} req/s")
    print(f"[{label}] prepared {len(clients)} clients (form, cookie, proof of work) in {prep_time:.1f}s")
    print(
        f"[{label}] {args.submissions} simultaneous submissions: {len(ok)} stored in {burst_time:.2f}s"
        f" = {subs_ps:.1f} submissions/s (ratio to cached reads: {subs_ps / reads_ps:.3f})"
    )
    print(
        f"[{label}] database: rows={stored['rows']} distinct codes={len(set(stored['codes']))}"
        f" history={stored['events']} e-mails={stored['emails']} held={stored['held']}"
    )
    other = sorted({str(r[1]) for r in results if r[1] != 200})
    if other:
        print(f"[{label}] other answers: {other}")
    for name, passed in checks.items():
        print(f"[{label}]   {'OK  ' if passed else 'FAIL'} {name}")
    return all(checks.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--postgres", help="also run against this PostgreSQL database URL (it is migrated)")
    args = parser.parse_args()
    ok = bench_one("sqlite", None, args)
    if args.postgres:
        ok = bench_one("postgresql", args.postgres, args) and ok
    print("RESULT:", "all stored exactly once with unique codes" if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
