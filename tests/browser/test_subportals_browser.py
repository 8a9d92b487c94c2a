"""A sub-portal as readers see it (issue 17, point 2): at 360 and 1,366 px, text size A and A+,
its own name, emblem and menu — not the province's — and the province's Tin cơ sở listing."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.test_public_ux import overflow, set_text_size

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 800}
SUB_HOST = "an-binh.localhost"  # Chromium resolves every *.localhost name to this machine


@pytest.fixture
def portals(live_server, home, make_section, make_article):
    from urllib.parse import urlsplit

    from wagtail.models import Site

    from vnportal.core.models import SiteSettings
    from vnportal.news.demo.subportal import _emblem
    from vnportal.news.models import ArticlePage, SectionPage
    from vnportal.news.subportals import create_subportal

    port = urlsplit(live_server.url).port
    province = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    province.agency_name = "Cổng thông tin điện tử tỉnh Sơn Hà"
    province.save()
    make_section("Kinh tế - Xã hội")
    tin_co_so = make_section("Tin cơ sở", lists_shared=True)
    site, _created = create_subportal(SUB_HOST, "Cổng thông tin điện tử huyện An Bình", port=port)
    settings = SiteSettings.objects.get(site=site)
    settings.agency_subtitle = "Ủy ban nhân dân huyện An Bình"
    settings.emblem = _emblem()
    settings.save()
    sections = []
    for title in ("Tin tức huyện", "Thông báo"):
        section = SectionPage(title=title, show_in_menus=True)
        site.root_page.add_child(instance=section)
        section.save_revision().publish()
        sections.append(section)
    shared = ArticlePage(
        title="Huyện An Bình ra quân làm đường giao thông nông thôn",
        lead="Hơn 500 người dân đã cùng ra quân.",
        share_to_province=True,
        display_date=timezone.now() - datetime.timedelta(hours=1),
    )
    sections[0].add_child(instance=shared)
    shared.save_revision().publish()
    return {"sub_url": f"http://{SUB_HOST}:{port}", "tin_co_so": tin_co_so, "shared": shared, "port": port}


def test_sub_portal_home_shows_its_own_name_emblem_and_menu(live_server, chromium, portals):
    failures = []
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            assert page.goto(portals["sub_url"] + "/").status == 200
            for size, label in (("", "A"), ("large", "A+")):
                set_text_size(page, size)
                page.wait_for_timeout(50)
                where = f"{viewport['width']} {label}"
                name = page.locator(".brand-name")
                # (text_content: the header shows it in capitals through CSS)
                if not name.is_visible() or name.text_content().strip() != "Cổng thông tin điện tử huyện An Bình":
                    failures.append(f"{where}: brand {name.text_content()!r}")
                emblem = page.locator(".brand-emblem")
                box = emblem.bounding_box()
                src = emblem.get_attribute("src") or ""
                if not box or box["width"] < 24 or "emblem.svg" in src:  # its own emblem, not the default
                    failures.append(f"{where}: emblem {src} {box}")
                natural = emblem.evaluate("img => img.naturalWidth")
                if not natural:
                    failures.append(f"{where}: emblem did not load")
                body = page.locator("body").inner_text()
                if "tỉnh Sơn Hà" in body or "Kinh tế - Xã hội" in body:
                    failures.append(f"{where}: the province's name or section shows")
                menu = page.locator(".main-nav")
                links = menu.locator("a").all_inner_texts()
                if not any("Tin tức huyện" in text for text in links) or any("Kinh tế" in t for t in links):
                    failures.append(f"{where}: menu {links}")
                spill = overflow(page)
                if spill["scroll"] > 0:
                    failures.append(f"{where}: scrolls {spill['scroll']} px sideways {spill['wide']}")
            set_text_size(page, "")
        finally:
            context.close()
    assert not failures, failures


def test_tin_co_so_on_the_province_links_to_the_sub_portal(live_server, chromium, portals):
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            assert page.goto(live_server.url + "/tin-co-so/").status == 200
            link = page.get_by_role("link", name=portals["shared"].title).first
            assert link.is_visible()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
            assert link.get_attribute("href").startswith(portals["sub_url"] + "/")
            link.click()
            page.wait_for_load_state()
            assert page.url.startswith(portals["sub_url"] + "/")
            canonical = page.locator('link[rel="canonical"]').get_attribute("href")
            assert canonical == page.url.split("?")[0]
            assert page.locator(".brand-name").text_content().strip() == "Cổng thông tin điện tử huyện An Bình"
        finally:
            context.close()
