"""The main menu built in the admin (issue 16, point 5): order, sub-items, any part of the portal."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import Site

from vnportal.core import pagecache, structure
from vnportal.navigation import parts
from vnportal.navigation.models import MenuSettings


def menu_html(client, url="/"):
    html = client.get(url).content.decode()
    return re.search(r'<ul class="menu" id="main-menu">(.*?)\n</ul>', html, re.S).group(1)


def top_level(menu):
    """The hrefs of the top-level items, in order (a sub-menu's links left out)."""
    without_children = re.sub(r'<ul class="submenu">.*?</ul>', "", menu, flags=re.S)
    return re.findall(r'href="([^"]+)"', without_children)


def set_menu(items):
    site = Site.objects.get(is_default_site=True)
    menu_settings = MenuSettings.for_site(site)
    menu_settings.main_menu = items
    menu_settings.save()
    return menu_settings


def item(label="", page=None, part=None, url=None, children=()):
    value = {"label": label, "page": page, "part": part or "", "url": url or ""}
    return (
        "item",
        {
            **value,
            "children": [
                {"label": c.get("label", ""), "page": c.get("page"), "part": c.get("part", ""), "url": c.get("url", "")}
                for c in children
            ],
        },
    )


def test_without_a_configured_menu_the_menu_is_built_as_before(client, make_section):
    make_section("Kinh tế")
    hrefs = top_level(menu_html(client))
    assert hrefs[0] == "/"
    # the parts the apps offer, in hook order (tests/core/test_registries.py checks the same)
    assert hrefs[-6:] == ["/van-ban/", "/lich-cong-tac/", "/gop-y-du-thao/", "/hoi-dap/", "/so-do-cong/", "/lien-he/"]


def test_the_configured_menu_keeps_its_order_labels_parts_and_sub_items(client, home, make_section, make_article):
    economy = make_section("Kinh tế")
    culture = make_section("Văn hóa")
    story = make_article("Bài về chuyển đổi số", parent=economy)
    set_menu(
        [
            item(label="Trang chủ", page=home),
            item(part="library:index"),
            item(
                page=economy,
                children=[{"page": story}, {"label": "Cổng Dịch vụ công", "url": "https://dichvucong.gov.vn/"}],
            ),
            item(label="Sơ đồ", part="site_map"),
        ]
    )
    menu = menu_html(client)
    assert top_level(menu) == ["/", "/van-ban/", economy.url, "/so-do-cong/"]
    assert "Văn bản" in menu  # the part's own title
    assert ">Sơ đồ<" in menu  # the editor's label wins
    submenu = re.search(r'<ul class="submenu">(.*?)</ul>', menu, re.S).group(1)
    assert re.findall(r'href="([^"]+)"', submenu) == [story.url, "https://dichvucong.gov.vn/"]
    assert culture.url not in menu  # only what the editor put there
    # Where the reader is: the article's own entry and its section, not the home page.
    on_story = menu_html(client, story.url)
    assert f'href="{story.url}" aria-current="page"' in on_story
    assert f'href="{economy.url}" aria-current="page"' in on_story
    assert 'href="/" aria-current="page"' not in on_story


def test_a_part_found_in_the_page_tree_is_kept_by_its_hook(client, home):
    """An app may give a path it found (agency's Giới thiệu) or "" for now: the menu stores the hook."""
    target = {"path": "/thu-vien-anh/"}

    def gallery_menu_item():
        return "Thư viện ảnh", target["path"]

    with hooks.register_temporarily("vnportal_main_menu_items", gallery_menu_item):
        key = f"{__name__}.gallery_menu_item"
        assert parts.part_titles()[key] == "Thư viện ảnh"
        set_menu([item(part=key), item(part="site_map")])
        assert top_level(menu_html(client)) == ["/thu-vien-anh/", "/so-do-cong/"]
        assert ">Thư viện ảnh<" in menu_html(client)
        target["path"] = ""  # the app has nothing to link to any more
        assert key not in parts.part_titles()
        structure.bump_now()
        assert top_level(menu_html(client)) == ["/so-do-cong/"]


def test_an_unpublished_page_leaves_the_menu(client, publish, make_section):
    economy = make_section("Kinh tế")
    set_menu([item(page=economy), item(part="site_map")])
    assert economy.url in menu_html(client)
    publish(lambda: economy.unpublish())
    assert top_level(menu_html(client)) == ["/so-do-cong/"]


def test_editing_the_menu_purges_every_cached_page(client, page_cache, publish, article):
    set_menu([item(part="site_map")])
    client.get(article.url)
    assert client.get(article.url)[pagecache.HIT_HEADER] == "HIT"
    publish(lambda: set_menu([item(part="library:index"), item(part="site_map")]))
    response = client.get(article.url)
    assert response.get(pagecache.HIT_HEADER) != "HIT"
    assert 'href="/van-ban/"' in response.content.decode()


def _queries(client, url):
    """The steady-state query count of ``url``: the least of three renders after a warm one.
    A short-lived cache of another block (the poll, the statistics) expiring mid-test on a
    loaded machine adds a query to one render; a query per menu item would be in all three."""
    client.get(url)  # warm: structure cache, renditions
    counts = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return min(counts)


@pytest.mark.usefixtures("stats_caches_held")
def test_the_menu_costs_no_query_per_item(client, home, make_section, article):
    sections = [make_section(f"Chuyên mục {n}") for n in range(6)]
    set_menu([item(page=home), item(part="site_map")])
    small = _queries(client, article.url)
    set_menu(
        [item(page=home)]
        + [
            item(page=section, children=[{"page": article}, {"url": "https://chinhphu.vn/", "label": "Chính phủ"}])
            for section in sections
        ]
        + [item(part="library:index"), item(part="site_map")]
    )
    large_html = client.get(article.url).content.decode()
    assert large_html.count('class="submenu"') == 6
    large = _queries(client, article.url)
    assert large == small, f"{small} queries with 2 items, {large} with 20"
    set_menu([])  # back to the built-in menu: the admin menu costs nothing more than it
    assert _queries(client, article.url) == small


def test_a_menu_item_must_name_exactly_one_target(db):
    from django.core.exceptions import ValidationError

    from vnportal.navigation.blocks import MenuItemBlock

    block = MenuItemBlock()
    for value in ({"label": "Trống"}, {"label": "Hai", "part": "site_map", "url": "https://chinhphu.vn/"}):
        with pytest.raises(ValidationError):
            block.clean(block.to_python({**value, "children": []}))
    with pytest.raises(ValidationError):  # an address needs a label
        block.clean(block.to_python({"url": "https://chinhphu.vn/", "children": []}))
    block.clean(block.to_python({"part": "site_map", "children": []}))
