"""The public side: the summary JSON, the sidebar block without JavaScript, "Lượt xem",
and the beacon that counts pages served from a cache."""

import re

import pytest
from django.core import signing

from tests.support.stats import BROWSER_UA, metric, page_counts
from vnportal.stats import capture, queries


def test_summary_json_has_exactly_the_documented_shape(store, article, get, site, django_user_model, client):
    get(article.url, ip="203.0.113.1")
    get(article.url, ip="66.249.66.1", ua="Googlebot/2.1 (+http://www.google.com/bot.html)")
    store.flush()
    queries.forget(site.pk)  # the page render above cached the summary for 10 s
    response = get("/api/stats/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "max-age=10" in response["Cache-Control"] and "public" in response["Cache-Control"]
    data = response.json()
    assert data == {
        "online": {"guests": 1, "members": 0, "bots": 1, "total": 1},
        "today": 1,
        "yesterday": 0,
        "month": 1,
        "total": 1,
    }


def test_the_block_reads_correctly_without_javascript(store, article, get, site):
    from vnportal.stats.models import StatsSettings

    StatsSettings.objects.update_or_create(site=site, defaults={"starting_offset": 23287504})
    for n in range(3):
        get(article.url, ip=f"203.0.113.{n}")
    store.flush()
    queries.forget(site.pk)
    html = get(article.url, ip="203.0.113.1").content.decode()
    block = html[html.index("data-stats-block") :]
    block = block[: block.index("</section>")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))
    for label, value in (
        ("Khách", "3"),
        ("Thành viên", "0"),
        ("Tổng", "3"),
        ("Hôm nay", "3"),
        ("Hôm qua", "0"),
        ("Tháng này", "3"),
        ("Tổng lượt truy cập", "23.287.507"),
    ):
        assert f" {label} {value} " in text, (label, text)
    assert "Người trực tuyến" in text
    assert html.index("data-stats-block") < html.index("sections-block-title") or "sections-block-title" not in html


def test_article_shows_its_views(store, article, get):
    for n in range(4):
        get(article.url, ip=f"203.0.113.{n}")
    get(article.url, ip="203.0.113.0")  # same visit: not a new view
    store.flush()
    queries.page_views(article.pk, use_cache=False)
    html = get(article.url, ip="203.0.113.200").content.decode()
    assert "Lượt xem: 4" in html


# --- the beacon ----------------------------------------------------------------------


@pytest.fixture
def cached_pages(settings):
    """Pages a shared cache may keep are counted by the beacon, not at render."""
    settings.STATS_BEACON_ALWAYS = True


def _token(html):
    match = re.search(r'data-stats-token="([^"]+)"', html)
    assert match, "no beacon in the page"
    return match.group(1)


def test_a_cacheable_page_carries_a_beacon_and_is_counted_by_it(store, article, get, client, cached_pages):
    html = get(article.url).content.decode()
    store.flush()
    assert metric("pageviews") == 0  # not counted at render: the cached copies would be missed
    token = _token(html)
    assert f"hit.gif?t={token}" in html and "<noscript>" in html
    for reader in ("203.0.113.1", "203.0.113.2"):  # two readers of the same cached copy
        response = client.post(
            "/api/stats/hit",
            {"t": token, "r": "https://www.google.com/"},
            REMOTE_ADDR=reader,
            HTTP_USER_AGENT=BROWSER_UA,
        )
        assert response.status_code == 204 and "no-store" in response["Cache-Control"]
    pixel = client.get(f"/api/stats/hit.gif?t={token}", REMOTE_ADDR="203.0.113.3", HTTP_USER_AGENT=BROWSER_UA)
    assert pixel["Content-Type"] == "image/gif"
    store.flush()
    assert metric("visits") == 3 and page_counts(article.pk) == (3, 3)
    assert metric("referrer", key="google.com") == 2


def test_public_cache_control_switches_to_the_beacon(store, article, rf):
    from django.http import HttpResponse

    response = HttpResponse("x")
    response["Cache-Control"] = "public, max-age=60"
    assert capture.shared_cacheable(response)
    response["Cache-Control"] = "private, max-age=60"
    assert not capture.shared_cacheable(response)
    assert not capture.shared_cacheable(HttpResponse("x"))


@pytest.mark.parametrize("case", ["forged", "tampered", "other_site", "unknown", "draft", "expired", "missing"])
def test_bad_beacon_tokens_are_refused(store, article, make_article, client, site, case, monkeypatch, settings):
    import time

    good = capture.page_token(site.pk, article.pk)
    draft = make_article("Bài nháp", publish=False)
    token = {
        "forged": signing.dumps([site.pk, article.pk], key="not-our-secret", salt=capture.BEACON_SALT),
        "tampered": good.replace(
            good.split(":")[0], signing.b64_encode(f"[{site.pk},{article.pk + 1}]".encode()).decode()
        ),
        "other_site": capture.page_token(site.pk + 1, article.pk),
        "unknown": capture.page_token(site.pk, 987654),
        "draft": capture.page_token(site.pk, draft.pk),
        "expired": good,
        "missing": "",
    }[case]
    if case == "expired":  # replayed after the window
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + settings.STATS_BEACON_MAX_AGE + 5)
    response = client.post("/api/stats/hit", {"t": token}, REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT=BROWSER_UA)
    monkeypatch.undo()
    assert response.status_code == 400
    store.flush()
    assert metric("pageviews") == 0 and metric("visits") == 0
    assert metric("excluded", key="invalid_token") == 1


def test_a_beacon_from_a_bot_is_excluded(store, article, client, site):
    token = capture.page_token(site.pk, article.pk)
    client.post("/api/stats/hit", {"t": token}, REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="HeadlessChrome/124")
    store.flush()
    assert metric("pageviews") == 0 and metric("excluded", key="headless") == 1


def test_the_beacon_script_is_served():
    from django.contrib.staticfiles import finders

    path = finders.find("vnportal/js/stats.js")
    source = open(path, encoding="utf-8").read()
    assert "sendBeacon" in source and "data-stats-token" in source and "setInterval" in source


def test_the_home_page_lists_the_most_read_articles_by_the_same_counts(store, make_article, get, home):
    first = make_article("Bài được đọc nhiều")
    second = make_article("Bài ít người đọc")
    make_article("Bài chưa ai đọc")
    for n in range(3):
        get(first.url, ip=f"203.0.113.{n}")
        get(first.url, ip=f"203.0.113.{n}")  # same visit: counted once, as "Lượt xem"
    get(second.url, ip="203.0.113.9")
    store.flush()
    html = get("/", ip="203.0.113.50").content.decode()
    section = html[html.index("most-read-heading") :]
    section = section[: section.index("</section>")]
    assert "Đọc nhiều nhất" in section
    assert section.index("Bài được đọc nhiều") < section.index("Bài ít người đọc")
    assert "Lượt xem: 3" in section and "Lượt xem: 1" in section and "Bài chưa ai đọc" not in section
