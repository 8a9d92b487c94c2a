"""Sub-portals: search and the document library show the request's portal by default, every
portal on request ("Tìm trên tất cả các cổng"), and a single-site database keeps working."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from vnportal.library.models import Document
from vnportal.search.models import IndexEntry

SUB_HOST = "xa-an-binh.localhost"


@pytest.fixture
def sub_portal(db, site, settings):
    """A second portal: its own news home, a section and a site at its own host name."""
    from wagtail.models import Page, Site

    from vnportal.news.models import HomePage, SectionPage

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, SUB_HOST]
    Site.clear_site_root_paths_cache()
    home = HomePage(title="Cổng xã An Bình", slug="xa-an-binh")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    portal = Site.objects.create(hostname=SUB_HOST, port=80, root_page=home, site_name="Xã An Bình")
    section = SectionPage(title="Tin xã", show_in_menus=True)
    home.add_child(instance=section)
    section.save_revision().publish()
    yield portal, section
    # Wagtail caches the sites' root paths in the (possibly shared, Redis) cache; a rolled-back test
    # sends no signal to clear it.
    Site.clear_site_root_paths_cache()


def get(client, path, host=None, **params):
    extra = {"HTTP_HOST": host} if host else {}
    response = client.get(path, params, **extra)
    assert response.status_code == 200, response.status_code
    return response


def titles(response):
    page_obj = response.context["page_obj"]
    return sorted(entry.title for entry in page_obj.object_list) if page_obj else []


def test_search_shows_the_request_portals_results_only(client, make_article, sub_portal):
    portal, sub_section = sub_portal
    make_article("Đại hội Đảng bộ tỉnh")
    make_article("Đại hội Đảng bộ xã An Bình", parent=sub_section)
    assert titles(get(client, "/tim-kiem/", q="dai hoi")) == ["Đại hội Đảng bộ tỉnh"]
    assert titles(get(client, "/tim-kiem/", SUB_HOST, q="dai hoi")) == ["Đại hội Đảng bộ xã An Bình"]
    # Every portal on request: both, the other portal's with its own address and name.
    response = get(client, "/tim-kiem/", q="dai hoi", all_sites="on")
    assert titles(response) == ["Đại hội Đảng bộ tỉnh", "Đại hội Đảng bộ xã An Bình"]
    html = response.content.decode()
    assert f'href="http://{SUB_HOST}/tin-xa/dai-hoi-dang-bo-xa-an-binh/"' in html
    assert "Cổng: Xã An Bình" in html
    assert 'name="all_sites"' in html and "Tìm trên tất cả các cổng" in html


def test_library_and_search_scope_documents_to_their_portal(client, make_document, sub_portal):
    portal, _ = sub_portal
    main = make_document("01/NQ-HĐND", "Nghị quyết về ngân sách tỉnh")
    local = make_document("02/QĐ-UBND", "Quyết định về ngân sách xã", site=portal)
    assert IndexEntry.objects.get(kind="document", object_id=local.pk).site_id == portal.pk

    def listed(host=None, **params):
        response = get(client, reverse("library:index"), host, **params)
        return [document.number for document in response.context["page_obj"].object_list]

    assert listed() == [main.number]
    assert listed(SUB_HOST) == [local.number]
    assert listed(q="ngan sach") == [main.number]
    assert listed(q="02/QĐ-UBND") == []
    # Another portal's document is not there at this portal's address, nor its file.
    assert client.get(local.get_absolute_url()).status_code == 404
    assert get(client, local.get_absolute_url(), SUB_HOST)
    assert titles(get(client, "/tim-kiem/", q="ngan sach")) == [main.search_title()]
    assert len(titles(get(client, "/tim-kiem/", q="ngan sach", all_sites="1"))) == 2


def test_single_portal_shows_no_portal_option(client, article):
    html = get(client, "/tim-kiem/", q="dai hoi").content.decode()
    assert "all_sites" not in html
    # Asked for anyway (an old link), it changes nothing.
    assert titles(get(client, "/tim-kiem/", q="dai hoi", all_sites="1")) == [article.title]


def test_a_publish_shows_at_once_despite_the_results_cache(client, make_article, publish):
    first = make_article("Kỷ niệm ngày thành lập tỉnh")
    assert titles(get(client, "/tim-kiem/", q="ky niem")) == [first.title]
    second = make_article("Kỷ niệm ngày giải phóng", publish=False)
    publish(second)
    assert titles(get(client, "/tim-kiem/", q="ky niem")) == sorted([first.title, second.title])
    second.refresh_from_db()  # published through its revision: this copy still says "draft"
    publish(lambda: second.unpublish())
    assert titles(get(client, "/tim-kiem/", q="ky niem")) == [first.title]


def test_document_saved_shows_at_once_in_library_and_search(client, make_document):
    make_document("01/NQ-HĐND", "Nghị quyết về ngân sách tỉnh")
    get(client, reverse("library:index"))
    get(client, "/tim-kiem/", q="ngan sach")
    added = make_document("02/NQ-HĐND", "Nghị quyết bổ sung ngân sách", issued_on=datetime.date(2021, 1, 1))
    response = get(client, reverse("library:index"))
    assert response.context["page_obj"].paginator.count == 2
    assert "2021" in [label for _, label in response.context["form"].fields["year"].choices]
    assert added.search_title() in titles(get(client, "/tim-kiem/", q="ngan sach"))


@pytest.mark.parametrize(
    "query",
    [
        "dang",
        "dang bo",
        "ky niem",
        "Đảng bộ tỉnh",
        "x" * 5000,
        "đảng " * 400,
        "!!!...???",
        '"',
        '"dang',
        "dang*",
        "*",
        "NEAR(dang bo)",
        "dang NEAR bo",
        "AND(",
        "dang AND OR NOT bo",
        "title_folded:dang",
        "{title_exact} : dang",
        "dang\x00bo",
        "\x00",
        "'; DROP TABLE search_indexentry; --",
        "dang & bo | !x <-> y",
    ],
)
def test_hostile_queries_never_fail(client, make_article, query):
    make_article("Đại hội Đảng bộ tỉnh lần thứ XVII")
    for params in ({"q": query}, {"q": query, "trang": "2"}, {"q": query, "trang": "99999999999999999999999"}):
        response = client.get("/tim-kiem/", params)
        assert response.status_code in (200, 400), (query, response.status_code)
    response = client.get(reverse("library:index"), {"q": query})
    assert response.status_code in (200, 400), (query, response.status_code)


@pytest.mark.parametrize("raw", ["%ff%fe", "%ED%A0%80", "%00", "%C0%80dang", "dang%00bo"])
def test_undecodable_query_strings_never_fail(client, article, raw):
    for path in ("/tim-kiem/", reverse("library:index")):
        response = client.get(f"{path}?q={raw}&trang={raw}")
        assert response.status_code in (200, 400), (path, raw, response.status_code)


def test_query_count_is_constant(stats_caches_held, client, make_article):
    from django.test.utils import CaptureQueriesContext

    for number in range(25):
        make_article(f"Hội nghị cán bộ số {number}")
    get(client, "/tim-kiem/", q="khong co")  # warms the structure cache
    counts, hits = [], []
    for params in ({"q": "hoi nghi"}, {"q": "hoi nghi", "trang": "2"}, {"q": "can bo"}, {"q": "Hội nghị cán bộ"}):
        with CaptureQueriesContext(connection) as first:
            get(client, "/tim-kiem/", **params)
        with CaptureQueriesContext(connection) as again:
            get(client, "/tim-kiem/", **params)
        counts.append(len(first))
        hits.append(len(again))
        # A repeated search is answered from the results cache: no search query at all.
        assert not any("search_" in query["sql"] for query in again.captured_queries), again.captured_queries
    assert len(set(counts)) == 1, counts
    assert len(set(hits)) == 1 and hits[0] <= 1, hits


def test_library_query_count_does_not_grow(stats_caches_held, client, make_document):
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        get(client, reverse("library:index"))  # warm
        with CaptureQueriesContext(connection) as captured:
            get(client, reverse("library:index"), trang="1")
        return len(captured)

    make_document("1/QĐ", "Quyết định một")
    few = count_queries()
    for number in range(2, 30):
        make_document(f"{number}/QĐ", f"Quyết định số {number}", doc_type=f"Loại {number % 3}")
    assert count_queries() == few


@pytest.mark.django_db(transaction=True)
def test_migration_from_a_single_site_database_keeps_documents_on_the_main_site(site):
    executor = MigrationExecutor(connection)
    before = [("library", "0002_english_labels"), ("search", "0006_draft_kind")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    DocumentType = old.get_model("library", "DocumentType")
    Issuer = old.get_model("library", "Issuer")
    OldDocument = old.get_model("library", "Document")
    OldEntry = old.get_model("search", "IndexEntry")
    document = OldDocument.objects.create(
        number="57-NQ/TW",
        number_normalised="57-nq/tw",
        summary="Về phát triển khoa học",
        doc_type=DocumentType.objects.create(name="Nghị quyết"),
        issuer=Issuer.objects.create(name="Bộ Chính trị"),
        issued_on=datetime.date(2020, 1, 5),
    )
    OldEntry.objects.create(kind="document", object_id=document.pk, title="57-NQ/TW", url="/van-ban/1/")
    home = site.root_page
    OldEntry.objects.create(kind="page", object_id=home.pk, title="Home", url="/", tree_path=home.path + "0001")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Document.objects.get(pk=document.pk).site_id == site.pk
    assert set(IndexEntry.objects.values_list("site_id", flat=True)) == {site.pk}
