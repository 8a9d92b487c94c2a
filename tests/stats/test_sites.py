"""Sub-portals (several Wagtail Sites in one install): statistics stay per site. A page view
on one portal never changes another's figures, in both counter stores; a beacon's site
comes from its signed token and must match the portal it is sent to; the dashboard shows
one portal at a time, and a sub-portal's admin sees only theirs."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.support.stats import BROWSER_UA, FIREFOX_UA
from vnportal.stats import capture, clock, ingest, queries
from vnportal.stats.models import DailyPageCount, DailySiteCount

from .test_ingest import Beacon, nginx_line

SUB_HOST = "xa-an-binh.localhost"
DASHBOARD = "/quan-tri/thong-ke/"


@pytest.fixture
def sub_portal(db, settings, make_section, make_article):
    """A second portal: its own home, section and article, under its own host."""
    from wagtail.models import Page, Site

    from vnportal.news.models import HomePage

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, SUB_HOST]
    root = Page.get_first_root_node()
    home = HomePage(title="Cổng thông tin xã An Bình", slug="xa-an-binh")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=SUB_HOST, port=80, root_page=home, site_name="Xã An Bình")
    section = make_section("Tin xã", parent=home)
    article = make_article("Xã An Bình ra quân làm đường giao thông nông thôn", parent=section)
    capture.forget_sites()
    return site, article


def figures(site_id):
    return {
        "summary": queries.summary(site_id, use_cache=False),
        "site_rows": sorted(
            DailySiteCount.objects.filter(site_id=site_id).values_list("day", "metric", "key", "count")
        ),
        "page_rows": sorted(
            DailyPageCount.objects.filter(site_id=site_id).values_list("page_id", "day", "views", "hits")
        ),
        "most_read": [(page.pk, views) for page, views in queries.most_read(site_id, use_cache=False)],
    }


def test_a_page_view_on_one_portal_never_changes_another(store, site, article, sub_portal, get):
    sub_site, sub_article = sub_portal
    get(article.url, ip="203.0.113.1")
    get(article.url, ip="203.0.113.2", ua=FIREFOX_UA)
    store.flush()
    main_before = figures(site.pk)
    assert main_before["summary"]["today"] == 2 and main_before["summary"]["online"]["guests"] == 2
    assert main_before["most_read"] == [(article.pk, 2)]

    # The same readers (same address and browser) on the sub-portal: its own visits, online
    # readers, article views and most-read list; the provincial portal's stay as they were.
    sub_url = sub_article.get_url()
    for ip, ua in (("203.0.113.1", BROWSER_UA), ("203.0.113.2", FIREFOX_UA), ("203.0.113.3", BROWSER_UA)):
        assert get(sub_url, ip=ip, ua=ua, HTTP_HOST=SUB_HOST).status_code == 200
    get(sub_url, ip="203.0.113.3", HTTP_HOST=SUB_HOST)  # the same visit: a page view, no new visit
    store.flush()
    assert figures(site.pk) == main_before
    sub = figures(sub_site.pk)
    assert sub["summary"]["today"] == 3 and sub["summary"]["online"]["guests"] == 3
    assert sub["most_read"] == [(sub_article.pk, 3)]
    assert ("pageviews", 4) in {(metric, n) for _day, metric, _key, n in sub["site_rows"]}
    assert queries.page_views(sub_article.pk, use_cache=False) == 3
    assert queries.page_views(article.pk, use_cache=False) == 2

    # The block and GET /api/stats/ answer with the portal of the address asked.
    assert get("/api/stats/").json()["today"] == 2
    assert get("/api/stats/", HTTP_HOST=SUB_HOST).json()["today"] == 3


def test_each_portal_adds_its_own_starting_offset(store, site, sub_portal):
    from vnportal.stats import conf
    from vnportal.stats.models import StatsSettings

    sub_site, _ = sub_portal
    StatsSettings.objects.create(site=site, starting_offset=23_287_504)
    StatsSettings.objects.create(site=sub_site, starting_offset=1_000)
    conf.forget_params()
    assert queries.visit_totals(site.pk)["total"] == 23_287_504
    assert queries.visit_totals(sub_site.pk)["total"] == 1_000


def test_the_beacon_counts_for_the_portal_its_signed_token_names(store, site, article, sub_portal, client):
    sub_site, sub_article = sub_portal
    main_token = capture.page_token(site.pk, article.pk)
    sub_token = capture.page_token(sub_site.pk, sub_article.pk)
    hit = "/api/stats/hit"
    meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": BROWSER_UA}
    # A token of one portal sent to the other is refused: the client cannot choose the site.
    assert client.post(f"{hit}?t={sub_token}", **meta).status_code == 400
    assert client.post(f"{hit}?t={main_token}", HTTP_HOST=SUB_HOST, **meta).status_code == 400
    # A token forged to name the other site with a real page of it fails its signature.
    forged = capture.page_token(sub_site.pk, article.pk)
    assert client.post(f"{hit}?t={forged}", HTTP_HOST=SUB_HOST, **meta).status_code == 400
    store.flush()
    assert queries.visit_totals(site.pk)["today"] == 0 and queries.visit_totals(sub_site.pk)["today"] == 0

    assert client.post(f"{hit}?t={sub_token}", HTTP_HOST=SUB_HOST, **meta).status_code == 204
    store.flush()
    assert queries.visit_totals(sub_site.pk)["today"] == 1 and queries.visit_totals(site.pk)["today"] == 0
    assert queries.page_views(sub_article.pk, use_cache=False) == 1


def test_the_ingester_takes_the_site_from_the_token_and_the_host_alike(store, site, article, sub_portal):
    sub_site, sub_article = sub_portal
    ingest.forget_tokens()
    sub_token = capture.page_token(sub_site.pk, sub_article.pk)
    main_token = capture.page_token(site.pk, article.pk)
    lines = [
        nginx_line(Beacon(sub_token, ip="203.0.113.1").variables(host=SUB_HOST)),  # counted for the sub-portal
        nginx_line(Beacon(sub_token, ip="203.0.113.2").variables(host="testserver")),  # wrong portal: refused
        nginx_line(Beacon(main_token, ip="203.0.113.3").variables(host=SUB_HOST)),  # wrong portal: refused
        nginx_line(Beacon(main_token, ip="203.0.113.4").variables(host="testserver")),  # counted for the province
    ]
    tally = ingest.count_lines(lines, store)
    store.flush()
    assert tally.counted == 2 and tally.excluded == {"invalid_token": 2}
    assert queries.visit_totals(sub_site.pk)["today"] == 1 and queries.visit_totals(site.pk)["today"] == 1
    assert queries.page_views(sub_article.pk, use_cache=False) == 1


@pytest.fixture
def sub_admin(django_user_model, sub_portal):
    """The sub-portal's admin: rights on its pages only, and the statistics permission."""
    from wagtail.models import GroupPagePermission

    sub_site, _ = sub_portal
    user = django_user_model.objects.create_user("quantri-xa", password="mat-khau-dai-123", is_staff=True)
    group = Group.objects.create(name="Quản trị xã An Bình")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    group.permissions.add(Permission.objects.get(codename="view_statistics"))
    GroupPagePermission.objects.create(
        group=group,
        page=sub_site.root_page,
        permission=Permission.objects.get(codename="change_page", content_type__app_label="wagtailcore"),
    )
    user.groups.add(group)
    return user


def test_the_dashboard_shows_one_portal_chosen_by_a_superuser(
    client, admin_user, store, site, article, sub_portal, get
):
    sub_site, sub_article = sub_portal
    get(article.url)
    get(sub_article.get_url(), HTTP_HOST=SUB_HOST)
    get(sub_article.get_url(), ip="203.0.113.8", HTTP_HOST=SUB_HOST)
    store.flush()
    client.force_login(admin_user)
    main = client.get(DASHBOARD).content.decode()
    assert 'name="site"' in main and "Xã An Bình" in main
    assert article.title in main and sub_article.title not in main
    sub = client.get(f"{DASHBOARD}?site={sub_site.pk}").content.decode()
    assert sub_article.title in sub and article.title not in sub
    assert f"site={sub_site.pk}" in sub  # the period and export links keep the portal
    csv = client.get(f"{DASHBOARD}xuat.csv?days=30&site={sub_site.pk}")
    assert csv.content.decode("utf-8-sig").splitlines()[-1].startswith(f"{clock.local_date().isoformat()},2,2")
    assert client.get(f"{DASHBOARD}?site=999999").status_code == 404


def test_a_sub_portals_admin_sees_only_their_portal(client, sub_admin, store, site, article, sub_portal, get):
    sub_site, sub_article = sub_portal
    get(article.url)
    get(sub_article.get_url(), HTTP_HOST=SUB_HOST)
    store.flush()
    client.force_login(sub_admin)
    html = client.get(DASHBOARD, HTTP_HOST=SUB_HOST).content.decode()
    assert sub_article.title in html and article.title not in html
    assert 'name="site"' not in html  # nothing to choose from
    for url in (f"{DASHBOARD}?site={site.pk}", f"{DASHBOARD}xuat.csv?site={site.pk}"):
        assert client.get(url, HTTP_HOST=SUB_HOST).status_code == 404


def test_history_from_before_sub_portals_stays_with_the_first_portal(store, site, article, get, stats_clock, db):
    """An install that counted for years on one portal, then adds a sub-portal: every daily
    row already names its site (since the first migration), so the old figures stay the
    provincial portal's and the new portal starts at zero."""
    from wagtail.models import Page, Site

    from vnportal.news.models import HomePage

    get(article.url)
    stats_clock.advance(days=1)
    get(article.url, ip="203.0.113.20")
    store.flush()
    before = figures(site.pk)
    home = HomePage(title="Cổng xã mới", slug="xa-moi")
    Page.get_first_root_node().add_child(instance=home)
    new = Site.objects.create(hostname="xa-moi.localhost", port=80, root_page=home, site_name="Xã mới")
    assert figures(site.pk) == before
    assert before["summary"]["total"] == 2
    assert queries.visit_totals(new.pk) == {"today": 0, "yesterday": 0, "month": 0, "total": 0}


def test_beacons_shed_by_the_ingester_show_on_every_portals_dashboard(client, admin_user, store, site, sub_portal):
    """Shed beacons belong to no portal (site 0): every dashboard shows them, all portals together."""
    sub_site, _ = sub_portal
    DailySiteCount.objects.create(site_id=0, day=clock.local_date(), metric="excluded", key="shed", count=1234)
    client.force_login(admin_user)
    for query in ("", f"?site={sub_site.pk}"):
        html = client.get(DASHBOARD + query).content.decode()
        assert "Beacon bị bỏ do bộ đếm quá tải trong kỳ này, mọi cổng: 1.234" in html
