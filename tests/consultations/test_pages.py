"""The public pages: the list (open first, deadlines, counts of published comments), the
draft's page (files, questions, published comments only, no personal data), the page cache
and its purges, query counts, search, the menu and the site map."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vnportal.consultations import window
from vnportal.consultations.models import Comment, CommentAnswer, Draft, DraftFile
from vnportal.core.localtime import make_local
from vnportal.search.models import IndexEntry

pytestmark = pytest.mark.usefixtures("stats_caches_held")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_list_shows_open_drafts_first_with_their_deadline_then_closed(client, make_draft, home):
    closed = make_draft(slug="da-dong", opens=-30, closes=-2)
    opened = make_draft(slug="dang-mo", opens=-1, closes=5)
    Draft.objects.filter(pk=opened.pk).update(closes_at=make_local(timezone.datetime(2030, 12, 20, 17, 0)))
    Comment.objects.create(draft=closed, content="Đã duyệt", status=Comment.Status.PUBLISHED)
    Comment.objects.create(draft=closed, content="Chờ duyệt")
    html = client.get("/gop-y-du-thao/").content.decode()
    assert "Hạn góp ý: 17:00 ngày 20/12/2030" in html
    assert html.index("/gop-y-du-thao/dang-mo/") < html.index("/gop-y-du-thao/da-dong/")
    assert "1 ý kiến đã công bố" in html  # the pending one is not counted
    assert "0 ý kiến đã công bố" in html


def test_an_unpublished_draft_is_nowhere(client, make_draft, home):
    draft = make_draft(slug="an")
    Draft.objects.filter(pk=draft.pk).update(is_public=False)
    assert "/gop-y-du-thao/an/" not in client.get("/gop-y-du-thao/").content.decode()
    assert client.get("/gop-y-du-thao/an/").status_code == 404
    assert client.get("/gop-y-du-thao/an/gui-gop-y/").status_code == 404


def test_the_draft_page_shows_files_questions_and_only_published_comments(client, draft, home):
    draft_file = DraftFile(draft=draft, title="Toàn văn dự thảo")
    draft_file.file.save("du-thao.pdf", ContentFile(PDF), save=True)
    published = Comment.objects.create(
        draft=draft,
        article=draft.articles.first(),
        kind="person",
        name="Nguyễn Văn Bí Mật",
        email="bimat@example.vn",
        phone="0912345678",
        content="Ý kiến đã được duyệt.",
        status=Comment.Status.PUBLISHED,
    )
    CommentAnswer.objects.create(comment=published, question=draft.questions.first(), text="Trả lời đã duyệt")
    Comment.objects.create(draft=draft, content="Ý kiến chờ duyệt.", name="Người Chờ")
    Comment.objects.create(
        draft=draft, content="Ý kiến bị từ chối.", status=Comment.Status.REJECTED, kind="organisation", name="Hội X"
    )
    Comment.objects.create(
        draft=draft,
        content="Ý kiến của hội.",
        status=Comment.Status.PUBLISHED,
        kind="organisation",
        name="Hội Nông dân",
    )
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Toàn văn dự thảo" in html and draft_file.get_absolute_url() in html
    assert "Câu 1?" in html and "Trả lời đã duyệt" in html
    assert "Ý kiến đã được duyệt." in html and "Ý kiến của hội." in html
    assert "Ý kiến chờ duyệt." not in html and "Ý kiến bị từ chối." not in html
    # No personal data on a public page: a person is "Một cá nhân"; an organisation is named.
    for private in ("Nguyễn Văn Bí Mật", "bimat@example.vn", "0912345678", "Người Chờ"):
        assert private not in html
    assert "Một cá nhân" in html and "Hội Nông dân" in html
    assert "Điều 1. Nội dung Điều 1" in html
    assert 'href="/gop-y-du-thao/du-thao-a/gui-gop-y/"' in html  # open: the way to the form
    assert 'name="DC.title"' in html and 'property="og:title"' in html
    download = client.get(draft_file.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert client.get(f"/media/{draft_file.file.name}").status_code == 404  # only through the view


def test_a_closed_draft_has_no_form_link(client, make_draft, home):
    draft = make_draft(opens=-10, closes=-1)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "/gui-gop-y/" not in html
    assert "Đã kết thúc" in html


def test_list_and_draft_page_are_cached_and_the_form_is_not(client, draft, home, page_cache):
    assert client.get("/gop-y-du-thao/")["X-Page-Cache"] == "MISS"
    assert client.get("/gop-y-du-thao/")["X-Page-Cache"] == "HIT"
    assert client.get(draft.get_absolute_url())["X-Page-Cache"] == "MISS"
    assert client.get(draft.get_absolute_url())["X-Page-Cache"] == "HIT"
    form = client.get(f"{draft.get_absolute_url()}gui-gop-y/")
    assert "X-Page-Cache" not in form
    assert "no-cache" in form["Cache-Control"] or "no-store" in form["Cache-Control"]


def test_publishing_a_comment_purges_a_new_one_does_not(
    client, draft, home, page_cache, django_capture_on_commit_callbacks
):
    client.get(draft.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        comment = Comment.objects.create(draft=draft, content="Ý kiến mới chờ duyệt")
    assert client.get(draft.get_absolute_url())["X-Page-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        comment.status = Comment.Status.PUBLISHED
        comment.save()
    response = client.get(draft.get_absolute_url())
    assert response["X-Page-Cache"] == "MISS"
    assert "Ý kiến mới chờ duyệt" in response.content.decode()
    comment.refresh_from_db()
    assert comment.moderated_at is not None


def test_saving_a_draft_purges(client, draft, home, page_cache, django_capture_on_commit_callbacks):
    client.get("/gop-y-du-thao/")
    with django_capture_on_commit_callbacks(execute=True):
        draft.title = "Dự thảo đã đổi tên"
        draft.save()
    response = client.get("/gop-y-du-thao/")
    assert response["X-Page-Cache"] == "MISS" and "Dự thảo đã đổi tên" in response.content.decode()


def test_the_window_job_purges_when_a_draft_opens_or_closes(
    client, make_draft, home, page_cache, django_capture_on_commit_callbacks
):
    draft = make_draft(opens=-1, closes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert window.purge_window_changes() == 1  # first seen: remembered
    client.get("/gop-y-du-thao/")
    with django_capture_on_commit_callbacks(execute=True):
        assert window.purge_window_changes() == 0  # nothing changed: nothing purged
    assert client.get("/gop-y-du-thao/")["X-Page-Cache"] == "HIT"
    later = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert window.purge_window_changes(now=later) == 1
        assert window.purge_window_changes(now=later) == 0  # once per change, whichever worker
    assert client.get("/gop-y-du-thao/")["X-Page-Cache"] == "MISS"
    draft.refresh_from_db()
    assert draft.window_state == Draft.CLOSED


def test_query_counts_do_not_grow_with_comments(client, draft, home):
    def count(path):
        client.get(path)  # warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    Comment.objects.create(draft=draft, content="1", status=Comment.Status.PUBLISHED)
    few_detail, few_list = count(draft.get_absolute_url()), count("/gop-y-du-thao/")
    for n in range(10):
        comment = Comment.objects.create(draft=draft, content=str(n), status=Comment.Status.PUBLISHED)
        CommentAnswer.objects.create(comment=comment, question=draft.questions.first(), text="x")
    assert count(draft.get_absolute_url()) == few_detail
    assert count("/gop-y-du-thao/") == few_list
    assert few_detail <= 12 and few_list <= 8


def test_search_finds_drafts_by_public_text_only(client, draft, home):
    Comment.objects.create(draft=draft, content="bimatnoidung", email="x@example.vn", status="published")
    draft.save()
    entry = IndexEntry.objects.get(kind="draft", object_id=draft.pk)
    assert entry.url == draft.get_absolute_url()
    assert "bimatnoidung" not in entry.body and "x@example.vn" not in entry.body
    html = client.get("/tim-kiem/?q=khởi+nghiệp").content.decode()
    assert draft.get_absolute_url() in html
    Draft.objects.get(pk=draft.pk).delete()
    assert not IndexEntry.objects.filter(kind="draft").exists()


def test_menu_and_site_map_link_the_list(client, draft, home):
    assert 'href="/gop-y-du-thao/"' in client.get("/").content.decode()
    assert 'href="/gop-y-du-thao/"' in client.get("/so-do-cong/").content.decode()
