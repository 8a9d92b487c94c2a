import pytest

from vnportal.stats import queries as stats_queries


@pytest.fixture(autouse=True)
def stats_caches_outlive_the_test(monkeypatch):
    """The query-count tests render a page twice and count the second render's queries. The
    sidebar's statistics are cached for 10-300 s; on a loaded machine (CI beside other work)
    the two renders have been more than 10 s apart, the summary expired in between and two
    queries more were counted. What is measured is the page's own queries, so the caches
    last the whole test."""
    for name in ("SUMMARY_TTL", "PAGE_VIEWS_TTL", "MOST_READ_TTL"):
        monkeypatch.setattr(stats_queries, name, 3600)
