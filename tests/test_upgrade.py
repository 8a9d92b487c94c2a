"""A database made by the previous release keeps working after an upgrade.

The fixture is a real SQLite file written by the release before (tests/fixtures/README.md).
Today's code migrates a copy of it in another process, as `vnportal manage migrate` would on an
agency's server, and must then serve the same content with the same counts."""

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "previous-release-f10c96b.sqlite3.gz"
ARTICLE_URL = "/tin-tuc-su-kien/hoat-dong-cua-tinh-uy/thuong-truc-tinh-uy-lam-viec-voi-ban-thuong-vu-huyen-uy-bac-son/"

READ_BACK = """
import json
from django.db.models import Sum
from django.test import Client
from wagtail.models import Locale, Page
from vnportal.library.models import Document
from vnportal.news.models import ArticlePage, SectionPage
from vnportal.polls.models import Ballot, Poll
from vnportal.stats.models import DailyPageCount, DailySiteCount

client = Client(HTTP_HOST="localhost")  # the ALLOWED_HOSTS of a laptop
article = ArticlePage.objects.get(url_path__endswith="{article_slug}")
urls = ("/", "{article}", "/van-ban/", "/binh-chon/", "/tim-kiem/?q=dang+bo")
statuses = {{url: client.get(url).status_code for url in urls}}
print(json.dumps({{
    "statuses": statuses,
    "articles": ArticlePage.objects.live().count(),
    "sections": SectionPage.objects.count(),
    "documents": Document.objects.count(),
    "polls": Poll.objects.count(),
    "ballots": Ballot.objects.count(),
    "member_ballots": Ballot.objects.filter(user__isnull=False).count(),
    "visits": DailySiteCount.objects.filter(metric="visits").aggregate(n=Sum("count"))["n"],
    "article_views": DailyPageCount.objects.filter(page_id=article.pk).aggregate(n=Sum("views"))["n"],
    "pages": Page.objects.count(),
    "page_locales": sorted(set(Page.objects.filter(depth__gt=1).values_list("locale__language_code", flat=True))),
    "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
    "en_home": client.get("/en/").status_code,
    "vietnamese_for_english_browsers": b'<html lang="vi"' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content,
}}))
"""


def _manage(data_dir, *args):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env["VNPORTAL_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "vnportal.cli", "manage", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_database_of_the_previous_release_migrates_and_serves_the_same_content(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with gzip.open(FIXTURE, "rb") as packed, open(data_dir / "vnportal.sqlite3", "wb") as db:
        shutil.copyfileobj(packed, db)

    migrated = _manage(data_dir, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    pending = _manage(data_dir, "makemigrations", "--check", "--dry-run")
    assert pending.returncode == 0, pending.stdout[-3000:] + pending.stderr[-3000:]

    script = READ_BACK.format(article=ARTICLE_URL, article_slug=ARTICLE_URL.rstrip("/").rsplit("/", 1)[-1] + "/")
    read = _manage(data_dir, "shell", "-c", script)
    assert read.returncode == 0, read.stderr[-3000:]
    state = json.loads(read.stdout.strip().splitlines()[-1])
    assert state["statuses"] == {
        "/": 200,
        ARTICLE_URL: 200,
        "/van-ban/": 200,
        "/binh-chon/": 200,
        "/tim-kiem/?q=dang+bo": 200,
    }
    # What the previous release wrote (tests/fixtures/README.md), all still there.
    assert state["articles"] == 32 and state["documents"] == 24 and state["polls"] == 2
    assert state["ballots"] == 2 and state["member_ballots"] == 1
    assert state["visits"] == 1234 and state["article_views"] == 42
    assert state["sections"] >= 5
    # English came in (issue 17): every existing page stays Vietnamese, English is there for translators,
    # and nothing is served under /en/ until an English home page is published.
    assert state["page_locales"] == ["vi"] and state["locales"] == ["en", "vi"]
    assert state["en_home"] == 404 and state["vietnamese_for_english_browsers"]
