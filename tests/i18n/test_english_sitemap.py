"""sitemap.xml lists the English pages too, and each translated page's hreflang alternates."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def entries(xml):
    """{loc: {hreflang: href}} of every <url> in a sitemap."""
    found = {}
    for block in re.findall(r"<url>(.*?)</url>", xml, re.S):
        loc = re.search(r"<loc>([^<]+)</loc>", block).group(1)
        found[loc] = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', block))
    return found


def test_sitemap_lists_english_pages_with_their_alternates(client, english_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
    urls = entries(xml)
    base = settings.PUBLIC_URL
    for path in ("/", "/gioi-thieu/", "/en/", "/en/about/", "/en/about/leadership/", "/en/about/contact/"):
        assert f"{base}{path}" in urls, path
    leadership = {
        "vi": f"{base}/gioi-thieu/lanh-dao-tinh/",
        "en": f"{base}/en/about/leadership/",
        "x-default": f"{base}/gioi-thieu/lanh-dao-tinh/",
    }
    assert urls[f"{base}/gioi-thieu/lanh-dao-tinh/"] == leadership
    assert urls[f"{base}/en/about/leadership/"] == leadership
    assert urls[f"{base}/en/"]["vi"] == f"{base}/"
    # A page in one language only has no alternates.
    assert urls[f"{base}{english_site['article_url']}"] == {}
    assert urls[f"{base}/en/about/contact/"] == {}
