"""The API shows exactly what the public pages show (issue 17, acceptance 4).

A portal is built with every way content can be hidden — a draft, a page under a private
section, a password-protected page, an expired page, an unpublished document, unpublished
answers, a draft schedule week — and a second Wagtail Site with its own article. The API's
ids and URLs are then compared, collection by collection and site by site, with what the
public side serves: sitemap.xml for pages, the public lists for documents, answers and the
schedule. Any difference fails, and every URL the API gives must open for an anonymous reader.
"""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from vnportal.core import structure
from vnportal.news.models import ArticlePage, HomePage, SectionPage

OTHER_HOST = "xa-son-thuy.localhost"


def _sitemap_urls(client, **extra):
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {loc.text for loc in ElementTree.fromstring(response.content).findall(".//s:loc", ns)}


def _all_api_items(client, collection, **extra):
    items, url = [], f"/api/v1/{collection}/?limit=7"
    while url:
        response = client.get(url, **extra)
        assert response.status_code == 200, response.content
        data = response.json()
        items += data["results"]
        url = data["next"]
        assert len(items) <= data["count"]
    return items


@pytest.fixture
def portal(settings, home, make_section, make_article, make_document, published_answer):
    settings.ALLOWED_HOSTS = ["testserver", OTHER_HOST]
    news = make_section("Tin tức")
    internal = make_section("Nội bộ")
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    public = [make_article(f"Tin công khai {n}", parent=news) for n in range(9)]
    hidden = {
        "draft": make_article("Bản nháp", parent=news, publish=False),
        "private_ancestor": make_article("Tin nội bộ", parent=internal),
        "password": make_article("Tin có mật khẩu", parent=news),
        "expired": make_article("Tin hết hạn", parent=news),
        "expiring": make_article("Tin vừa hết hạn", parent=news),
    }
    PageViewRestriction.objects.create(
        page=hidden["password"], restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    past = timezone.now() - datetime.timedelta(hours=1)
    # Expired and already unpublished by the scheduler (Wagtail's publish_scheduled) …
    ArticlePage.objects.filter(pk=hidden["expired"].pk).update(expire_at=past)
    call_command("publish_scheduled")
    # … and expired a moment ago, the scheduler not yet run: still live, but its time is over.
    ArticlePage.objects.filter(pk=hidden["expiring"].pk).update(expire_at=past)

    # A second site (a sub-portal) with its own home, section and article.
    other_home = HomePage(title="Xã Sơn Thủy", slug="xa-son-thuy")
    Page.get_first_root_node().add_child(instance=other_home)
    other_site = Site.objects.create(hostname=OTHER_HOST, port=80, root_page=other_home, site_name="Xã Sơn Thủy")
    other_section = SectionPage(title="Tin xã", show_in_menus=True)
    other_home.add_child(instance=other_section)
    other_section.save_revision().publish()
    other_article = make_article("Tin của xã", parent=other_section)

    documents = [make_document(number=f"{n}/QĐ-UBND") for n in range(1, 4)]
    unpublished_document = make_document(number="99/QĐ-UBND", is_public=False)
    other_document = make_document(number="7/QĐ-UBND-XA", site=other_site)  # the sub-portal's library

    answers = [published_answer(title=f"Câu hỏi {n}") for n in range(3)]
    unpublished_answers = [published_answer(status=status) for status in ("received", "answered", "refused")]
    yield {
        "public": public,
        "hidden": hidden,
        "other_article": other_article,
        "documents": documents,
        "unpublished_document": unpublished_document,
        "other_document": other_document,
        "answers": answers,
        "unpublished_answers": unpublished_answers,
    }
    # Wagtail caches the sites' root paths in the cache, which the test's rollback does not
    # reach: without this, later tests would still see two sites (and absolute page URLs).
    Site.clear_site_root_paths_cache()
    structure.bump_now()


@pytest.mark.django_db
def test_articles_and_sections_are_exactly_the_public_pages_of_each_site(client, portal):
    for host, extra in (("testserver", {}), (OTHER_HOST, {"HTTP_HOST": OTHER_HOST})):
        sitemap = _sitemap_urls(client, **extra)
        all_article_urls = {page.get_full_url() for page in ArticlePage.objects.all()}
        articles = _all_api_items(client, "articles", **extra)
        sections = _all_api_items(client, "sections", **extra)
        api_article_urls = {item["url"] for item in articles}
        # Everything the sitemap lists as an article, nothing more (the one whose expiry the
        # scheduler has not yet applied is the only page the API is stricter about).
        expiring_url = portal["hidden"]["expiring"].get_full_url()
        assert api_article_urls == (sitemap & all_article_urls) - {expiring_url}, host
        assert {item["url"] for item in sections} <= sitemap, host
        assert len(api_article_urls) == len(articles), "an article listed twice"
        for item in articles + sections:
            response = client.get(item["url"], **extra)
            assert response.status_code == 200, (item["url"], response.status_code)
    hidden_ids = {page.pk for page in portal["hidden"].values()}
    main = {item["id"] for item in _all_api_items(client, "articles")}
    other = {item["id"] for item in _all_api_items(client, "articles", HTTP_HOST=OTHER_HOST)}
    assert main == {page.pk for page in portal["public"]}
    assert other == {portal["other_article"].pk}
    assert not hidden_ids & (main | other)
    # An item asked for by id is refused exactly like the list leaves it out.
    for page in [*portal["hidden"].values(), portal["other_article"]]:
        assert client.get(f"/api/v1/articles/{page.pk}/").status_code == 404
    assert client.get(f"/api/v1/articles/{portal['other_article'].pk}/", HTTP_HOST=OTHER_HOST).status_code == 200
    internal = SectionPage.objects.get(title="Nội bộ")
    assert client.get(f"/api/v1/sections/{internal.pk}/").status_code == 404


@pytest.mark.django_db
def test_documents_are_exactly_those_of_the_public_library(client, portal):
    listed = set(map(int, re.findall(r'href="/van-ban/(\d+)/"', client.get("/van-ban/").content.decode())))
    api_items = _all_api_items(client, "documents")
    assert {item["id"] for item in api_items} == listed == {d.pk for d in portal["documents"]}
    for item in api_items:
        assert client.get(item["url"]).status_code == 200
    assert client.get(f"/api/v1/documents/{portal['unpublished_document'].pk}/").status_code == 404
    # Each portal's library is its own, in the API as on /van-ban/.
    other = portal["other_document"].pk
    assert client.get(f"/api/v1/documents/{other}/").status_code == 404
    on_other = _all_api_items(client, "documents", HTTP_HOST=OTHER_HOST)
    other_listed = client.get("/van-ban/", HTTP_HOST=OTHER_HOST).content.decode()
    assert (
        {item["id"] for item in on_other}
        == {other}
        == set(map(int, re.findall(r'href="/van-ban/(\d+)/"', other_listed)))
    )
    assert on_other[0]["url"].startswith(f"http://{OTHER_HOST}/")


@pytest.mark.django_db
def test_answers_are_exactly_the_published_ones_and_carry_no_contact_data(client, portal):
    listed = set(map(int, re.findall(r'href="/hoi-dap/(\d+)/"', client.get("/hoi-dap/").content.decode())))
    response = client.get("/api/v1/answers/?limit=100")
    api_items = response.json()["results"]
    assert {item["id"] for item in api_items} == listed == {q.pk for q in portal["answers"]}
    for item in api_items:
        assert client.get(item["url"]).status_code == 200
    for question in portal["unpublished_answers"]:
        assert client.get(f"/api/v1/answers/{question.pk}/").status_code == 404
    body = response.content.decode()
    for secret in ("binh.secret@example.vn", "0912 345 678", "Đường Bí Mật", "Nguyễn Văn Bình"):
        assert secret not in body
    for question in portal["answers"]:
        assert question.code not in body


@pytest.mark.django_db
def test_schedule_is_exactly_the_published_weeks(client, db):
    from vnportal.agency.models import Person
    from vnportal.schedule.models import Entry, Week

    leader = Person.objects.create(name="Nguyễn Văn Thành", title="Bí thư Tỉnh ủy", is_leader=True)
    monday = datetime.date(2026, 11, 30)
    weeks = {}
    for name, day, publish in (("published", monday, True), ("draft", monday + datetime.timedelta(days=7), False)):
        week = Week.objects.create(year=day.isocalendar().year, week=day.isocalendar().week)
        for n in range(3):
            Entry.objects.create(week=week, date=day + datetime.timedelta(days=n), content=f"Họp {n}", presiding=leader)
        if publish:
            week.publish()
            week.save()
        weeks[name] = week
    api_items = _all_api_items(client, "schedule")
    shown = set()
    for week in weeks.values():
        page = client.get(f"/lich-cong-tac/{week.year}/{week.week}/").content.decode()
        shown |= set(map(int, re.findall(r'id="muc-(\d+)"', page)))
    assert {item["id"] for item in api_items} == shown == set(weeks["published"].entries.values_list("pk", flat=True))
    for entry in weeks["draft"].entries.all():
        assert client.get(f"/api/v1/schedule/{entry.pk}/").status_code == 404
