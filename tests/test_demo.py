"""The demo content (`vnportal demo`): complete, and idempotent when run again.

The demo is built once for this module, twice over (the second run must create nothing), in a
transaction rolled back at the end; each test reads it inside its own savepoint. Building it
costs seconds, so no other test builds it."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from vnportal.consultations.models import Comment, Draft
from vnportal.library.models import Document, DocumentAttachment, DocumentRelation
from vnportal.news.models import ArticlePage, SectionPage
from vnportal.polls.models import Poll
from vnportal.search.models import IndexEntry


def _counts():
    return {
        "sections": SectionPage.objects.count(),
        "articles": ArticlePage.objects.count(),
        "documents": Document.objects.count(),
        "polls": Poll.objects.count(),
        "drafts": Draft.objects.count(),
        "draft comments": Comment.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """``(counts after the first run, counts after the second)``; the database holds the demo."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        first = _counts()
        call_command("demo", stdout=io.StringIO())
        second = _counts()
        yield first, second
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def test_demo_content_is_complete_and_idempotent(demo_db, client):
    first, second = demo_db
    articles = ArticlePage.objects.live()
    assert SectionPage.objects.filter(depth=3).count() >= 4
    assert articles.count() >= 30
    assert all(a.signoff and a.hero_image_id for a in articles)
    assert all(a.tags.exists() for a in articles)
    assert (second["sections"], second["articles"]) == (first["sections"], first["articles"])
    assert client.get("/").status_code == 200
    for article in articles[:5]:
        assert client.get(article.url).status_code == 200


def test_demo_adds_documents_once(demo_db, client):
    first, second = demo_db
    count = first["documents"]
    assert count >= 20
    assert Document.objects.values("doc_type").distinct().count() >= 4
    assert DocumentAttachment.objects.exists() and DocumentRelation.objects.exists()
    assert second["documents"] == count
    assert IndexEntry.objects.filter(kind="document").count() == count
    html = client.get("/").content.decode()
    assert f'href="{reverse("library:index")}"' in html  # the main menu links to the library


def test_demo_creates_one_open_current_and_one_closed_poll_idempotently(demo_db):
    assert Poll.objects.count() == 2
    current = Poll.objects.current()
    assert current is not None and current.results_visibility == Poll.Visibility.ALWAYS
    assert Poll.objects.closed_at().count() == 1
    assert current.choices.count() >= 2


def test_demo_has_an_open_and_a_closed_draft_once(demo_db, client):
    first, second = demo_db
    assert first["drafts"] == second["drafts"] == 2
    assert first["draft comments"] == second["draft comments"] >= 1
    assert Draft.objects.open_at(timezone.now()).count() == 1
    assert Draft.objects.filter(closes_at__lte=timezone.now()).count() == 1
    html = client.get("/gop-y-du-thao/").content.decode()
    assert "Hạn góp ý:" in html and "Đã kết thúc:" in html
    assert IndexEntry.objects.filter(kind="draft").count() == 2
