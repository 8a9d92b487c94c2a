"""The cached site structure (site, home, sections, private parts, settings) follows every change."""

import pytest
from wagtail.models import PageViewRestriction

from vnportal.core import generations, structure


def menu(client, url="/"):
    html = client.get(url).content.decode()
    return html.split('id="main-menu"', 1)[1].split("</ul>", 1)[0]


@pytest.mark.django_db
def test_publishing_and_unpublishing_a_section_shows_at_once(client, make_section):
    make_section("Thời sự")
    assert "Thời sự" in menu(client)  # cached from here on
    culture = make_section("Văn hóa")
    assert "Văn hóa" in menu(client)
    assert client.get(culture.url).status_code == 200
    culture.unpublish()
    assert "Văn hóa" not in menu(client)
    assert client.get("/van-hoa/").status_code == 404


@pytest.mark.django_db
def test_renaming_a_section_changes_menu_and_breadcrumbs(client, section, make_article):
    article = make_article()
    client.get(article.url)
    section.title = "Tin tức tổng hợp"
    section.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Tin tức tổng hợp" in html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Tin tức tổng hợp" in menu(client, article.url)


@pytest.mark.django_db
def test_a_private_section_stays_private_with_a_warm_cache(client, make_section, make_article):
    private = make_section("Nội bộ")
    article = make_article("Thông báo nội bộ", parent=private)
    assert client.get(article.url).status_code == 200  # warms the cache as public
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(article.url).status_code == 302  # to the login page
    assert client.get(private.url).status_code == 302
    assert "Nội bộ" not in menu(client)
    assert "Thông báo nội bộ" not in client.get("/").content.decode()
    restriction.delete()
    assert client.get(article.url).status_code == 200
    assert "Nội bộ" in menu(client)


@pytest.mark.django_db
def test_an_alias_of_a_private_article_is_private(client, make_section, make_article):
    original = make_article("Bài gốc")
    PageViewRestriction.objects.create(page=original, restriction_type=PageViewRestriction.LOGIN)
    alias = original.create_alias(parent=make_section("Chuyên mục khác"), update_slug="ban-sao")
    assert client.get(alias.url).status_code == 302


@pytest.mark.django_db
def test_moving_a_section_moves_its_address(client, make_section, make_article):
    news = make_section("Tin tức")
    economy = make_section("Kinh tế")
    article = make_article("Giá lúa tăng", parent=economy)
    assert client.get(article.url).status_code == 200
    economy.move(news, pos="last-child")
    old = client.get("/kinh-te/")  # no longer a page: Wagtail's automatic redirect answers
    assert (old.status_code, old["Location"]) == (301, "/tin-tuc/kinh-te/")
    assert client.get("/tin-tuc/kinh-te/").status_code == 200
    assert client.get(f"/tin-tuc/kinh-te/{article.slug}/").status_code == 200


@pytest.mark.django_db
def test_agency_settings_show_at_once(client, site):
    from vnportal.core.models import SiteSettings

    client.get("/")
    settings = SiteSettings.for_site(site)
    settings.agency_name = "Cổng thông tin điện tử tỉnh Sơn Hà"
    settings.save()
    assert "Cổng thông tin điện tử tỉnh Sơn Hà" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_change_announced_by_another_process_is_seen(client, section):
    """Another worker's publish reaches this one through the shared token (file or Redis)."""
    from wagtail.models import Page

    assert "Tin tức - Sự kiện" in menu(client)
    # Another process changed the section (no signal here) and drew a new token.
    Page.objects.filter(pk=section.pk).update(title="Tin tức mới")
    assert "Tin tức mới" not in menu(client)  # still the cached tree
    generations.for_cache("structure").bump()  # as another process does (its own object)
    assert "Tin tức mới" in menu(client)


@pytest.mark.django_db
def test_one_bump_after_commit_however_many_changes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(3):
            structure.bump()
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_unknown_addresses_are_404(client, article):
    assert client.get("/khong-co/").status_code == 404
    assert client.get(article.url + "khong-co/").status_code == 404
    assert client.get(article.url + "in/").status_code == 200
