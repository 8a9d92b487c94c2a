"""What core and the services learn from the content apps through core.registry and the
``vnportal_*`` hooks (issue 11): the same menu, purges and purge paths as when core
named the apps itself."""

import re

import pytest
from wagtail.models import Site

from tests.support.documents import make_document
from vnportal.core import pagecache, purge
from vnportal.core.models import SiteSettings
from vnportal.news.models import LegacyPortalSettings


def test_the_main_menu_ends_with_the_apps_links_in_hook_order(client, make_section):
    make_section("Kinh tế")
    html = client.get("/").content.decode()
    menu = re.search(r'<ul class="menu" id="main-menu">(.*?)</ul>', html, re.S).group(1)
    hrefs = re.findall(r'href="([^"]+)"', menu)
    # Trang chủ, the sections, then Văn bản (library, order 10), Lịch công tác (schedule, order 15),
    # Góp ý dự thảo (consultations, order 16), Hỏi đáp (questions, 17), Sơ đồ cổng (navigation, 20)
    # and Liên hệ (contact, 21).
    assert hrefs[0] == "/"
    assert hrefs[-6:] == ["/van-ban/", "/lich-cong-tac/", "/gop-y-du-thao/", "/hoi-dap/", "/so-do-cong/", "/lien-he/"]
    assert "Văn bản" in menu and "Sơ đồ cổng" in menu


def test_a_changed_article_purges_its_sections_feeds_tags_and_the_site_maps(make_article, section, home):
    article = make_article("Bài có thẻ", tags=["Quốc phòng"])
    hostname, paths = purge.page_paths(article)
    assert hostname == Site.objects.get(is_default_site=True).hostname
    assert paths[0] == article.url
    expected = {section.url, section.url + "rss/", "/", "/rss/", "/the/quoc-phong/", "/so-do-cong/", "/sitemap.xml"}
    assert expected <= set(paths)
    assert len(paths) == len(set(paths))


@pytest.mark.parametrize("change", ["document", "site settings", "legacy portal settings"])
def test_editing_what_every_page_shows_purges_every_page(client, page_cache, publish, article, change):
    site = Site.objects.get(is_default_site=True)
    client.get(article.url)
    assert client.get(article.url)[pagecache.HIT_HEADER] == "HIT"
    if change == "document":
        publish(make_document)
    elif change == "site settings":
        settings = SiteSettings.for_site(site)
        settings.agency_subtitle = "Cơ quan của Đảng bộ tỉnh"
        publish(settings.save)
    else:
        legacy = LegacyPortalSettings.for_site(site)  # created with its defaults by reading it: no purge
        legacy.source_name = "cu.vn"
        publish(legacy.save)
    assert client.get(article.url)[pagecache.HIT_HEADER] == "MISS"
