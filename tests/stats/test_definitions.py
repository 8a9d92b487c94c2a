"""DESIGN.md's counting definitions, each against both counter stores, with a clock we move."""

import datetime

import pytest

from tests.support.stats import BROWSER_UA, FIREFOX_UA, metric, page_counts
from vnportal.stats import queries
from vnportal.stats.models import StatsSettings


def flush_summary(store, site):
    store.flush()
    return queries.summary(site.pk, use_cache=False)


# --- human page view -------------------------------------------------------------------


def test_a_human_page_view_counts_once(store, article, get, site):
    assert get(article.url).status_code == 200
    store.flush()
    assert metric("pageviews") == 1 and metric("visits") == 1
    assert page_counts(article.pk) == (1, 1)


def test_what_is_not_a_human_page_view(store, article, get, client, admin_client, site):
    client.post(article.url, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=BROWSER_UA)
    get("/khong-co-trang-nay/")  # 404
    get("/api/stats/")  # JSON, not a page
    admin_client.get("/quan-tri/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=BROWSER_UA)
    get(article.url, HTTP_SEC_PURPOSE="prefetch;prerender")
    get(article.url, HTTP_PURPOSE="prefetch")
    store.flush()
    assert metric("pageviews") == 0 and metric("visits") == 0
    assert page_counts(article.pk) == (0, 0)
    assert metric("excluded", key="prefetch") == 2


def test_a_preview_is_not_counted(store, article, admin_client, site):
    response = admin_client.get(f"/quan-tri/pages/{article.pk}/view_draft/", HTTP_USER_AGENT=BROWSER_UA)
    assert response.status_code == 200
    store.flush()
    assert metric("pageviews") == 0 and page_counts(article.pk) == (0, 0)


def test_a_draft_is_not_served_nor_counted(store, make_article, get):
    draft = make_article("Bản nháp chưa đăng", publish=False)
    assert get(draft.url or f"/tin-tuc-su-kien/{draft.slug}/").status_code == 404
    store.flush()
    assert page_counts(draft.pk) == (0, 0)


# --- visitors, visits and the clock -------------------------------------------------------


def test_a_visit_ends_after_thirty_minutes_unseen(store, article, get, stats_clock):
    get(article.url)
    stats_clock.advance(minutes=29, seconds=59)
    get(article.url)  # same visit (sliding)
    stats_clock.advance(minutes=29, seconds=59)
    get(article.url)  # still the same visit: the timeout slides with each view
    stats_clock.advance(minutes=30)
    get(article.url)  # 30 minutes unseen: a new visit
    store.flush()
    assert metric("visits") == 2
    assert metric("pageviews") == 4
    assert page_counts(article.pk) == (2, 4)  # once per visitor per visit


def test_a_visit_splits_at_local_midnight(store, article, get, stats_clock, site):
    stats_clock.set(2026, 11, 26, 23, 50)  # 16:50 UTC: the local day is what counts
    get(article.url)
    stats_clock.set(2026, 11, 27, 0, 5)  # 15 minutes later, but the next local day
    get(article.url)
    store.flush()
    assert metric("visits", day=datetime.date(2026, 11, 26)) == 1
    assert metric("visits", day=datetime.date(2026, 11, 27)) == 1
    summary = queries.summary(site.pk, use_cache=False)
    assert (summary["today"], summary["yesterday"]) == (1, 1)


def test_utc_midnight_is_not_a_local_midnight(store, article, get, stats_clock):
    stats_clock.set(2026, 11, 27, 6, 50)  # 23:50 UTC
    get(article.url)
    stats_clock.set(2026, 11, 27, 7, 5)  # 00:05 UTC, same local day and visit
    get(article.url)
    store.flush()
    assert metric("visits") == 1


def test_different_people_make_different_visits(store, article, get):
    get(article.url, ip="203.0.113.1")
    get(article.url, ip="203.0.113.2")
    get(article.url, ip="203.0.113.1", ua=FIREFOX_UA)  # another browser on the same address
    get(article.url, ip="203.0.113.1")
    store.flush()
    assert metric("visits") == 3 and page_counts(article.pk) == (3, 4)


def test_a_member_is_one_visitor_across_addresses(store, article, client, django_user_model):
    user = django_user_model.objects.create_user("docgia", password="mat-khau-dai-123")
    client.force_login(user)
    for address in ("203.0.113.1", "198.51.100.4"):
        client.get(article.url, REMOTE_ADDR=address, HTTP_USER_AGENT=BROWSER_UA)
    store.flush()
    assert metric("visits") == 1 and page_counts(article.pk) == (1, 2)


def test_the_visit_timeout_comes_from_the_settings(store, article, get, stats_clock, site):
    StatsSettings.objects.update_or_create(site=site, defaults={"visit_timeout_minutes": 10})
    get(article.url)
    stats_clock.advance(minutes=11)
    get(article.url)
    store.flush()
    assert metric("visits") == 2


# --- online now ----------------------------------------------------------------------


def test_online_is_a_sliding_five_minute_window(store, article, get, stats_clock, site):
    get(article.url, ip="203.0.113.1")
    stats_clock.advance(minutes=3)
    get(article.url, ip="203.0.113.2")
    assert flush_summary(store, site)["online"] == {"guests": 2, "members": 0, "bots": 0, "total": 2}
    stats_clock.advance(minutes=2, seconds=1)  # the first reader was seen 5 min 1 s ago
    assert flush_summary(store, site)["online"]["guests"] == 1
    stats_clock.advance(minutes=3)
    assert flush_summary(store, site)["online"]["total"] == 0


def test_online_splits_members_guests_and_keeps_bots_apart(store, article, get, client, site, django_user_model):
    user = django_user_model.objects.create_user("thanhvien", password="mat-khau-dai-123")
    get(article.url, ip="203.0.113.1")
    get(article.url, ip="203.0.113.2")
    get(article.url, ip="66.249.66.1", ua="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    client.force_login(user)
    client.get(article.url, REMOTE_ADDR="203.0.113.3", HTTP_USER_AGENT=BROWSER_UA)
    online = flush_summary(store, site)["online"]
    assert online == {"guests": 2, "members": 1, "bots": 1, "total": 3}
    assert metric("visits") == 3  # the bot makes no visit


def test_a_reader_online_across_midnight_is_counted_once(store, article, get, stats_clock, site):
    stats_clock.set(2026, 11, 26, 23, 58)
    get(article.url)
    stats_clock.set(2026, 11, 27, 0, 1)
    get(article.url)  # new visit (midnight), new daily id, yet the same reader online
    summary = flush_summary(store, site)
    assert summary["online"]["guests"] == 1
    assert metric("visits") == 2


def test_the_online_window_comes_from_the_settings(store, article, get, stats_clock, site):
    StatsSettings.objects.update_or_create(site=site, defaults={"online_window_minutes": 15})
    get(article.url)
    stats_clock.advance(minutes=14)
    assert flush_summary(store, site)["online"]["guests"] == 1


# --- totals --------------------------------------------------------------------------


def test_totals_today_yesterday_month_and_all_time_with_offset(store, article, get, stats_clock, site):
    StatsSettings.objects.update_or_create(site=site, defaults={"starting_offset": 23287504})
    stats_clock.set(2026, 10, 31, 9, 0)
    get(article.url, ip="203.0.113.1")
    stats_clock.set(2026, 11, 25, 9, 0)
    get(article.url, ip="203.0.113.1")
    get(article.url, ip="203.0.113.2")
    stats_clock.set(2026, 11, 26, 9, 0)
    for n in range(3):
        get(article.url, ip=f"203.0.113.{10 + n}")
    summary = flush_summary(store, site)
    assert {k: summary[k] for k in ("today", "yesterday", "month", "total")} == {
        "today": 3,
        "yesterday": 2,
        "month": 5,
        "total": 23287504 + 6,
    }


def test_rollover_never_rewrites_history(store, article, get, stats_clock, site):
    from vnportal.stats.models import DailySiteCount

    stats_clock.set(2026, 12, 31, 23, 0)
    get(article.url)
    store.flush()
    before = list(DailySiteCount.objects.order_by("pk").values())
    stats_clock.set(2027, 1, 1, 0, 30)  # new month and new year
    get(article.url)
    summary = flush_summary(store, site)
    assert list(DailySiteCount.objects.filter(pk__in=[r["id"] for r in before]).order_by("pk").values()) == before
    assert summary["month"] == 1 and summary["yesterday"] == 1 and summary["total"] == 2


def test_referrer_domains_are_counted_per_visit(store, article, get):
    get(article.url, HTTP_REFERER="https://www.google.com/search?q=dai+hoi")
    get(article.url, HTTP_REFERER="https://www.google.com/search?q=khac")  # same visit
    get(article.url, ip="203.0.113.99", HTTP_REFERER="http://testserver/")  # internal
    store.flush()
    assert metric("referrer", key="google.com") == 1
    assert metric("visits") == 2


# --- the flush ---------------------------------------------------------------------


def test_a_flush_with_nothing_new_changes_nothing(store, article, get):
    get(article.url)
    store.flush()
    store.flush()
    assert metric("pageviews") == 1 and page_counts(article.pk) == (1, 1)


def test_a_failed_flush_keeps_the_hits_and_retries_once(store, article, get, monkeypatch):
    from vnportal.stats.stores import base

    get(article.url)
    get(article.url, ip="203.0.113.50")
    real = base.write_counts
    calls = []

    def failing(counts):
        calls.append(1)
        raise RuntimeError("database unreachable")

    module = __import__(f"vnportal.stats.stores.{store.name}", fromlist=["write_counts"])
    monkeypatch.setattr(module, "write_counts", failing)
    with pytest.raises(RuntimeError):
        store.flush()
    assert metric("pageviews") == 0
    monkeypatch.setattr(module, "write_counts", real)
    store.flush()
    store.flush()
    assert metric("pageviews") == 2 and metric("visits") == 2 and calls == [1]
