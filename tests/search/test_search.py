import datetime
import unicodedata

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnportal.search.backends import search
from vnportal.search.models import IndexEntry

pytestmark = pytest.mark.django_db


def titles(results, n=None):
    return [entry.title for entry in results[: n or results.count()]]


def test_publishing_indexes_and_unpublishing_removes(make_article):
    article = make_article("Đại hội Đảng bộ tỉnh", lead="Ban Chấp hành khóa mới ra mắt.")
    assert IndexEntry.objects.filter(kind="article", object_id=article.pk).exists()
    assert titles(search("dang bo")) == ["Đại hội Đảng bộ tỉnh"]
    article.unpublish()
    assert search("dang bo").count() == 0


def test_drafts_are_not_indexed_and_deleting_removes(make_article):
    make_article("Bản nháp về quyết định mới", publish=False)
    assert search("quyet dinh").count() == 0
    article = make_article("Quyết định mới ban hành")
    assert search("quyet dinh").count() == 1
    article.delete()
    assert search("quyet dinh").count() == 0


def test_moving_a_page_updates_its_section_and_url(make_article, make_section):
    other = make_section("Kinh tế")
    article = make_article("Giá lúa tăng cao")
    article.move(other, pos="last-child")
    entry = IndexEntry.objects.get(kind="article", object_id=article.pk)
    assert entry.section_title == "Kinh tế"
    assert entry.url.startswith("/kinh-te/")


def test_restricted_pages_are_not_public_results(make_article):
    from wagtail.models import PageViewRestriction

    article = make_article("Tài liệu nội bộ mật")
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    assert search("noi bo").count() == 0


def test_body_streamfield_text_is_searchable(make_article):
    make_article("Tin ngắn", body=[("paragraph", "<p>Lễ hội <b>đền Hùng</b> năm nay</p>")])
    results = search("den hung")
    assert titles(results) == ["Tin ngắn"]


@pytest.mark.parametrize(
    "query", ["dang bo", "Đảng bộ", "ĐẢNG BỘ", "đảng bộ", "Ðảng bộ", unicodedata.normalize("NFD", "Đảng bộ")]
)
def test_accent_insensitive_including_d_and_stacked_marks(make_article, query):
    make_article("Đảng bộ khối doanh nghiệp")
    assert titles(search(query)) == ["Đảng bộ khối doanh nghiệp"]


def test_quyet_finds_quyet_with_stacked_marks(make_article):
    make_article("Quyết tâm hoàn thành kế hoạch")
    assert search("quyet").count() == 1
    assert search("quyêt").count() == 1


@pytest.mark.parametrize("query", ["Hòa Bình", "Hoà Bình", "hoa binh", "thúy", "thuý"])
def test_tone_placement_variants_match(make_article, query):
    make_article("Cầu Hoà Bình ở xã Thúy Lĩnh")
    assert search(query).count() == 1


def test_accented_exact_match_ranks_above_folded_match(make_article):
    make_article("Nhân dân đóng góp xây dựng đường", display_date=timezone.now())
    make_article("Nhận dạng đơn vị điển hình", display_date=timezone.now() - datetime.timedelta(days=9))
    # Both fold to "nhan d…": the accented match must win whatever the dates.
    assert titles(search("nhận dạng"))[0] == "Nhận dạng đơn vị điển hình"
    assert titles(search("nhân dân"))[0] == "Nhân dân đóng góp xây dựng đường"
    tiers = [entry.tier for entry in search("nhận dạng")[:5]]
    assert tiers[0] == 4


def test_phrase_ranks_above_scattered_syllables(make_article):
    make_article("Bảo đảm an ninh trật tự", display_date=timezone.now() - datetime.timedelta(days=30))
    make_article("Trật tự xây dựng và an toàn giao thông ở Ninh Bình", display_date=timezone.now())
    make_article("An cư lạc nghiệp", display_date=timezone.now())
    results = search("an ninh trật tự")
    assert titles(results)[0] == "Bảo đảm an ninh trật tự"
    # Items with only some of the syllables are left out while some item has them all.
    assert [e.tier for e in results[:3]] == [4, 2]


def test_items_with_some_syllables_come_in_when_none_has_all(make_article):
    make_article("Bảo đảm an ninh trật tự")
    make_article("An cư lạc nghiệp")
    results = search("an ninh xyzzy")
    assert results.count() == 2 and results.mode == "any"
    assert {e.tier for e in results[:5]} == {1}


def test_broad_queries_are_ordered_by_tier_then_date(make_article, monkeypatch):
    from vnportal.search import backends

    monkeypatch.setattr(backends, "SCORE_LIMIT", 1)
    make_article("Tin cũ về hội nghị", display_date=timezone.now() - datetime.timedelta(days=5))
    make_article("Hội nghị mới", display_date=timezone.now())
    make_article("Nghị quyết của hội đồng", display_date=timezone.now() + datetime.timedelta(days=1))
    results = search("hội nghị")
    assert results.count() == 1 and results.more  # counting stops at the limit
    assert [e.title for e in results[:3]] == ["Hội nghị mới", "Tin cũ về hội nghị", "Nghị quyết của hội đồng"]
    assert [e.tier for e in results[:3]] == [4, 4, 2]
    assert [e.title for e in results[1:3]] == ["Tin cũ về hội nghị", "Nghị quyết của hội đồng"]
    # Filters take the other path on SQLite (through the entry rows); same order.
    start = timezone.now() - datetime.timedelta(days=30)
    assert [e.title for e in search("hội nghị", date_from=start)[:3]] == [
        "Hội nghị mới",
        "Tin cũ về hội nghị",
        "Nghị quyết của hội đồng",
    ]
    assert [e.tier for e in search("hoi nghi xyzzy")[:3]] == [1, 1, 1]


def test_short_common_syllables_are_not_stop_words(make_article):
    # PostgreSQL's English configuration drops "an", "do" and stems "ngày".
    make_article("Khen thưởng do Sở đề nghị")
    make_article("Ngày hội văn hóa")
    assert search("do").count() == 1
    assert search("an").count() == 0
    assert search("ngày").count() == 1
    assert search("ngay hoi").count() == 1


def test_document_numbers_are_found_on_the_search_page(make_document):
    make_document("57-NQ/TW", "Về phát triển khoa học, công nghệ")
    make_document("42/2022/NĐ-CP", "Về cung cấp thông tin trên môi trường mạng", doc_type="Nghị định")
    make_document("31-KH/UBND", "Thực hiện Nghị quyết 57-NQ/TW của Bộ Chính trị", doc_type="Kế hoạch")
    assert "57-NQ/TW" in titles(search("57-NQ/TW"), 1)[0]
    assert [e.tier for e in search("57-nq/tw")[:2]] == [5, 3]  # no marks typed: no "exact" tier
    assert "31-KH/UBND" in titles(search("thuc hien 57-NQ/TW"), 1)[0]
    assert "42/2022/NĐ-CP" in titles(search("42/2022/nd-cp"), 1)[0]
    assert "42/2022/NĐ-CP" in titles(search("NĐ-CP"), 1)[0]


def test_filters_by_kind_section_and_date(make_article, make_section, make_document):
    economy = make_section("Kinh tế")
    make_article("Đầu tư vào khu công nghiệp", display_date=timezone.make_aware(datetime.datetime(2024, 5, 1)))
    make_article("Đầu tư nông nghiệp", parent=economy, display_date=timezone.make_aware(datetime.datetime(2023, 5, 1)))
    make_document("10/QĐ-UBND", "Về thu hút đầu tư", issued_on=datetime.date(2022, 1, 1))
    assert search("dau tu").count() == 3
    assert search("dau tu", kinds=["document"]).count() == 1
    assert titles(search("dau tu", tree_path=economy.path)) == ["Đầu tư nông nghiệp"]
    start = timezone.make_aware(datetime.datetime(2024, 1, 1))
    assert titles(search("dau tu", date_from=start)) == ["Đầu tư vào khu công nghiệp"]
    assert search("dau tu", date_to=start).count() == 2


QUERY_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400) | st.sampled_from(
    [
        '"',
        "'",
        '"a" OR b',
        "NEAR(a b)",
        "a AND",
        "OR",
        "* ",
        "^a",
        "{title}: x",
        "col:x",
        "a -b",
        "a & b | !c",
        "a <-> b",
        "a:*",
        "'; DROP TABLE search_indexentry; --",
        "%",
        "_",
        "\\",
        "\x00",
        "ᄀ",
        "🇻🇳",
        "ß",
        "İ",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERY_TEXT)
def test_any_query_never_raises(make_article, query):
    if not IndexEntry.objects.exists():
        make_article("Đại hội đại biểu Đảng bộ tỉnh")
    results = search(query)
    count = results.count()
    assert len(results[:10]) == min(count, 10)


def test_full_text_structures_exist_for_this_database():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'search_fts'")
            assert cursor.fetchone() is not None
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT to_tsvector('vnportal_fold', 'Đảng bộ AN NINH do ngày')::text")
            assert cursor.fetchone()[0] == "'an':3 'bo':2 'dang':1 'do':5 'ngay':6 'ninh':4"
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_fts_folded'")
            assert "gin" in cursor.fetchone()[0].lower()
        else:
            pytest.skip(f"no full-text structures on {connection.vendor}")


def test_rebuild_indexes_existing_content(make_article, make_document):
    from vnportal.search.indexer import rebuild

    make_article("Hội nghị Ban Chấp hành")
    make_document()
    IndexEntry.objects.all().delete()
    assert search("chap hanh").count() == 0
    rebuild()
    assert search("chap hanh").count() == 1
    assert search("57-NQ/TW").count() == 1
