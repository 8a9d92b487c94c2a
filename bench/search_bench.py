"""Search benchmark: ranked Vietnamese search against a plain icontains scan.

Builds N synthetic Vietnamese articles (default 100,000) straight into the search
index table of a scratch database, then times 1-, 2- and 3-syllable queries
(half typed with diacritics, half without) through ``vnportal.search.backends``
— what /tim-kiem/ runs: the count and the first page of 10 — and, in the same
run, a plain ``icontains`` scan over title and text returning the same count and
first page (the baseline). Prints p50/p95 in milliseconds and the ratio.

    .venv/bin/python bench/search_bench.py                      # SQLite (scratch file)
    .venv/bin/python bench/search_bench.py --postgres postgres://postgres@127.0.0.1:5432/vnportal_search
    .venv/bin/python bench/search_bench.py --articles 20000 --queries 20

Only 127.0.0.1 is contacted; every phase is bounded by the counts given. The
PostgreSQL database named must be a scratch one: its search index table is emptied.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Our own vocabulary: common two-syllable words of public-administration news.
WORDS = """đại hội|đảng bộ|ban chấp hành|nghị quyết|chỉ thị|quyết định|kế hoạch|triển khai|thực hiện|nhiệm vụ|
giải pháp|phát triển|kinh tế|xã hội|văn hóa|giáo dục|y tế|an ninh|quốc phòng|trật tự|nông thôn|nông nghiệp|
công nghiệp|du lịch|đầu tư|doanh nghiệp|người dân|cán bộ|đảng viên|cơ sở|huyện|xã|phường|thị trấn|tỉnh ủy|
ủy ban|hội đồng|nhân dân|mặt trận|tổ quốc|thanh niên|phụ nữ|cựu chiến binh|nông dân|công đoàn|chuyển đổi số|
dịch vụ công|trực tuyến|cải cách|hành chính|thủ tục|môi trường|tài nguyên|đất đai|giao thông|công trình|
khởi công|khánh thành|hoàn thành|tiến độ|chất lượng|hiệu quả|kiểm tra|giám sát|tuyên truyền|học tập|
tư tưởng|đạo đức|phong cách|thi đua|khen thưởng|tổng kết|sơ kết|hội nghị|hội thảo|tọa đàm|lễ hội|truyền thống|
di tích|bảo tồn|giảm nghèo|bền vững|an sinh|hỗ trợ|hộ nghèo|thiên tai|bão lũ|phòng chống|dịch bệnh|sức khỏe|
hòa bình|thủy lợi|khoa học|công nghệ|đổi mới|sáng tạo|hợp tác|quốc tế|đối ngoại|biên giới|lực lượng|vũ trang|
công an|quân sự|dân quân|tự vệ|năm học|học sinh|giáo viên|trường học|bệnh viện|bác sĩ|thuốc|ngân sách|thuế|
xuất khẩu|sản xuất|thị trường|giá cả|lúa gạo|chè|cà phê|rừng|biển|đảo|sông|cầu|đường|điện|nước sạch""".replace("\n", "")
WORDS = [w.strip() for w in WORDS.split("|") if w.strip()]
FILLERS = [
    "và",
    "của",
    "cho",
    "với",
    "trong",
    "các",
    "những",
    "đã",
    "đang",
    "sẽ",
    "được",
    "theo",
    "về",
    "tại",
    "năm",
    "ngày",
    "tháng",
    "mới",
    "nhiều",
    "tiếp tục",
    "tăng cường",
    "nâng cao",
    "đẩy mạnh",
]


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILLERS) for _ in range(words))


def child(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vnportal.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q
    from django.utils import timezone

    from vnportal.core.text import fold
    from vnportal.search.backends import search
    from vnportal.search.models import IndexEntry
    from vnportal.search.normalise import exact_form, folded_form

    call_command("migrate", verbosity=0)
    rng = random.Random(42)
    started = time.perf_counter()
    reuse = args.reuse and IndexEntry.objects.count() == args.articles
    if not reuse:
        IndexEntry.objects.all().delete()
    now = timezone.now()
    batch = []
    for number in range(0 if reuse else args.articles):
        title = sentence(rng, rng.randint(6, 12)).capitalize()
        body = ". ".join(sentence(rng, rng.randint(12, 20)).capitalize() for _ in range(rng.randint(3, 6))) + "."
        batch.append(
            IndexEntry(
                kind="article",
                object_id=number + 1,
                title=title,
                body=body,
                title_exact=exact_form(title),
                body_exact=exact_form(body),
                title_folded=folded_form(title),
                body_folded=folded_form(body),
                date=now - timezone.timedelta(minutes=number),
                url=f"/bai-viet/{number + 1}/",
            )
        )
        if len(batch) == 2000:
            IndexEntry.objects.bulk_create(batch)
            batch = []
    if batch:
        IndexEntry.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_indexentry")
    build_seconds = time.perf_counter() - started

    query_rng = random.Random(7)  # its own generator: the same queries whether the index was built or reused

    def make_queries(syllables):
        queries = []
        while len(queries) < args.queries:
            text = sentence(query_rng, 8).split()
            start = query_rng.randrange(0, len(text) - syllables + 1)
            query = " ".join(text[start : start + syllables])
            queries.append(query if len(queries) % 2 == 0 else fold(query))
        return queries

    def ours(query):
        results = search(query)
        return results.count(), [e.pk for e in results[:10]]

    def baseline(query):
        qs = IndexEntry.objects.filter(Q(title__icontains=query) | Q(body__icontains=query)).order_by("-date")
        return qs.count(), list(qs.values_list("pk", flat=True)[:10])

    def timed(fn, queries):
        fn(queries[0])  # warm the cache and the connection
        samples = []
        for query in queries:
            t0 = time.perf_counter()
            fn(query)
            samples.append((time.perf_counter() - t0) * 1000)
        samples.sort()
        return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]

    rows = []
    for syllables in (1, 2, 3):
        queries = make_queries(syllables)
        ours_p50, ours_p95 = timed(ours, queries)
        base_p50, base_p95 = timed(baseline, queries)
        rows.append(
            {
                "syllables": syllables,
                "ours_p50": ours_p50,
                "ours_p95": ours_p95,
                "icontains_p50": base_p50,
                "icontains_p95": base_p95,
                "example": queries[0],
            }
        )
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "articles": args.articles,
                "build_seconds": None if reuse else build_seconds,
                "rows": rows,
            }
        )
    )


def report(result):
    built = (
        f"index built in {result['build_seconds']:.0f} s"
        if result["build_seconds"] is not None
        else "index reused from an earlier run"
    )
    print(f"\n== {result['vendor']}: {result['articles']:,} articles ({built}) ==")
    print(
        f"{'syllables':>9} | {'ours p50':>9} {'ours p95':>9} | {'icontains p50':>13} {'p95':>9} | "
        f"{'speed-up p50':>12} {'p95':>7} | example query"
    )
    for row in result["rows"]:
        print(
            f"{row['syllables']:>9} | {row['ours_p50']:>7.1f}ms {row['ours_p95']:>7.1f}ms | "
            f"{row['icontains_p50']:>11.1f}ms {row['icontains_p95']:>7.1f}ms | "
            f"{row['icontains_p50'] / row['ours_p50']:>11.1f}x {row['icontains_p95'] / row['ours_p95']:>6.1f}x | "
            f"{row['example']}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=30, help="queries per syllable count")
    parser.add_argument("--postgres", help="scratch PostgreSQL URL (its search index is emptied)")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--data-dir", help="keep the SQLite scratch database here (default: a temporary folder)")
    parser.add_argument(
        "--reuse", action="store_true", help="skip building when the index already holds exactly --articles rows"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    targets = []
    scratch = None if args.data_dir else tempfile.TemporaryDirectory(prefix="vnportal-bench-")
    data_dir = args.data_dir or scratch.name
    if not args.skip_sqlite:
        targets.append({"VNPORTAL_DATA_DIR": data_dir, "DATABASE_URL": ""})
    if args.postgres:
        if not any(host in args.postgres for host in ("@127.0.0.1", "@localhost")):
            parser.error("the benchmark only talks to 127.0.0.1")
        targets.append({"VNPORTAL_DATA_DIR": data_dir, "DATABASE_URL": args.postgres})
    for extra in targets:
        env = {**os.environ, **extra, "REDIS_URL": "", "LOG_LEVEL": "WARNING"}
        command = [
            sys.executable,
            __file__,
            "--child",
            "--articles",
            str(args.articles),
            "--queries",
            str(args.queries),
        ] + (["--reuse"] if args.reuse else [])
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=3600).stdout
        report(json.loads(output.strip().splitlines()[-1]))
    if scratch is not None:
        scratch.cleanup()


if __name__ == "__main__":
    main()
