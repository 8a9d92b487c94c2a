#!/usr/bin/env python
"""Cold search and document-library benchmark (not a test): the page cache off, a ten-year portal.

For each profile it seeds --articles articles (bench/seed.py, after `vnportal demo`) and
--documents official documents (here, in bulk), starts one app server with
PAGE_CACHE_SECONDS=0, and measures with wrk (-t2 -c50 --latency) the library list
/van-ban/, its page 2, one document page, and search: one-, two- and three-syllable
queries with and without marks, and page 2 — each followed, in the same run, by nginx
serving the SAME bytes as a static file (the baseline). It prints req/s, p50, p99, the
ratio to static, and the load average (the machine is shared: compare ratios, not req/s).

* embedded: `vnportal run` (SQLite, local-memory cache) in --workdir/embedded;
* production: one gunicorn app server (deploy/gunicorn.conf.py, the production settings) on
  PostgreSQL (--postgres) and Redis (--redis), measured directly.

    PYTHONPATH=$PWD .venv/bin/python bench/search_cold.py --articles 20000 --documents 10000
    PYTHONPATH=$PWD .venv/bin/python bench/search_cold.py --skip-seed --profiles production
    PYTHONPATH=$PWD .venv/bin/python bench/search_cold.py --skip-seed --uncached   # every request a new query

``--uncached`` sends each request with a different (unused) filter value, so the results cache
never answers: what a search costs the database and Python when nobody asked it before.

Only 127.0.0.1 is contacted, on ports 8880-8889. The PostgreSQL database named is dropped and
re-created and the Redis database flushed unless --skip-seed is given: name scratch ones.
Needs wrk and nginx. Every process it starts is stopped when it ends.
"""

import argparse
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import site_bench as sb  # noqa: E402  (process, wrk and nginx helpers)

ROOT = sb.ROOT
BIN = sb.BIN
sb.PORTS.update({"embedded": 8880, "app_a": 8881, "app_b": 8882, "nginx": 8883, "static": 8884})

QUERIES = [
    ("search 1 syl", "dang"),
    ("search 1 syl marks", "Đảng"),
    ("search 2 syl", "dang bo"),
    ("search 2 syl b", "ky niem"),
    ("search 2 syl marks", "Đảng bộ"),
    ("search 3 syl", "dang bo tinh"),
    ("search 3 syl marks", "Đảng bộ tỉnh"),
    ("search p2", "dang bo&trang=2"),
    ("search rare", "khanh thanh cau"),
]


DOC_TYPES = ("Nghị quyết", "Quyết định", "Chỉ thị", "Kế hoạch", "Thông báo", "Công văn")
ISSUERS = ("Tỉnh ủy", "HĐND tỉnh", "UBND tỉnh", "Ban Tuyên giáo", "Sở Nội vụ")
FIELDS = ("Kinh tế", "Xã hội", "Văn hóa", "Quốc phòng - An ninh")
SYNTHETIC_BASE = 10_000_000  # object ids of synthetic index rows: beyond every real page


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _sentence(rng, words):
    from seed import FILLERS, WORDS

    text = " ".join(rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILLERS) for _ in range(words))
    return text[0].upper() + text[1:]


def child_documents(count):
    """Documents of the default site in bulk, with their search entries (what indexing writes)."""
    import datetime
    import random

    _django()
    from django.db import transaction
    from wagtail.models import Site

    from vnportal.core.localtime import make_local
    from vnportal.library import library_cache
    from vnportal.library.models import Document, DocumentField, DocumentType, Issuer
    from vnportal.search import results_cache
    from vnportal.search.models import IndexEntry
    from vnportal.search.normalise import exact_form, folded_form, normalise_number

    rng = random.Random(7)
    site = Site.objects.get(is_default_site=True)
    types = [DocumentType.objects.get_or_create(name=name)[0] for name in DOC_TYPES]
    issuers = [Issuer.objects.get_or_create(name=name)[0] for name in ISSUERS]
    fields = [DocumentField.objects.get_or_create(name=name)[0] for name in FIELDS]
    have = Document.objects.filter(number__startswith="B").count()
    started = time.monotonic()
    today = datetime.date.today()
    for start in range(have, count, 1000):
        documents = []
        for i in range(start, min(start + 1000, count)):
            doc_type = types[i % len(types)]
            number = f"B{i}/{2000 + i % 25}/{doc_type.name[:2].upper()}"
            documents.append(
                Document(
                    site=site,
                    number=number,
                    number_normalised=normalise_number(number),
                    summary=_sentence(rng, rng.randint(10, 25)),
                    doc_type=doc_type,
                    issuer=issuers[i % len(issuers)],
                    field=fields[i % len(fields)],
                    issued_on=today - datetime.timedelta(days=i // 3),
                    signer_name="Nguyễn Văn A",
                    content=". ".join(_sentence(rng, 15) for _ in range(rng.randint(1, 4))),
                )
            )
        with transaction.atomic():
            documents = Document.objects.bulk_create(documents)
            entries = []
            for document in documents:
                title = document.search_title()
                body = document.search_text()
                entries.append(
                    IndexEntry(
                        kind="document",
                        object_id=document.pk,
                        title=title,
                        body=body,
                        title_exact=exact_form(title),
                        body_exact=exact_form(body),
                        title_folded=folded_form(title),
                        body_folded=folded_form(body),
                        number=document.number_normalised,
                        site=site,
                        date=make_local(datetime.datetime.combine(document.issued_on, datetime.time())),
                        section_title=document.doc_type.name,
                        url=document.get_absolute_url(),
                    )
                )
            IndexEntry.objects.bulk_create(entries)
        print(f"  {start + len(documents)} documents ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    results_cache.forget_all()
    library_cache.forget_all()
    last = Document.objects.filter(is_public=True).order_by("-issued_on", "-pk").first()
    print(Document.objects.count(), last.pk if last else 0)


def child_index(rows):
    """Synthetic article rows in the search index until it holds ``rows`` (kind "article", object
    ids beyond every real page): the search at a ten-year portal's size when seeding that many real
    articles would take longer than the machine allows. Real articles stay in the results (they are
    newer); a synthetic result has no page behind it, so no thumbnail."""
    import datetime
    import random

    _django()
    from django.utils import timezone
    from seed import FILLERS, WORDS
    from wagtail.models import Site

    from vnportal.search import results_cache
    from vnportal.search.models import IndexEntry
    from vnportal.search.normalise import exact_form, folded_form

    # Each word normalised once: a row's three forms are then joins, not per-character work.
    vocabulary = [(w, exact_form(w), folded_form(w)) for w in WORDS]
    fillers = [(w, exact_form(w), folded_form(w)) for w in FILLERS]

    def text(rng, sentences, low, high):
        raw, exact, folded = [], [], []
        for _ in range(sentences):
            words = [
                rng.choice(vocabulary) if rng.random() < 0.6 else rng.choice(fillers)
                for _ in range(rng.randint(low, high))
            ]
            raw.append(" ".join(w[0] for w in words).capitalize() + ".")
            exact += [w[1] for w in words]
            folded += [w[2] for w in words]
        return " ".join(raw), " ".join(exact), " ".join(folded)

    rng = random.Random(11)
    site = Site.objects.get(is_default_site=True)
    have = IndexEntry.objects.filter(kind="article", object_id__gte=SYNTHETIC_BASE).count()
    need = rows - IndexEntry.objects.count()
    oldest = IndexEntry.objects.order_by("date").values_list("date", flat=True).first() or timezone.now()
    started = time.monotonic()
    for start in range(0, max(0, need), 2000):
        batch = []
        for i in range(have + start, have + min(start + 2000, need)):
            title, title_exact, title_folded = text(rng, 1, 7, 13)
            body, body_exact, body_folded = text(rng, rng.randint(6, 15), 12, 24)
            batch.append(
                IndexEntry(
                    kind="article",
                    object_id=SYNTHETIC_BASE + i,
                    title=title,
                    body=body,
                    title_exact=title_exact,
                    body_exact=body_exact,
                    title_folded=title_folded,
                    body_folded=body_folded,
                    date=oldest - datetime.timedelta(minutes=97 * (i + 1)),
                    section_title="Tin tức - Sự kiện",
                    site=site,
                    url=f"/tin-tuc-su-kien/luu-tru-{i}/",
                )
            )
        IndexEntry.objects.bulk_create(batch)
        done = have + start + len(batch)
        print(f"  {done} synthetic index rows ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    results_cache.forget_all()
    print(IndexEntry.objects.count())


def _child(env, what, count, log_dir):
    command = [sys.executable, str(Path(__file__).resolve()), "--child", what, "--count", str(count)]
    with open(log_dir / "seed.log", "ab") as log:
        result = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=log)
    if result.returncode != 0:
        sys.exit(f"seeding {what} failed; see {log_dir / 'seed.log'}")
    return [int(word) for word in result.stdout.decode().split()]


def seed_documents(env, documents, log_dir):
    count, last = _child(env, "documents", documents, log_dir)
    return count, last


def top_up_index(env, rows, log_dir):
    return _child(env, "index", rows, log_dir)[-1] if rows else 0


def setup(profile, args, workdir):
    data = workdir / profile
    if profile == "embedded":
        env = sb.base_env(data)
        env["DJANGO_SETTINGS_MODULE"] = "vnportal.settings.base"
    else:
        env = sb.production_env(args, data)
        env["VNPORTAL_PUBLIC_URL"] = f"http://127.0.0.1:{sb.PORTS['app_a']}"
    env["PAGE_CACHE_SECONDS"] = "0"  # cold: every request renders
    if not args.skip_seed and not args.keep:
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        if profile == "production":
            sb.reset_postgres(args.postgres)
            sb.flush_redis(args.redis)
    if not args.skip_seed and not args.keep:
        sb.run([str(BIN / "vnportal"), "demo"], env, f"vnportal demo ({profile})")
    started = time.monotonic()
    info = sb.seed(env, args.articles, args.skip_seed, workdir)
    info["documents"], info["document_id"] = seed_documents(env, 0 if args.skip_seed else args.documents, workdir)
    info["index_rows"] = top_up_index(env, 0 if args.skip_seed else args.index_rows, workdir)
    if not args.skip_seed:
        print(
            f"  {info['documents']:,} documents, {info['index_rows']:,} search index rows; "
            f"seeding took {time.monotonic() - started:.0f} s",
            flush=True,
        )
    log = workdir / f"{profile}.log"
    if profile == "embedded":
        command = [str(BIN / "vnportal"), "run", "--host", "127.0.0.1", "--port", str(sb.PORTS["embedded"])]
        app = sb.start(command + ["--no-demo"], env, log)
        port = sb.PORTS["embedded"]
    else:
        sb.run([str(BIN / "vnportal"), "manage", "collectstatic", "--noinput", "-v0"], env, "collectstatic")
        port = sb.PORTS["app_a"]
        app = sb.start(
            [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
            {**env, "GUNICORN_PORT": str(port)},
            log,
        )
    sb.wait_http(port, log, app)
    return info, port


def start_static(workdir):
    prefix = workdir / "nginx"
    shutil.rmtree(prefix, ignore_errors=True)
    baseline = workdir / "baseline"
    baseline.mkdir(exist_ok=True)
    conf = f"""daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp;
    proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp;
    uwsgi_temp_path {prefix}/tmp;
    scgi_temp_path {prefix}/tmp;
{sb.nginx_local.static_server(sb.PORTS["static"], baseline)}}}
"""
    (prefix / "tmp").mkdir(parents=True)
    (prefix / "nginx.conf").write_text(conf)
    process = sb.start(
        ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")], os.environ.copy(), prefix / "out"
    )
    if not sb.nginx_local.wait_for_port(sb.PORTS["static"], timeout=20):
        sys.exit("nginx (static baseline) did not start")
    return process, baseline


def targets(info):
    rows = [
        ("library", "/van-ban/"),
        ("library p2", "/van-ban/?trang=2"),
        ("document", f"/van-ban/{info['document_id']}/"),
    ]
    rows += [(name, "/tim-kiem/?q=" + urllib.parse.quote_plus(query, safe="&=")) for name, query in QUERIES]
    return rows


def uncached_lua(workdir):
    """Each request a never-seen cache key: a "from date" filter that changes every time (and keeps
    every result: 1900-1999), on page 1 or 2. Filtered searches are the costlier kind."""
    path = Path(workdir) / "uncached.lua"
    path.write_text(
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local d = string.format('%02d%%2F%02d%%2F%d',\n"
        "    1 + n % 28, 1 + math.floor(n / 28) % 12, 1900 + math.floor(n / 336) % 100)\n"
        '  return wrk.format(nil, wrk.path .. "&date_from=" .. d .. "&trang=" .. (1 + n % 2))\n'
        "end\n"
    )
    return str(path)


def measure(profile, port, info, args, workdir, baseline):
    rows = []
    lua = uncached_lua(workdir) if args.uncached else None
    for page, path in targets(info):
        if args.only and not any(word in page for word in args.only.split(",")):
            continue
        if lua and not page.startswith("search"):
            continue
        sb.warm(port, path, None, args, None)
        status, headers, body = sb.fetch(port, path)
        if status != 200:
            sys.exit(f"{profile}: {path} answered {status}")
        name = f"{profile}-{page.replace(' ', '-')}.html"
        (baseline / name).write_bytes(body)
        result = sb.wrk(f"http://127.0.0.1:{port}{path}", args.duration, args.connections, args.threads, lua)
        static_url = f"http://127.0.0.1:{sb.PORTS['static']}/{name}"
        sb.wrk(static_url, args.warmup, args.connections, args.threads)
        static = sb.wrk(static_url, args.duration, args.connections, args.threads)
        row = {
            "page": page,
            "profile": profile + (" uncached" if lua else ""),
            "path": path,
            "bytes": len(body),
            **result,
            "static_rps": static["rps"],
            "ratio": 100.0 * result["rps"] / static["rps"],
            "load": sb.load_average(),
        }
        rows.append(row)
        print(
            f"{page:<20} {row['profile']:<20} {len(body):>7} {result['rps']:>8.1f} {result['p50']:>8.1f} "
            f"{result['p99']:>8.1f} {static['rps']:>9.0f} {row['ratio']:>7.3f} {result['errors']:>6}  {row['load']}",
            flush=True,
        )
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", default="embedded,production")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--index-rows", type=int, default=0, help="top the search index up to this many rows")
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--keep", action="store_true", help="seed on top of what an earlier run left (no demo)")
    parser.add_argument("--seed-only", action="store_true", help="seed, then stop")
    parser.add_argument("--uncached", action="store_true", help="search only, a new cache key per request")
    parser.add_argument("--only", default="", help="comma-separated words: measure only pages whose name has one")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "vnportal-searchlib-bench"))
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/vnportal_searchlib_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--app-workers", type=int, default=2)
    parser.add_argument("--app-threads", type=int, default=4)
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--child", choices=["documents", "index"], help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        (child_documents if args.child == "documents" else child_index)(args.count)
        return
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    atexit.register(sb.stop_all)
    rows = []
    static = None
    for profile in [p for p in args.profiles.split(",") if p]:
        print(f"== {profile}: load {sb.load_average()}", flush=True)
        info, port = setup(profile, args, workdir)
        if args.seed_only:
            sb.stop_all()
            continue
        if static is None:
            static = start_static(workdir)
        print(f"   {info['articles']:,} articles, {info['documents']:,} documents", flush=True)
        print(
            f"{'page':<20} {'profile':<20} {'bytes':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'static':>9} "
            f"{'ratio%':>7} {'errors':>6}  load",
            flush=True,
        )
        rows += measure(profile, port, info, args, workdir, static[1])
        for process in list(sb._processes):
            if process is not static[0]:
                sb.stop(process)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
