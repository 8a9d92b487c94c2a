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

from vnportal.agency.models import AboutIndexPage, AboutPage, Person, Unit
from vnportal.consultations.models import Comment, Draft
from vnportal.contact.models import ContactMessage
from vnportal.gallery.models import AlbumPage, VideoPage
from vnportal.library.models import Document, DocumentAttachment, DocumentRelation
from vnportal.news.models import ArticlePage, SectionPage
from vnportal.polls.models import Poll
from vnportal.questions.models import OutgoingEmail, Question
from vnportal.schedule.models import Entry, Week
from vnportal.search.models import IndexEntry


def _counts():
    return {
        "sections": SectionPage.objects.count(),
        "articles": ArticlePage.objects.count(),
        "documents": Document.objects.count(),
        "polls": Poll.objects.count(),
        "schedule weeks": Week.objects.count(),
        "schedule entries": Entry.objects.count(),
        "units": Unit.objects.count(),
        "contact messages": ContactMessage.objects.count(),
        "people": Person.objects.count(),
        "about pages": AboutPage.objects.count() + AboutIndexPage.objects.count(),
        "albums": AlbumPage.objects.count(),
        "videos": VideoPage.objects.count(),
        "questions": Question.objects.count(),
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
    province = Poll.objects.filter(site__is_default_site=True)  # the sub-portal has its own (below)
    assert province.count() == 2
    current = province.current()
    assert current is not None and current.results_visibility == Poll.Visibility.ALWAYS
    assert province.closed_at().count() == 1
    assert current.choices.count() >= 2


def test_demo_contact_units_and_messages_once(demo_db, client):
    first, second = demo_db
    assert first["contact messages"] == 2 and second["contact messages"] == 2
    html = client.get("/lien-he/").content.decode()
    assert "Văn phòng Tỉnh ủy" in html and "0200 3 800 810" in html  # the agency demo's units and contacts


def test_demo_has_this_weeks_and_next_weeks_schedule_once(demo_db, client):
    first, second = demo_db
    assert first["schedule weeks"] == second["schedule weeks"] == 2
    assert first["schedule entries"] == second["schedule entries"] >= 10
    assert Week.objects.published().count() == 2
    html = client.get("/lich-cong-tac/").content.decode()
    assert "Điều chỉnh lần 1" in html and "Chủ trì" in html
    assert "Lịch công tác tuần này" in client.get("/").content.decode()


def test_demo_presents_the_agency_once(demo_db, client):
    """Issue 16, points 1, 6 and 9: units, five leaders with biographies, the Giới thiệu pages."""
    first, second = demo_db
    assert {key: second[key] for key in ("units", "people", "about pages")} == {
        key: first[key] for key in ("units", "people", "about pages")
    }
    leaders = Person.objects.filter(is_leader=True)
    assert leaders.count() == 5 and all(p.biography and p.term and p.photo_id for p in leaders)
    assert Unit.objects.filter(parent__isnull=False).count() >= 8 and Unit.objects.filter(head__isnull=False).exists()
    kinds = set(AboutPage.objects.live().values_list("kind", flat=True))
    assert kinds == {kind.value for kind in AboutPage.Kind}
    titles = set(AboutPage.objects.values_list("title", flat=True))
    assert {"Lịch sử hình thành", "Điều kiện tự nhiên", "Bản đồ hành chính", "Tuyên bố trợ năng"} <= titles
    html = client.get("/").content.decode()
    # The Vietnamese statement: the demo translates it too (/en/about/accessibility/).
    statement = AboutPage.objects.get(kind=AboutPage.Kind.ACCESSIBILITY, locale__language_code="vi")
    # (Page.url is absolute once the demo's sub-portal makes two sites: the path on its site.)
    statement_path = statement.get_url_parts()[2]
    assert 'href="/gioi-thieu/"' in html and f'href="{statement_path}"' in html  # the menu and the footer
    for page in AboutPage.objects.live():
        assert client.get(page.url).status_code == 200, page.url
    chart = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert chart.count('class="org-node"') == Unit.objects.filter(is_active=True).count()


def test_demo_adds_an_album_and_a_video_once(demo_db, client):
    first, second = demo_db
    assert (first["albums"], first["videos"]) == (1, 1) == (second["albums"], second["videos"])
    album, video = AlbumPage.objects.live().get(), VideoPage.objects.live().get()
    assert album.photos.count() == 5 and all(photo.alt_text and photo.caption for photo in album.photos.all())
    assert video.video_file and video.captions and video.transcript and video.poster_id
    html = client.get("/").content.decode()
    assert 'href="/thu-vien-anh/"' in html and 'href="/video/"' in html  # in the main menu
    assert client.get(album.url).status_code == 200 and client.get(video.url).status_code == 200
    assert client.get(video.video_file.url, headers={"Range": "bytes=0-99"}).status_code == 206


def test_demo_adds_answered_and_published_questions_once(demo_db, client):
    first, second = demo_db
    assert first["questions"] >= 4 and second["questions"] == first["questions"]
    published = Question.objects.filter(status="published")
    assert published.count() >= 3
    assert not OutgoingEmail.objects.exists()  # fictional addresses: nothing of the demo is ever sent
    html = client.get("/hoi-dap/").content.decode()
    for question in published:
        assert question.title in html
        assert client.get(question.get_absolute_url()).status_code == 200
        assert IndexEntry.objects.filter(kind="question", object_id=question.pk).exists()


def test_demo_has_an_open_and_a_closed_draft_once(demo_db, client):
    first, second = demo_db
    assert first["drafts"] == second["drafts"] == 2
    assert first["draft comments"] == second["draft comments"] >= 1
    assert Draft.objects.open_at(timezone.now()).count() == 1
    assert Draft.objects.filter(closes_at__lte=timezone.now()).count() == 1
    html = client.get("/gop-y-du-thao/").content.decode()
    assert "Hạn góp ý:" in html and "Đã kết thúc:" in html
    assert IndexEntry.objects.filter(kind="draft").count() == 2


def test_demo_sets_up_the_main_menu_once(demo_db, client):
    """Issue 16, point 5: the demo's menu is managed in the admin, with sub-items, in one row."""
    from vnportal.navigation.models import MenuSettings

    assert MenuSettings.objects.count() == 1
    items = MenuSettings.objects.get().main_menu
    assert len(items) <= 9 and sum(1 for item in items if item.value["children"]) >= 3
    html = client.get("/").content.decode()
    assert html.count('class="submenu"') >= 3
    for href in ("/gioi-thieu/", "/van-ban/", "/lich-cong-tac/", "/hoi-dap/", "/gop-y-du-thao/", "/thu-vien-anh/"):
        assert f'href="{href}"' in html, href


def test_demo_creates_the_sub_portal_an_binh_once(demo_db, client):
    """Issue 17, point 2: a sub-portal with its home, two sections, articles (one shared to the
    province's Tin cơ sở), a poll and its settings, served at http://an-binh.localhost:<port>/."""
    from wagtail.models import Site

    from vnportal.core.models import SiteSettings

    site = Site.objects.get(hostname="an-binh.localhost")
    assert SiteSettings.for_site(site).agency_name == "Cổng thông tin điện tử huyện An Bình"
    assert SiteSettings.for_site(site).emblem_id is not None
    assert SectionPage.objects.child_of(site.root_page).count() == 2
    assert ArticlePage.objects.live().descendant_of(site.root_page).count() == 3
    assert Poll.objects.filter(site=site).count() == 1
    sub = client.get("/", HTTP_HOST="an-binh.localhost")
    assert sub.status_code == 200 and "huyện An Bình" in sub.content.decode()
    shared = ArticlePage.objects.get(share_to_province=True)
    listing = client.get("/tin-co-so/").content.decode()
    assert shared.title in listing and "http://an-binh.localhost" in listing
