"""Lịch công tác as readers get it: the week view, a leader's view, the feeds, the home block,
sitemap.xml, metadata, purging and a fixed number of queries (issue 16, points 2 and 8)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from vnportal.schedule.models import Entry, Week

pytestmark = pytest.mark.django_db


def test_current_week_lists_entries_by_day_and_session_in_vietnamese(client, make_week, this_monday):
    make_week(this_monday, entries=4)
    response = client.get("/lich-cong-tac/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lịch công tác" in html
    assert f"Thứ Hai, {this_monday:%d/%m/%Y}" in html
    assert "Chủ Nhật" in html  # every day of the week has its row
    for n in range(1, 5):
        assert f"Họp bàn công việc số {n} về chuyển đổi số" in html
    assert "Sáng" in html and "Chiều" in html and "Tối" in html
    assert "Chủ trì" in html and "Nguyễn Văn Thành" in html and "Văn phòng Tỉnh ủy" in html
    # Navigation: previous / next week by their stable addresses; "this week" is the current page.
    previous = Week.key_of(this_monday - datetime.timedelta(days=7))
    following = Week.key_of(this_monday + datetime.timedelta(days=7))
    assert f'href="/lich-cong-tac/{previous[0]}/{previous[1]}/"' in html
    assert f'href="/lich-cong-tac/{following[0]}/{following[1]}/"' in html
    assert '<span aria-current="page">Tuần này</span>' in html
    assert "Điều chỉnh lần" not in html  # never changed since publication


def test_a_draft_week_is_not_public(client, make_week, this_monday):
    make_week(this_monday, entries=2, published=False)
    html = client.get("/lich-cong-tac/").content.decode()
    assert "Họp bàn công việc" not in html
    assert "chưa được đăng" in html


def test_another_week_by_its_address_with_a_link_back_to_this_week(client, make_week, this_monday):
    next_monday = this_monday + datetime.timedelta(days=7)
    week = make_week(next_monday, entries=1)
    html = client.get(f"/lich-cong-tac/{week.year}/{week.week}/").content.decode()
    assert "Họp bàn công việc số 1" in html
    assert 'href="/lich-cong-tac/">Tuần này</a>' in html
    assert f"{next_monday:%d/%m/%Y}" in html


@pytest.mark.parametrize(
    "path",
    [
        "/lich-cong-tac/2026/54/",
        "/lich-cong-tac/2026/0/",
        "/lich-cong-tac/0/1/",
        "/lich-cong-tac/99999/1/",
        "/lich-cong-tac/2025/53/",
    ],
)
def test_weeks_that_do_not_exist_are_404(client, path):
    assert client.get(path).status_code == 404


def test_iso_week_53_exists_in_2026(client):
    assert client.get("/lich-cong-tac/2026/53/").status_code == 200


def test_adjustment_is_shown_only_after_a_change(client, make_week, this_monday):
    week = make_week(this_monday, entries=1)
    assert "Điều chỉnh lần" not in client.get("/lich-cong-tac/").content.decode()
    moment = timezone.make_aware(datetime.datetime(2026, 12, 8, 16, 5))
    week.record_adjustment(now=moment)
    week.save()
    html = client.get("/lich-cong-tac/").content.decode()
    assert "Điều chỉnh lần 1, cập nhật lúc 16:05 08/12/2026" in html
    week.record_adjustment(now=moment + datetime.timedelta(hours=1))
    week.save()
    assert "Điều chỉnh lần 2, cập nhật lúc 17:05 08/12/2026" in client.get("/lich-cong-tac/").content.decode()


def test_leader_view_shows_only_what_the_leader_presides(client, make_week, this_monday, leaders):
    make_week(this_monday, entries=4)  # entries 1 and 3: leader 0; 2 and 4: leader 1
    html = client.get(f"/lich-cong-tac/lanh-dao/{leaders[1].pk}/").content.decode()
    assert "Lịch công tác của Trần Thị Hòa" in html
    assert "Họp bàn công việc số 2 " in html and "Họp bàn công việc số 4 " in html
    assert "Họp bàn công việc số 1 " not in html and "Họp bàn công việc số 3 " not in html
    assert f'href="/lich-cong-tac/lanh-dao/{leaders[1].pk}/lich.ics"' in html


def test_leader_view_of_a_non_leader_is_404(client, leaders):
    from vnportal.agency.models import Person

    clerk = Person.objects.create(name="Phạm Văn Bình", title="Chuyên viên")
    assert client.get(f"/lich-cong-tac/lanh-dao/{clerk.pk}/").status_code == 404
    assert client.get(f"/lich-cong-tac/lanh-dao/{clerk.pk}/lich.ics").status_code == 404
    assert client.get("/lich-cong-tac/lanh-dao/999999/").status_code == 404


def test_icalendar_feed_for_all_and_per_leader(client, make_week, this_monday, leaders):
    week = make_week(this_monday, entries=4)
    week.record_adjustment()
    week.save()
    response = client.get("/lich-cong-tac/lich.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    first = min(events, key=lambda e: e.decoded("dtstart"))
    start = first.decoded("dtstart")
    assert start.tzinfo is not None and start.utcoffset() == datetime.timedelta(hours=7)
    assert (start.date(), start.hour, start.minute) == (this_monday, 8, 30)
    assert str(first["summary"]) == "Họp bàn công việc số 1 về chuyển đổi số"
    assert str(first["location"]) == "Phòng họp số 1, Tỉnh ủy"
    assert "Chủ trì: Nguyễn Văn Thành" in str(first["description"])
    assert int(first["sequence"]) == 1  # the adjustment number: calendars replace the moved event
    assert calendar.walk("VTIMEZONE")  # the zone travels with the times
    leader_feed = Calendar.from_ical(client.get(f"/lich-cong-tac/lanh-dao/{leaders[0].pk}/lich.ics").content)
    assert len(leader_feed.walk("VEVENT")) == 2


def test_untimed_entry_starts_at_its_sessions_usual_hour(client, make_week, this_monday):
    week = make_week(this_monday, entries=0)
    Entry.objects.create(week=week, date=this_monday, session=Entry.Session.AFTERNOON, content="Đi cơ sở")
    event = Calendar.from_ical(client.get("/lich-cong-tac/lich.ics").content).walk("VEVENT")[0]
    assert event.decoded("dtstart").time() == datetime.time(13, 30)


def test_drafts_are_not_in_the_feed(client, make_week, this_monday):
    make_week(this_monday, entries=2, published=False)
    assert Calendar.from_ical(client.get("/lich-cong-tac/lich.ics").content).walk("VEVENT") == []


def test_dublin_core_and_open_graph(client, make_week, this_monday, settings):
    week = make_week(this_monday, entries=1)
    html = client.get(f"/lich-cong-tac/{week.year}/{week.week}/").content.decode()
    url = f"http://testserver/lich-cong-tac/{week.year}/{week.week}/"
    for needle in (
        '<meta name="DC.title" content="Lịch công tác — Tuần',
        '<meta name="DC.language" content="vi">',
        f'<meta name="DC.coverage" content="{this_monday:%Y-%m-%d}/',
        '<meta property="og:type" content="website">',
        '<meta property="og:title" content="Lịch công tác — Tuần',
        '<meta property="og:locale" content="vi_VN">',
        'type="text/calendar"',
    ):
        assert needle in html, needle
    assert url.split("testserver")[1] in html.split('rel="canonical" href="')[1].split('"')[0]


def test_sitemap_lists_the_schedule(client, make_week, this_monday, leaders):
    week = make_week(this_monday, entries=1)
    make_week(this_monday + datetime.timedelta(days=14), entries=1, published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/lich-cong-tac/</loc>" in xml
    assert f"/lich-cong-tac/{week.year}/{week.week}/</loc>" in xml
    assert f"/lich-cong-tac/lanh-dao/{leaders[0].pk}/</loc>" in xml
    draft_year, draft_week = Week.key_of(this_monday + datetime.timedelta(days=14))
    assert f"/lich-cong-tac/{draft_year}/{draft_week}/</loc>" not in xml


def test_html_site_map_and_main_menu_link_the_schedule(client, home):
    html = client.get("/so-do-cong/").content.decode()
    assert 'href="/lich-cong-tac/"' in html and "Lịch công tác" in html


def test_home_page_shows_this_weeks_schedule(client, home, make_week, this_monday, leaders):
    assert "Lịch công tác tuần này" not in client.get("/").content.decode()  # nothing published yet
    week = make_week(this_monday, entries=0)
    Entry.objects.create(
        week=week,
        date=this_monday + datetime.timedelta(days=6),
        session=Entry.Session.EVENING,
        content="Dự chương trình nghệ thuật chào mừng",
        presiding=leaders[0],
    )
    html = client.get("/").content.decode()
    assert "Lịch công tác tuần này" in html
    assert "Dự chương trình nghệ thuật chào mừng" in html
    assert "Chủ trì: Nguyễn Văn Thành" in html


def test_a_change_purges_the_schedule_and_home_page(
    client, home, make_week, this_monday, page_cache, django_capture_on_commit_callbacks
):
    week = make_week(this_monday, entries=1)
    assert client.get("/lich-cong-tac/")["X-Page-Cache"] == "MISS"
    assert client.get("/lich-cong-tac/")["X-Page-Cache"] == "HIT"
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        Entry.objects.filter(week=week).update(content="Nội dung mới")
        week.record_adjustment()
        week.save()
    response = client.get("/lich-cong-tac/")
    assert response["X-Page-Cache"] == "MISS"
    assert "Nội dung mới" in response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "MISS"
    assert client.get("/lich-cong-tac/lich.ics")["X-Page-Cache"] == "MISS"


def test_nginx_is_told_the_schedule_paths(
    make_week, this_monday, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from vnportal.core import purge

    settings.PAGE_CACHE_PURGE_URLS = ["http://127.0.0.1:9"]
    sent = []
    monkeypatch.setattr(purge, "_in_background", lambda fn, host, paths, *rest: sent.append((host, paths)))
    with django_capture_on_commit_callbacks(execute=True):
        week = make_week(this_monday, entries=0)
    paths = sent[-1][1]
    assert {"/", "/lich-cong-tac/", "/lich-cong-tac/lich.ics", f"/lich-cong-tac/{week.year}/{week.week}/"} <= set(paths)


def _warm_count(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_fixed_whatever_the_week_holds(client, home, make_week, this_monday, leaders, stats_caches_held):
    week = make_week(this_monday, entries=2)
    urls = ["/lich-cong-tac/", f"/lich-cong-tac/lanh-dao/{leaders[0].pk}/", "/lich-cong-tac/lich.ics", "/"]
    small = {url: _warm_count(client, url) for url in urls}
    for n in range(2, 40):
        Entry.objects.create(
            week=week,
            date=this_monday + datetime.timedelta(days=n % 7),
            session=Entry.Session.values[n % 3],
            content=f"Việc {n}",
            presiding=leaders[n % 2],
        )
    large = {url: _warm_count(client, url) for url in urls}
    print("query counts", small)
    assert large == small
    assert small["/lich-cong-tac/"] <= 10, small
    assert small["/lich-cong-tac/lich.ics"] <= 2, small


def test_shared_cache_marks_the_pages_public(client, make_week, this_monday, page_cache):
    make_week(this_monday, entries=1)
    for url in ("/lich-cong-tac/", "/lich-cong-tac/lich.ics"):
        response = client.get(url)
        assert response["Cache-Control"].startswith("public"), url


def test_published_entries_are_found_by_the_portal_search(client, make_week, this_monday, leaders):
    from vnportal.search.backends import search
    from vnportal.search.indexer import rebuild

    week = make_week(this_monday, entries=2)
    draft = make_week(this_monday + datetime.timedelta(days=7), entries=1, published=False)
    found = list(search("chuyen doi so", kinds=["schedule"]))
    assert sorted(entry.object_id for entry in found) == sorted(week.entries.values_list("pk", flat=True))
    html = client.get("/tim-kiem/?q=h%E1%BB%8Dp+b%C3%A0n+c%C3%B4ng+vi%E1%BB%87c").content.decode()
    assert "Lịch công tác" in html and f"/lich-cong-tac/{week.year}/{week.week}/#muc-" in html
    assert f"Thứ Hai, {this_monday:%d/%m/%Y}, sáng 08:30: " in html and "Chủ trì: Nguyễn Văn Thành" in html
    # Found by the presiding leader's name too; a draft week's entries never.
    assert search("Tran Thi Hoa", kinds=["schedule"]).count() == 1
    assert not any(e.object_id in set(draft.entries.values_list("pk", flat=True)) for e in search("hop ban"))
    # Withdrawing the week takes its entries out; publishing the draft puts its entries in.
    week.status = Week.Status.DRAFT
    week.save()
    assert search("chuyen doi so", kinds=["schedule"]).count() == 0
    draft.publish()
    draft.save()
    assert search("chuyen doi so", kinds=["schedule"]).count() == 1
    # Deleted entries leave the index; a rebuild finds the published ones again.
    draft.entries.all().delete()
    assert search("chuyen doi so", kinds=["schedule"]).count() == 0
    week.publish()
    week.save()
    rebuild()
    assert search("chuyen doi so", kinds=["schedule"]).count() == 2
    assert search("chuyen doi so", kinds=["document"]).count() == 0
