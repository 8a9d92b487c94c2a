"""Fixtures shared by every app's tests."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def fresh_structure_cache():
    """Every test starts from an empty database: the cached site structure must not outlive it."""
    from wagtail.models import Site

    from vnportal.core import nearcache, structure

    structure.bump_now()
    nearcache.clear()  # every entry is generation-keyed; this only keeps a test's memory its own
    # Wagtail keeps the sites' root paths in the cache and forgets them when a Site is saved or
    # deleted, not when a test's transaction rolls back: a sub-portal of an earlier test would
    # make page.url absolute in the next (tests/subportals).
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def fresh_search_and_library_caches():
    """Cached search result pages and library counts (generation-keyed, possibly in a shared Redis)
    must not outlive the database they were read from."""
    from vnportal.library import library_cache
    from vnportal.search import results_cache

    results_cache._bump_now()
    library_cache._bump_now()


@pytest.fixture(autouse=True)
def fresh_library_counts():
    """A document's views and downloads wait in the process (library/counts.py): those of an
    earlier test's documents must not be written to this test's rows of the same id."""
    from vnportal.library import counts

    counts.tally.discard()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Every test starts with no per-address counts (core/ratelimit.py). In the database they
    roll back with the test; in Redis they would outlive it, and every browser test posts from
    127.0.0.1, so the forms' limits would run out part-way through the suite."""
    from django.conf import settings

    if settings.REDIS_URL:
        from django.core.cache import cache

        try:
            cache.delete_pattern("rate:*")  # the cache's KEY_PREFIX (this run's) is applied
        except Exception:  # Redis down: the tests that stop it expect the database fallback
            pass


@pytest.fixture
def site(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific


@pytest.fixture
def make_section(home):
    from vnportal.news.models import SectionPage

    def make(title="Tin tức", parent=None, **fields):
        section = SectionPage(title=title, show_in_menus=True, **fields)
        (parent or home).add_child(instance=section)
        section.save_revision().publish()
        return section

    return make


@pytest.fixture
def section(make_section):
    return make_section("Tin tức - Sự kiện")


@pytest.fixture
def make_article(section):
    from vnportal.news.models import ArticlePage

    def make(title="Đại hội Đảng bộ tỉnh lần thứ XVII", parent=None, publish=True, **fields):
        fields.setdefault("lead", "Sapo của bài viết.")
        fields.setdefault("display_date", timezone.make_aware(datetime.datetime(2020, 11, 13, 15, 30)))
        tags = fields.pop("tags", [])
        article = ArticlePage(title=title, **fields)
        (parent or section).add_child(instance=article)
        if tags:
            article.tags.add(*tags)
            article.save()
        if publish:
            article.save_revision().publish()
        else:
            article.live = False
            article.save_revision()
            article.save()
        return article

    return make


@pytest.fixture
def article(make_article):
    return make_article()


@pytest.fixture
def page_cache(settings):
    """The page cache switched on (the test settings keep it off). A new generation before
    and after makes every stored page a miss (clear() would flush a shared Redis)."""
    from vnportal.core import pagecache

    settings.PAGE_CACHE_SECONDS = 300
    pagecache.reset()
    pagecache.purge_all()
    yield
    pagecache.purge_all()
    pagecache.reset()


@pytest.fixture
def fragment_cache(settings):
    """Fragment caches on (the test settings keep them off); a new generation before and after,
    so nothing kept by another test is read."""
    from vnportal.core import pagecache

    settings.FRAGMENT_CACHE_SECONDS = 3600
    pagecache.purge_all()
    yield
    pagecache.purge_all()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish (or run ``action``) and let the after-commit purges run, as in production."""

    def run(page_or_action):
        with django_capture_on_commit_callbacks(execute=True):
            if callable(page_or_action):
                page_or_action()
            else:
                page_or_action.save_revision().publish()

    return run


@pytest.fixture
def make_document(db):
    """A library document (văn bản) with its attachment: used by the library's and search's tests."""
    from tests.support.documents import make_document

    return make_document


@pytest.fixture
def stats_clock():
    """The statistics' clock, held by the test (10:00 local time on 26/11/2026) and moved by it."""
    from tests.support.stats import HCM, Clock
    from vnportal.stats import clock

    fake = Clock(datetime.datetime(2026, 11, 26, 10, 0, tzinfo=HCM).astimezone(datetime.UTC))
    clock.set_source(fake)
    yield fake
    clock.set_source(None)


@pytest.fixture
def stats_caches_held(monkeypatch):
    """Tests that render a page twice and compare the queries: the sidebar's statistics are
    cached for 10-300 s, and on a loaded machine the two renders have been more than 10 s
    apart, the summary expired in between and two more queries were counted. What is
    measured is the page's own queries, so the caches last the whole test."""
    from vnportal.stats import conf as stats_conf
    from vnportal.stats import queries as stats_queries

    for name in ("SUMMARY_TTL", "PAGE_VIEWS_TTL", "MOST_READ_TTL"):
        monkeypatch.setattr(stats_queries, name, 3600)
    # The statistics settings of a site (the offset, the online window) are read again after
    # PARAMS_TTL (30 s): one more query when a loaded machine puts more time between the renders.
    monkeypatch.setattr(stats_conf, "_params", type(stats_conf._params)(maxsize=1000, ttl=3600))
    # Likewise the host → site memo (60 s) and the rating widget's items (30 s): filled by an
    # earlier test, they could expire between the warm render and the counted one (the schedule's
    # count was once 5, then 4).
    from vnportal.ratings import items as rating_items
    from vnportal.stats import capture as stats_capture

    monkeypatch.setattr(stats_capture, "_sites_by_host", type(stats_capture._sites_by_host)(maxsize=1000, ttl=3600))
    monkeypatch.setattr(rating_items, "_items", type(rating_items._items)(maxsize=10_000, ttl=3600))
