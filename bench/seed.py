#!/usr/bin/env python
"""Seed synthetic Vietnamese articles for bench/site_bench.py (not for real sites).

    DJANGO_SETTINGS_MODULE=… VNPORTAL_DATA_DIR=… python bench/seed.py --articles 10000

Run it after `vnportal demo` (the demo sections and images are what it fills). It adds
articles until the site holds --articles of them (seeded ones carry import_key "bench-N",
so running it again adds nothing), spread over every demo section, each with a hero image
from the demo, 2–3 tags from a pool of 120 and a body of 4–6 paragraphs, and indexes them
for /tim-kiem/. Pages are written the way treebeard's add_child would write them, but with
the path computed here in batches of 500 inside one transaction: no revision (they are
live from birth, as imported articles are), no per-article parent lookup. What only the
admin uses is skipped for speed: Wagtail's own search index (the admin's page search) and
its reference index ("usage") are not updated for seeded articles.

The last line printed is JSON: the URLs the bench measures and a signed beacon token.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = """đại hội|đảng bộ|ban chấp hành|nghị quyết|chỉ thị|kế hoạch|triển khai|thực hiện|nhiệm vụ|giải pháp|
phát triển|kinh tế|xã hội|văn hóa|giáo dục|y tế|an ninh|quốc phòng|nông thôn|nông nghiệp|du lịch|đầu tư|
doanh nghiệp|người dân|cán bộ|đảng viên|cơ sở|huyện|xã|tỉnh ủy|ủy ban|hội đồng|nhân dân|mặt trận|thanh niên|
phụ nữ|cựu chiến binh|nông dân|công đoàn|chuyển đổi số|dịch vụ công|cải cách|hành chính|môi trường|đất đai|
giao thông|công trình|khởi công|khánh thành|tiến độ|kiểm tra|giám sát|tuyên truyền|học tập|thi đua|
khen thưởng|tổng kết|sơ kết|hội nghị|lễ hội|di tích|giảm nghèo|an sinh|thiên tai|bão lũ|phòng chống|
khoa học|công nghệ|đổi mới|hợp tác|biên giới|công an|dân quân|trường học|bệnh viện|ngân sách|xuất khẩu|
sản xuất|lúa gạo|cà phê|rừng|biển|nước sạch""".replace("\n", "")
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
    "mới",
    "tiếp tục",
    "tăng cường",
    "nâng cao",
    "đẩy mạnh",
]
BATCH = 500


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILLERS) for _ in range(words))
    return text[0].upper() + text[1:]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles the site should hold")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--report-only", action="store_true", help="create nothing; print the JSON line")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vnportal.settings.base")
    import django

    django.setup()
    import functools

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models.signals import post_save
    from django.utils import timezone
    from modelsearch.signal_handlers import post_save_signal_handler
    from taggit.models import Tag
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, Site
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from vnportal.core.text import slugify
    from vnportal.news.models import ArticlePage, ArticleTag, SectionPage
    from vnportal.search import indexer, normalise
    from vnportal.stats import capture

    # A pure function of one syllable over a small vocabulary: remembering it gives the same
    # index ~3x faster (this process only).
    normalise._canonical_syllable = functools.lru_cache(maxsize=100_000)(normalise._canonical_syllable)
    post_save.disconnect(post_save_signal_handler, sender=ArticlePage)

    started = time.monotonic()
    rng = random.Random(args.seed)
    site = Site.objects.get(is_default_site=True)
    sections = list(SectionPage.objects.live().descendant_of(site.root_page).order_by("path"))
    if not sections:
        sys.exit("No sections: run `vnportal demo` first.")
    images = list(get_image_model().objects.order_by("pk"))
    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    tags = [
        Tag.objects.get_or_create(name=f"{a} {b}".capitalize())[0]
        for a, b in zip(rng.sample(WORDS, 60) * 2, rng.sample(WORDS, 60) + rng.sample(WORDS, 60), strict=True)
    ]
    tags = list({tag.pk: tag for tag in tags}.values())

    existing = ArticlePage.objects.count()
    seeded = ArticlePage.objects.filter(import_key__startswith="bench-").count()
    wanted = 0 if args.report_only else max(0, args.articles - existing)
    # The next free child position under each section (treebeard paths: 4 base-36 digits per level).
    next_step = {}
    for section in sections:
        last = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).order_by("-path").first()
        next_step[section.pk] = (ArticlePage._str2int(last.path[-ArticlePage.steplen :]) if last else 0) + 1

    now = timezone.now().replace(second=0, microsecond=0)
    created = []
    for start in range(0, wanted, BATCH):
        batch = []
        with transaction.atomic(), disable_reference_index_auto_update():
            for number in range(seeded + start, seeded + min(start + BATCH, wanted)):
                section = sections[number % len(sections)]
                title = sentence(rng, rng.randint(7, 13))
                when = now - datetime.timedelta(minutes=number * 97 + rng.randint(0, 90))
                paragraphs = [
                    ("paragraph", "<p>" + ". ".join(sentence(rng, rng.randint(12, 24)) for _ in range(3)) + ".</p>")
                    for _ in range(rng.randint(4, 6))
                ]
                article = ArticlePage(
                    title=title,
                    draft_title=title,
                    slug=f"{slugify(title)[:200]}-{number}",
                    locale=locale,
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=when,
                    last_published_at=when,
                    display_date=when,
                    kicker=sentence(rng, 4) if number % 4 == 0 else "",
                    lead=sentence(rng, rng.randint(25, 40)) + ".",
                    hero_image=images[number % len(images)] if images else None,
                    hero_caption=f"Ảnh minh họa: {title}" if images else "",
                    body=paragraphs,
                    signoff="SH-BENCH",
                    author="Phóng viên",
                    featured=number % 50 == 0,
                    import_key=f"bench-{number}",
                )
                article.depth = section.depth + 1
                article.path = ArticlePage._get_path(section.path, article.depth, next_step[section.pk])
                next_step[section.pk] += 1
                article._cached_parent_obj = section  # Page.save asks for the parent: no query
                article.save(clean=False)
                batch.append(article)
            ArticleTag.objects.bulk_create(
                [
                    ArticleTag(content_object_id=article.pk, tag=tag)
                    for article in batch
                    for tag in rng.sample(tags, rng.randint(2, 3))
                ]
            )
            for article in batch:
                indexer.index_page(article)
        created += batch
        print(
            f"  {seeded + start + len(batch):>6} articles seeded ({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=Page.objects.child_of(section).count())

    top = max(
        (s for s in sections if s.depth == sections[0].depth),
        key=lambda s: ArticlePage.objects.live().descendant_of(s).count(),
    )
    article = (
        ArticlePage.objects.live()
        .filter(import_key__startswith="bench-")
        .exclude(hero_image=None)
        .order_by("-display_date")
        .first()
    ) or ArticlePage.objects.live().order_by("-display_date").first()
    print(
        json.dumps(
            {
                "articles": ArticlePage.objects.count(),
                "created": len(created),
                "seconds": round(time.monotonic() - started, 1),
                "home": "/",
                "section": top.url,
                "article": article.url,
                "article_id": article.pk,
                "search": "/tim-kiem/?q=dang+bo",
                "beacon_token": capture.page_token(site.pk, article.pk),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
