"""Banners, the maintenance notice and the link groups on the public pages (issue 16, points 3 and 6)."""

import datetime
import io
import re

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model

from vnportal.core import pagecache
from vnportal.core.localtime import make_local
from vnportal.navigation import boundaries, demo, shown
from vnportal.navigation.models import Banner, Link, LinkGroup, MaintenanceNotice

HOUR = datetime.timedelta(hours=1)


def png(color=(20, 80, 160), size=(300, 100)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def make_banner(db):
    def make(title="Chuyển đổi số", **fields):
        image = get_image_model().objects.create(title=title, file=ImageFile(io.BytesIO(png()), name="banner.png"))
        fields.setdefault("alt_text", f"Banner: {title}")
        fields.setdefault("shown_from", timezone.now() - HOUR)
        return Banner.objects.create(title=title, image=image, **fields)

    return make


@pytest.fixture
def links(db):
    demo.build()
    return LinkGroup.objects.all()


def sidebar(html):
    return html.split('class="sidebar"', 1)[1].split("</aside>", 1)[0]


def test_banners_are_shown_in_their_time_and_order(client, home, make_banner):
    make_banner("Thứ hai", sort_order=2, url="https://dichvucong.gov.vn/")
    make_banner("Thứ nhất", sort_order=1)
    make_banner("Hết hạn", shown_until=timezone.now() - datetime.timedelta(minutes=1))
    make_banner("Sắp tới", shown_from=timezone.now() + HOUR)
    html = sidebar(client.get("/").content.decode())
    alts = re.findall(r'alt="Banner: ([^"]+)"', html)
    assert alts == ["Thứ nhất", "Thứ hai"]
    assert '<a href="https://dichvucong.gov.vn/"' in html
    assert re.search(r'<img src="[^"]+\.webp" width="\d+" height="\d+"', html)


def test_a_banner_whose_image_file_is_gone_is_left_out(client, home, make_banner, settings):
    # Wagtail's rendition cache would remember another test's rendition of an image with the same id.
    settings.CACHES = {**settings.CACHES, "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    make_banner("Còn ảnh", sort_order=1)
    lost = make_banner("Mất ảnh", sort_order=2)
    lost.image.file.storage.delete(lost.image.file.name)
    response = client.get("/")
    assert response.status_code == 200
    html = sidebar(response.content.decode())
    assert "Banner: Còn ảnh" in html and "Banner: Mất ảnh" not in html


def test_a_banner_needs_alternative_text_and_an_end_after_its_start(make_banner):
    from django.core.exceptions import ValidationError

    banner = make_banner()
    banner.alt_text = "   "
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert "alt_text" in error.value.message_dict
    banner.alt_text = "Có mô tả"
    banner.shown_until = banner.shown_from - HOUR
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert "shown_until" in error.value.message_dict


def test_the_maintenance_notice_shows_from_its_time_until_the_restore_time(client, home):
    restore = make_local(datetime.datetime(2026, 12, 12, 22, 0))
    notice = MaintenanceNotice.objects.create(
        message="Cổng thông tin tạm dừng để nâng cấp hệ thống.",
        shown_from=timezone.now() - HOUR,
        downtime_starts=timezone.now() + HOUR,
        restore_at=max(restore, timezone.now() + 2 * HOUR),
    )
    html = client.get("/").content.decode()
    top = html.split('<header class="site-header"', 1)[0]
    assert "Cổng thông tin tạm dừng để nâng cấp hệ thống." in top
    expected = shown.clock_and_date(notice.restore_at)
    assert f"dự kiến hoạt động trở lại lúc {expected}" in top
    if notice.restore_at == restore:
        assert "dự kiến hoạt động trở lại lúc 22:00 ngày 12/12/2026" in top
    notice.shown_from = timezone.now() + datetime.timedelta(minutes=5)
    notice.save()
    assert "maintenance-notice" not in client.get("/").content.decode()


def test_the_restore_time_reads_in_vietnamese():
    moment = make_local(datetime.datetime(2026, 12, 12, 22, 0))
    assert shown.restore_text(moment) == "dự kiến hoạt động trở lại lúc 22:00 ngày 12/12/2026"
    assert shown.clock_and_date(moment.astimezone(datetime.UTC)) == "22:00 ngày 12/12/2026"


def test_a_maintenance_notice_checks_its_times(db):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    notice = MaintenanceNotice(message="Bảo trì", shown_from=now, downtime_starts=now - HOUR, restore_at=now - 2 * HOUR)
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert {"downtime_starts", "restore_at"} <= set(error.value.message_dict)


def test_the_links_page_lists_every_group_and_services_by_field(client, home, links):
    response = client.get("/lien-ket/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split('id="main"', 1)[1].split("</main>", 1)[0]
    for group in links:
        assert group.title in main
        for link in group.links.all():
            assert f'href="{link.url}"' in main
    services = main.split("Dịch vụ công trực tuyến", 1)[1]
    assert services.index("Đất đai") < services.index("Đăng ký biến động đất đai") < services.index("Hộ tịch")
    assert '<link rel="canonical" href="http://testserver/lien-ket/">' in html or 'rel="canonical"' in html
    assert '<meta property="og:title" content="Liên kết">' in html
    assert '<meta name="DC.title" content="Liên kết">' in html


def test_the_footer_lists_the_footer_groups(client, home, links):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert "Cổng thông tin Trung ương" in footer and "https://chinhphu.vn/" in footer
    assert "Dịch vụ công trực tuyến" not in footer  # that group is on /lien-ket/ only
    assert 'href="/lien-ket/"' in footer
    links_page_footer = client.get("/lien-ket/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert "footer-link-groups" not in links_page_footer  # not twice on the page that lists them all


def test_the_links_page_is_in_both_site_maps(client, home):
    assert 'href="/lien-ket/"' in client.get("/so-do-cong/").content.decode()


def test_demo_links_and_banners_are_made_once(client, home):
    demo.build()
    demo.build()
    assert LinkGroup.objects.count() == len(demo.GROUPS)
    assert Link.objects.count() == sum(len(group[2]) for group in demo.GROUPS)
    assert Banner.objects.count() == len(demo.BANNERS)
    assert sidebar(client.get("/").content.decode()).count("<img ") >= len(demo.BANNERS)


@pytest.mark.parametrize("change", ["link", "banner", "notice"])
def test_editing_links_banners_or_notices_purges_every_page(
    client, page_cache, publish, home, links, make_banner, change
):
    client.get("/lien-ket/")
    assert client.get("/lien-ket/")[pagecache.HIT_HEADER] == "HIT"

    def edit():
        if change == "link":
            link = Link.objects.first()
            link.title = "Tên mới của liên kết"
            link.save()
        elif change == "banner":
            make_banner("Mới")
        else:
            MaintenanceNotice.objects.create(
                message="Bảo trì",
                shown_from=timezone.now(),
                downtime_starts=timezone.now(),
                restore_at=timezone.now() + HOUR,
            )

    publish(edit)
    response = client.get("/lien-ket/")
    assert response.get(pagecache.HIT_HEADER) != "HIT"
    if change == "link":
        assert "Tên mới của liên kết" in response.content.decode()


def test_a_banner_starting_later_appears_on_cached_pages_on_time(client, page_cache, home, make_banner):
    now = timezone.now()
    make_banner("Hẹn giờ", shown_from=now + datetime.timedelta(minutes=10))
    boundaries.purge_at_boundaries(now)  # the scheduler's first run remembers when it ran
    client.get("/")
    assert client.get("/")[pagecache.HIT_HEADER] == "HIT"
    assert not boundaries.purge_at_boundaries(now + datetime.timedelta(minutes=9))  # nothing crossed yet
    assert client.get("/")[pagecache.HIT_HEADER] == "HIT"
    # The start time passes: the next run purges, and the page renders with the banner.
    assert boundaries.purge_at_boundaries(now + datetime.timedelta(minutes=10, seconds=30))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=10, seconds=31))
        response = client.get("/")
    assert response.get(pagecache.HIT_HEADER) != "HIT"
    assert "Banner: Hẹn giờ" in response.content.decode()


def test_a_notice_ending_is_purged_at_its_restore_time(db, page_cache):
    now = timezone.now()
    MaintenanceNotice.objects.create(
        message="Bảo trì", shown_from=now - HOUR, downtime_starts=now, restore_at=now + datetime.timedelta(minutes=30)
    )
    boundaries.purge_at_boundaries(now)
    assert not boundaries.purge_at_boundaries(now + datetime.timedelta(minutes=29))
    assert boundaries.purge_at_boundaries(now + datetime.timedelta(minutes=31))
    assert not boundaries.purge_at_boundaries(now + datetime.timedelta(minutes=32))


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("stats_caches_held")
def test_banners_notices_and_links_cost_no_query_per_item(client, home, article, make_banner):
    make_banner("Một")
    group = LinkGroup.objects.create(title="Liên kết")
    Link.objects.create(group=group, title="Chính phủ", url="https://chinhphu.vn/")
    small = _queries(client, article.url)
    small_links = _queries(client, "/lien-ket/")
    for n in range(5):
        make_banner(f"Banner {n}")
    for n in range(20):
        Link.objects.create(group=group, title=f"Liên kết {n}", url=f"https://example.gov.vn/{n}")
    for n in range(3):
        extra = LinkGroup.objects.create(title=f"Nhóm {n}")
        Link.objects.create(group=extra, title="Một liên kết", url="https://example.gov.vn/")
    MaintenanceNotice.objects.create(
        message="Bảo trì",
        shown_from=timezone.now() - HOUR,
        downtime_starts=timezone.now(),
        restore_at=timezone.now() + HOUR,
    )
    html = client.get(article.url).content.decode()
    assert html.count("Banner: Banner") == 5 and "maintenance-notice" in html
    assert _queries(client, article.url) == small
    assert _queries(client, "/lien-ket/") == small_links
