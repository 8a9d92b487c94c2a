#!/usr/bin/env python
"""Seed synthetic Vietnamese articles and documents for the benches (not for real sites).

    DJANGO_SETTINGS_MODULE=… VNPORTAL_DATA_DIR=… python bench/seed.py --articles 100000 --documents 10000

Run it after `vnportal demo` (the demo sections, images, document types and issuers are what
it fills). It adds articles until the site holds --articles of them and official documents
until it holds --documents (seeded ones carry import_key "bench-N" / number "N/BENCH", so
running it again adds nothing). Sections are nested: each top-level demo section gets two
sub-sections (made the ordinary way, with add_child). Articles are spread over every section
and ten years, most with a hero image (a handful of demo image files, reused), 2–3 tags from
a pool of 120, a lead and a body of 5–9 paragraphs (~400–900 words, like a provincial
portal's stories), and a row in the portal's search index so /tim-kiem/ finds them.

Everything is written in bulk, thousands of rows per INSERT, on SQLite and PostgreSQL: the
treebeard paths (4 base-36 digits per level), url_paths and numchild are computed here (not
one add_child per page), the page rows go in with bulk_create and the article rows with one
multi-row INSERT of the child table, then tags and search index rows. No revision is made:
seeded articles are live from birth, as imported ones are, and the page row is what readers
are served (the admin edits such a page from its row). What only the admin uses is skipped:
Wagtail's own search index (the admin's page search) and its reference index ("usage").

It prints the time taken; the last line printed is JSON: the URLs the benches measure and a
signed beacon token.
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
BATCH = 2000
SUBSECTIONS = ("Tin trong tỉnh", "Tin huyện, thị")


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILLERS) for _ in range(words))
    return text[0].upper() + text[1:]


class TextPool:
    """Sentences drawn once, with their index forms: a body is a run of them, so its search
    forms are joins of forms computed once (100,000 bodies would otherwise cost minutes of
    per-syllable normalising)."""

    def __init__(self, rng, size, exact_form, folded_form):
        self.rng = rng
        self.sentences = [sentence(rng, rng.randint(12, 24)) + "." for _ in range(size)]
        self.exact = [exact_form(s) for s in self.sentences]
        self.folded = [folded_form(s) for s in self.sentences]

    def pick(self, count):
        return [self.rng.randrange(len(self.sentences)) for _ in range(count)]

    def text(self, picks):
        return " ".join(self.sentences[i] for i in picks)

    def forms(self, picks):
        return " ".join(self.exact[i] for i in picks), " ".join(self.folded[i] for i in picks)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles the site should hold")
    parser.add_argument("--documents", type=int, default=0, help="official documents the site should hold")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--report-only", action="store_true", help="create nothing; print the JSON line")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vnportal.settings.base")
    import django

    django.setup()
    import functools

    from django.db import transaction
    from wagtail.models import Site

    from vnportal.news.models import SectionPage
    from vnportal.search import normalise

    # A pure function of one syllable over a small vocabulary: remembering it is ~3x faster.
    normalise._canonical_syllable = functools.lru_cache(maxsize=100_000)(normalise._canonical_syllable)

    started = time.monotonic()
    rng = random.Random(args.seed)
    site = Site.objects.get(is_default_site=True)
    if not SectionPage.objects.live().descendant_of(site.root_page).exists():
        sys.exit("No sections: run `vnportal demo` first.")
    created = documents_created = 0
    if not args.report_only:
        with transaction.atomic():
            add_subsections(site)
        created = seed_articles(args, rng, site, started)
        documents_created = seed_documents(args, rng, started)
    report(site, created, documents_created, started)


def add_subsections(site):
    """Two sub-sections under each top-level section (once): listings of a section include them."""
    from vnportal.core.text import slugify
    from vnportal.news.models import SectionPage

    home_depth = site.root_page.depth
    for top in SectionPage.objects.live().descendant_of(site.root_page).filter(depth=home_depth + 1):
        for title in SUBSECTIONS:
            slug = slugify(title)
            if not SectionPage.objects.child_of(top).filter(slug=slug).exists():
                top.add_child(instance=SectionPage(title=title, slug=slug, show_in_menus=False, live=True))
                top.refresh_from_db()


def seed_articles(args, rng, site, started):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page

    from vnportal.core import structure
    from vnportal.core.text import slugify
    from vnportal.news.models import ArticlePage, ArticleTag, SectionPage
    from vnportal.search.models import IndexEntry
    from vnportal.search.normalise import exact_form, folded_form

    existing = ArticlePage.objects.count()
    seeded = ArticlePage.objects.filter(import_key__startswith="bench-").count()
    wanted = max(0, args.articles - existing)
    if not wanted:
        return 0
    sections = list(SectionPage.objects.live().descendant_of(site.root_page).order_by("path"))
    images = list(get_image_model().objects.order_by("pk")[:12])
    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    tags = [
        Tag.objects.get_or_create(name=f"{a} {b}".capitalize())[0]
        for a, b in zip(rng.sample(WORDS, 60) * 2, rng.sample(WORDS, 60) + rng.sample(WORDS, 60), strict=True)
    ]
    tags = list({tag.pk: tag for tag in tags}.values())
    pool = TextPool(rng, 20_000, exact_form, folded_form)
    print(f"  text pool ready ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)

    # The next free child position under each section (treebeard paths: 4 base-36 digits per level).
    next_step = {}
    for section in sections:
        last = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).order_by("-path").first()
        next_step[section.pk] = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    # Sections are weighted: the first ones (news, politics) get more stories, as on real portals.
    weights = [3 if section.depth == sections[0].depth else 2 for section in sections]

    now = timezone.now().replace(second=0, microsecond=0)
    span_minutes = 10 * 365 * 24 * 60  # ten years of stories
    step_minutes = max(1, span_minutes // max(wanted + seeded, 1))
    page_fields = [f for f in Page._meta.local_concrete_fields if f is not Page._meta.pk]
    article_fields = list(ArticlePage._meta.local_concrete_fields)
    for start in range(0, wanted, BATCH):
        numbers = range(seeded + start, seeded + min(start + BATCH, wanted))
        pages, entries, tag_rows = [], [], []
        for number in numbers:
            section = rng.choices(sections, weights)[0]
            title = sentence(rng, rng.randint(7, 13))
            when = now - datetime.timedelta(minutes=number * step_minutes + rng.randint(0, step_minutes))
            kicker = sentence(rng, 4) if number % 4 == 0 else ""
            lead_picks = pool.pick(rng.randint(1, 2))
            paragraphs = [pool.pick(rng.randint(3, 5)) for _ in range(rng.randint(5, 9))]
            slug = f"{slugify(title)[:200]}-{number}"
            depth = section.depth + 1
            path = Page._get_path(section.path, depth, next_step[section.pk])
            next_step[section.pk] += 1
            page = ArticlePage(
                title=title,
                draft_title=title,
                slug=slug,
                locale=locale,
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=when,
                last_published_at=when,
                path=path,
                depth=depth,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
            )
            image = images[number % len(images)] if images and number % 10 else None  # 90% with a picture
            fields = dict(
                kicker=kicker,
                lead=pool.text(lead_picks),
                hero_image=image,
                hero_caption=f"Ảnh minh họa: {title}" if image else "",
                body=[("paragraph", "<p>" + pool.text(picks) + "</p>") for picks in paragraphs],
                signoff="SH-BENCH",
                author="Phóng viên",
                featured=number % 50 == 0,
                display_date=when,
                import_key=f"bench-{number}",
            )
            for name, value in fields.items():
                setattr(page, name, value)
            pages.append(page)
            # The search row, as indexer.index_page writes it (search description, kicker, lead, body).
            picks = lead_picks + [i for p in paragraphs for i in p]
            body_exact, body_folded = pool.forms(picks)
            if kicker:
                body_exact = f"{exact_form(kicker)} {body_exact}"
                body_folded = f"{folded_form(kicker)} {body_folded}"
            body = " ".join(([kicker] if kicker else []) + [pool.text(lead_picks)] + [pool.text(p) for p in paragraphs])
            entries.append(
                dict(
                    kind=IndexEntry.Kind.ARTICLE,
                    title=title,
                    body=body,
                    title_exact=exact_form(title),
                    body_exact=body_exact,
                    title_folded=folded_form(title),
                    body_folded=body_folded,
                    date=when,
                    tree_path=path,
                    section_title=section.title,
                    url="/" + page.url_path[len(site.root_page.url_path) :],
                )
            )
            tag_rows.append(rng.sample(tags, rng.randint(2, 3)))
        with transaction.atomic():
            # Multi-row INSERTs of the page rows, then of the article rows that extend them
            # (bulk_create refuses multi-table models).
            for at in range(0, len(pages), 250):
                chunk = pages[at : at + 250]
                rows = Page._base_manager._insert(chunk, fields=page_fields, returning_fields=[Page._meta.pk])
                if rows and len(rows) == len(chunk):
                    for page, (pk,) in zip(chunk, rows, strict=True):
                        page.pk = page.id = page.page_ptr_id = pk
                else:  # a database that returns no ids from bulk inserts
                    ids = dict(Page.objects.filter(path__in=[p.path for p in chunk]).values_list("path", "pk"))
                    for page in chunk:
                        page.pk = page.id = page.page_ptr_id = ids[page.path]
                ArticlePage._base_manager._insert(chunk, fields=article_fields)
            ArticleTag.objects.bulk_create(
                [
                    ArticleTag(content_object_id=page.pk, tag=tag)
                    for page, chosen in zip(pages, tag_rows, strict=True)
                    for tag in chosen
                ],
                batch_size=1000,
            )
            IndexEntry.objects.bulk_create(
                [IndexEntry(object_id=page.pk, **entry) for page, entry in zip(pages, entries, strict=True)],
                batch_size=250,
            )
        print(
            f"  {seeded + start + len(pages):>7} articles seeded ({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    with transaction.atomic():
        for section in sections:
            Page.objects.filter(pk=section.pk).update(
                numchild=Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).count()
            )
    structure.bump_now()
    return wanted


def seed_documents(args, rng, started):
    from django.db import transaction
    from django.urls import reverse

    from vnportal.core.localtime import make_local
    from vnportal.library.models import Document, DocumentField, DocumentType, Issuer, PartyTerm
    from vnportal.search.models import IndexEntry
    from vnportal.search.normalise import exact_form, folded_form, normalise_number

    wanted = max(0, args.documents - Document.objects.count())
    if not wanted:
        return 0
    seeded = Document.objects.filter(number__endswith="/BENCH").count()
    types = list(DocumentType.objects.all())
    issuers = list(Issuer.objects.all())
    fields = list(DocumentField.objects.all()) + [None]
    terms = list(PartyTerm.objects.all()) + [None]
    if not types or not issuers:
        sys.exit("No document types or issuers: run `vnportal demo` first.")
    today = datetime.date.today()
    statuses = [s for s, _label in Document.Status.choices]
    for start in range(0, wanted, BATCH):
        documents = []
        for number in range(seeded + start, seeded + min(start + BATCH, wanted)):
            doc_type = types[number % len(types)]
            summary = f"Về việc {sentence(rng, rng.randint(10, 22)).lower()}"
            issued = today - datetime.timedelta(days=(number * 3650) // max(args.documents, 1) + rng.randint(0, 3))
            code = f"{number + 1}/BENCH"
            documents.append(
                Document(
                    number=code,
                    number_normalised=normalise_number(code),
                    summary=summary,
                    doc_type=doc_type,
                    issuer=issuers[number % len(issuers)],
                    field=fields[number % len(fields)],
                    term=terms[number % len(terms)],
                    signer_name="Nguyễn Văn A",
                    signer_title="Phó Chủ tịch",
                    issued_on=issued,
                    effective_from=issued + datetime.timedelta(days=10),
                    status=statuses[number % 7 % len(statuses)] if number % 7 < len(statuses) else statuses[0],
                    content=" ".join(sentence(rng, rng.randint(12, 24)) + "." for _ in range(rng.randint(2, 6))),
                    is_public=number % 25 != 0,  # a few unpublished, as in life
                )
            )
        with transaction.atomic():
            Document.objects.bulk_create(documents, batch_size=500)
            if any(document.pk is None for document in documents):
                ids = dict(Document.objects.filter(number__endswith="/BENCH").values_list("number", "pk"))
                for document in documents:
                    document.pk = document.id = ids[document.number]
            entries = []
            for document in documents:
                if not document.is_public:
                    continue
                title = document.search_title()
                body = document.search_text()
                entries.append(
                    IndexEntry(
                        kind=IndexEntry.Kind.DOCUMENT,
                        object_id=document.pk,
                        title=title,
                        body=body,
                        title_exact=exact_form(title),
                        body_exact=exact_form(body),
                        title_folded=folded_form(title),
                        body_folded=folded_form(body),
                        number=document.number_normalised,
                        date=make_local(datetime.datetime.combine(document.issued_on, datetime.time())),
                        tree_path="",
                        section_title=document.search_section(),
                        url=reverse("library:detail", args=[document.pk]),
                    )
                )
            IndexEntry.objects.bulk_create(entries, batch_size=250)
        print(
            f"  {seeded + start + len(documents):>7} documents seeded ({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    return wanted


def report(site, created, documents_created, started):
    from django.db.models import Count
    from django.urls import reverse
    from taggit.models import Tag

    from vnportal.library.models import Document
    from vnportal.news.models import ArticlePage, SectionPage
    from vnportal.stats import capture

    sections = list(SectionPage.objects.live().descendant_of(site.root_page).order_by("path"))
    top_depth = sections[0].depth
    top = max(
        (s for s in sections if s.depth == top_depth),
        key=lambda s: ArticlePage.objects.filter(path__startswith=s.path).count(),
    )
    article = (
        ArticlePage.objects.live()
        .filter(import_key__startswith="bench-")
        .exclude(hero_image=None)
        .order_by("-display_date")
        .first()
    ) or ArticlePage.objects.live().order_by("-display_date").first()
    tag = Tag.objects.annotate(n=Count("news_articletag_items")).order_by("-n", "pk").first()
    document = Document.objects.filter(is_public=True).order_by("-issued_on", "-pk").first()
    seconds = round(time.monotonic() - started, 1)
    print(f"  seeded {created:,} articles and {documents_created:,} documents in {seconds} s", file=sys.stderr)
    print(
        json.dumps(
            {
                "articles": ArticlePage.objects.count(),
                "documents": Document.objects.count(),
                "created": created,
                "documents_created": documents_created,
                "seconds": seconds,
                "home": "/",
                # Paths on this site (with a sub-portal in the install, page.url would be a full URL).
                "section": top.get_url(current_site=site),
                "article": article.get_url(current_site=site),
                "article_id": article.pk,
                "tag": reverse("news_tag", args=[tag.slug]) if tag else None,
                "library": reverse("library:index"),
                "document": document.get_absolute_url() if document else None,
                "search": "/tim-kiem/?q=dang+bo",
                "beacon_token": capture.page_token(site.pk, article.pk),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
