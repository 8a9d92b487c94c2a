"""Giới thiệu (issue 16, point 1): the index, free pages, functions, organisation chart, leadership."""

import datetime
import re

import pytest
from django.utils import timezone

from vnportal.agency.models import AboutPage, Person, Unit

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_index_lists_its_pages_with_last_updated(client, about_index, make_about):
    history = make_about("Lịch sử hình thành", search_description="Những mốc chính.")
    html = html_of(client, "/gioi-thieu/")
    assert '<h1 class="page-title">Giới thiệu</h1>' in html
    assert f'href="{history.url}"' in html and "Những mốc chính." in html
    assert "Cập nhật lần cuối" in html


def test_free_page_shows_its_text_breadcrumbs_and_image(client, make_about, make_image):
    page = make_about("Bản đồ hành chính", image=make_image(), image_caption="Bản đồ năm khu vực")
    html = html_of(client, page.url)
    assert "Nội dung trang." in html
    assert re.search(r'<img[^>]+alt="Bản đồ năm khu vực"', html)
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'href="/gioi-thieu/"' in crumbs and 'aria-current="page">Bản đồ hành chính<' in crumbs


def test_a_page_image_made_ahead_on_publishing_is_shown_not_made_again(client, make_image, about_index, publish):
    from vnportal.agency.models import AboutPage

    page = AboutPage(title="Bản đồ hành chính", image=make_image(), image_caption="Bản đồ")
    about_index.add_child(instance=page)
    publish(page)  # the renditions are made after commit, as in production
    html = html_of(client, page.url)
    assert re.search(r'<img[^>]+alt="Bản đồ"', html) and 'property="og:image"' in html


def test_organisation_chart_is_nested_lists_linking_each_unit(client, units, make_about, make_person):
    head = make_person("Trần Minh Khôi", "Chánh Văn phòng", is_leader=False)
    Unit.objects.filter(pk=units["office"].pk).update(head=head)
    page = make_about("Cơ cấu tổ chức", kind=AboutPage.Kind.ORGANISATION)
    html = html_of(client, page.url)
    chart = html.split('class="org-chart"')[1].split("</section>")[0]
    # Ban Thường vụ > (Văn phòng > Phòng Tổng hợp, Ban Tổ chức): three levels of <ul>.
    top = chart.index("Ban Thường vụ Tỉnh ủy")
    office = chart.index("Văn phòng Tỉnh ủy")
    general = chart.index("Phòng Tổng hợp")
    organisation = chart.index("Ban Tổ chức Tỉnh ủy")
    assert top < office < general < organisation
    assert chart[:general].count('<ul class="org-level') == 3
    assert "Chánh Văn phòng: Trần Minh Khôi" in chart
    for unit in units.values():
        assert f'href="#{unit.slug}"' in chart
        assert f'id="{unit.slug}"' in html  # each link reaches the unit's details
    details = html.split('id="van-phong"')[1].split("</article>")[0]
    assert "Tham mưu tổng hợp" in details and 'href="tel:02003800810"' in details
    assert 'href="mailto:vanphong@sonha.example.vn"' in details


def test_functions_page_lists_every_shown_unit_and_hides_the_others(client, units, make_about):
    Unit.objects.filter(pk=units["general"].pk).update(is_active=False)
    page = make_about("Chức năng, nhiệm vụ", kind=AboutPage.Kind.FUNCTIONS)
    html = html_of(client, page.url)
    assert "Tham mưu tổng hợp cho Thường trực Tỉnh ủy." in html
    assert "Ban Tổ chức Tỉnh ủy" in html and "Phòng Tổng hợp" not in html
    assert 'class="org-chart"' not in html


def test_leadership_shows_leaders_first_by_order_with_photo_and_contacts(
    client, units, make_about, make_person, make_image
):
    make_person("Phạm Quốc Việt", "Phó Bí thư Tỉnh ủy", sort_order=3)
    make_person(
        "Nguyễn Hoàng Long",
        "Bí thư Tỉnh ủy",
        sort_order=1,
        term="2025–2030",
        biography="<p>Sinh năm 1970 tại Sơn Hà.</p>",
        public_email="bithu@sonha.example.vn",
        photo=make_image(),
    )
    make_person("Lê Thị Thu Hà", "Phó Bí thư Thường trực", sort_order=2)
    make_person("Vũ Văn Bình", "Trưởng phòng", is_leader=False)
    make_person("Đỗ Văn Ẩn", "Ủy viên", is_active=False)
    page = make_about("Lãnh đạo tỉnh", kind=AboutPage.Kind.LEADERSHIP)
    html = html_of(client, page.url)
    names = re.findall(r'<h3 class="leader-name">([^<]+)</h3>', html)
    assert names == ["Nguyễn Hoàng Long", "Lê Thị Thu Hà", "Phạm Quốc Việt"]
    first = html.split('class="leader"')[1]
    assert re.search(r'<img[^>]+alt="Nguyễn Hoàng Long"', first)
    assert "Nhiệm kỳ:</span> 2025–2030" in first and "Sinh năm 1970 tại Sơn Hà." in first
    assert 'href="mailto:bithu@sonha.example.vn"' in first


def test_last_updated_is_the_latest_of_the_page_and_its_records(client, units, make_about):
    page = make_about("Cơ cấu tổ chức", kind=AboutPage.Kind.ORGANISATION)
    later = timezone.now() + datetime.timedelta(days=3)
    Unit.objects.filter(pk=units["general"].pk).update(updated_at=later)
    html = html_of(client, page.url)
    stamp = re.search(r'Cập nhật lần cuối: <time datetime="([^"]+)"', html).group(1)
    assert datetime.datetime.fromisoformat(stamp) == later
    # A text page ignores the records: its own publication.
    text_page = make_about("Lịch sử hình thành")
    html = html_of(client, text_page.url)
    stamp = re.search(r'Cập nhật lần cuối: <time datetime="([^"]+)"', html).group(1)
    published = AboutPage.objects.get(pk=text_page.pk).last_published_at
    assert datetime.datetime.fromisoformat(stamp) == published


def test_pages_carry_dublin_core_and_opengraph(client, make_about, settings):
    page = make_about("Điều kiện tự nhiên", search_description="Vị trí, địa hình, khí hậu.")
    html = html_of(client, page.url)
    for expected in (
        '<meta name="DC.title" content="Điều kiện tự nhiên">',
        '<meta name="DC.description" content="Vị trí, địa hình, khí hậu.">',
        '<meta name="DC.language" content="vi">',
        '<meta property="og:title" content="Điều kiện tự nhiên">',
        '<meta property="og:type" content="website">',
        'name="DC.date" content="',
    ):
        assert expected in html, expected
    assert re.search(r'<meta property="og:url" content="https?://[^"]+/gioi-thieu/dieu-kien-tu-nhien/">', html)


def test_menu_footer_and_site_maps_link_the_pages(client, make_about):
    statement = make_about("Tuyên bố trợ năng", kind=AboutPage.Kind.ACCESSIBILITY)
    history = make_about("Lịch sử hình thành")
    html = html_of(client, "/")
    menu = html.split('id="main-menu"')[1].split("</ul>")[0]
    assert 'href="/gioi-thieu/"' in menu and "Giới thiệu" in menu
    footer = html.split('class="site-footer"')[1]
    assert f'href="{statement.url}">Tuyên bố trợ năng</a>' in footer
    site_map = html_of(client, "/so-do-cong/")
    assert 'href="/gioi-thieu/"' in site_map and f'href="{history.url}"' in site_map
    xml = html_of(client, "/sitemap.xml")
    for path in ("/gioi-thieu/", history.url, statement.url):
        assert path in xml


def test_without_an_index_the_menu_has_no_dead_link(client, home):
    html = html_of(client, "/")
    assert "/gioi-thieu/" not in html


def test_search_finds_the_pages_and_the_leaders_they_show(client, make_about, make_person):
    make_person("Nguyễn Hoàng Long", "Bí thư Tỉnh ủy")
    leadership = make_about("Lãnh đạo tỉnh", kind=AboutPage.Kind.LEADERSHIP, body="<p>Thường trực Tỉnh ủy.</p>")
    history = make_about("Lịch sử hình thành", body="<p>Chi bộ đầu tiên thành lập ở làng Bến Đá.</p>")
    assert history.url in html_of(client, "/tim-kiem/?q=lang+ben+da")  # folded: "làng Bến Đá"
    assert leadership.url in html_of(client, "/tim-kiem/?q=hoàng+long")


def test_changing_a_unit_or_a_person_purges_the_pages_that_show_them(
    client, page_cache, publish, units, make_about, make_person, monkeypatch
):
    from vnportal.core import purge
    from vnportal.core.pagecache import HIT_HEADER

    told_nginx = []  # the paths nginx would be sent PURGE for (no nginx here: recorded instead)
    monkeypatch.setattr(purge, "purge_urls", lambda: ["http://127.0.0.1:9"])
    monkeypatch.setattr(purge, "_in_background", lambda fn, host, paths, *rest: told_nginx.extend(paths))
    chart = make_about("Cơ cấu tổ chức", kind=AboutPage.Kind.ORGANISATION)
    leadership = make_about("Lãnh đạo tỉnh", kind=AboutPage.Kind.LEADERSHIP)
    history = make_about("Lịch sử hình thành")
    leader = make_person("Nguyễn Hoàng Long", "Bí thư Tỉnh ủy")
    for url in (chart.url, leadership.url):
        html_of(client, url)
        assert client.get(url)[HIT_HEADER] == "HIT", url
    told_nginx.clear()
    office = Unit.objects.get(pk=units["office"].pk)
    office.name = "Văn phòng Tỉnh ủy Sơn Hà"
    publish(office.save)
    response = client.get(chart.url)
    assert response[HIT_HEADER] == "MISS" and "Văn phòng Tỉnh ủy Sơn Hà" in response.content.decode()
    assert chart.url in told_nginx and leadership.url in told_nginx
    assert history.url not in told_nginx  # a text page shows no records: nginx keeps it
    html_of(client, leadership.url)
    assert client.get(leadership.url)[HIT_HEADER] == "HIT"
    leader = Person.objects.get(pk=leader.pk)
    leader.title = "Bí thư Tỉnh ủy khóa XVII"
    publish(leader.save)
    response = client.get(leadership.url)
    assert response[HIT_HEADER] == "MISS" and "Bí thư Tỉnh ủy khóa XVII" in response.content.decode()
    publish(leader.delete)
    assert "Nguyễn Hoàng Long" not in html_of(client, leadership.url)
