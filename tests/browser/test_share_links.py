"""What a reader sees of the public address, in Chromium: the share links and the print view's
"Nguồn:" line name the article's public URL, whatever query string brought the reader (and
whichever reader's query string was cached)."""

from urllib.parse import unquote

import pytest

from vnportal.core import public

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = "https://portal.sonha.gov.vn"


@pytest.fixture
def public_address(settings, site):
    settings.PUBLIC_URL, settings.PUBLIC_SCHEME, settings.PUBLIC_HOST, settings.PUBLIC_PORT = (
        PUBLIC,
        "https",
        "portal.sonha.gov.vn",
        443,
    )
    public.sync_default_site()


def test_share_links_and_print_source_show_the_public_url(
    live_server, browser_page, page_cache, public_address, article
):
    page = browser_page
    expected = PUBLIC + article.url
    for _ in range(2):  # the second reader gets the stored copy of the first one's page
        page.goto(live_server.url + article.url + '?utm_source="><b>x</b>')
        facebook = page.get_by_role("link", name="Chia sẻ Facebook")
        mail = page.get_by_role("link", name="Gửi e-mail")
        assert facebook.is_visible() and mail.is_visible()
        assert unquote(facebook.get_attribute("href")).endswith("?u=" + expected)
        assert unquote(mail.get_attribute("href")).endswith("body=" + expected)
        assert page.evaluate("document.querySelector('link[rel=canonical]').href") == expected
        assert page.evaluate("document.querySelector('meta[property=\"og:url\"]').content") == expected
        assert page.locator("b", has_text="x").count() == 0  # the query string was not written anywhere
    page.goto(live_server.url + article.url + "in/?utm_source=zalo")
    source = page.locator(".print-footer")
    assert source.is_visible() and source.inner_text().strip() == f"Nguồn: {expected}"
