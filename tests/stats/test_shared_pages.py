"""Statistics on pages from the page cache: every copy counts once, by beacon; members,
who are never served a shared copy, are counted on the server as before."""

import re

from tests.support.stats import BROWSER_UA, FIREFOX_UA, metric, page_counts
from vnportal.core import pagecache


def test_cached_copies_count_by_beacon_and_only_by_beacon(store, article, get, client, page_cache):
    first, second = get(article.url), get(article.url, ip="203.0.113.8", ua=FIREFOX_UA)
    assert first[pagecache.HIT_HEADER] == "MISS" and second[pagecache.HIT_HEADER] == "HIT"
    store.flush()
    assert metric("pageviews") == 0  # rendering (or serving a copy) counts nothing by itself
    token = re.search(r'data-stats-token="([^"]+)"', second.content.decode()).group(1)
    for ip, ua in (("203.0.113.7", BROWSER_UA), ("203.0.113.8", FIREFOX_UA)):
        assert client.post("/api/stats/hit", {"t": token}, REMOTE_ADDR=ip, HTTP_USER_AGENT=ua).status_code == 204
    store.flush()
    assert metric("pageviews") == 2 and page_counts(article.pk) == (2, 2)


def test_a_member_is_served_fresh_and_counted_on_the_server(store, article, get, client, page_cache, django_user_model):
    get(article.url)  # a guest fills the cache
    client.force_login(django_user_model.objects.create_user("doc-gia", "dg@example.vn", "mat-khau-dai-123"))
    response = get(article.url)
    assert pagecache.HIT_HEADER not in response and b"data-stats-token" not in response.content
    store.flush()
    assert metric("pageviews") == 1
