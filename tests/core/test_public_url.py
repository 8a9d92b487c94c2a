"""One public address (VNPORTAL_PUBLIC_URL, vnportal/core/public.py): every link that leaves a
page, the default Site and the e-mails say it, whatever Host or query string the request had."""

import html.parser
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from vnportal.core import pagecache, public
from vnportal.settings.base import parse_public_url

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://portal.sonha.gov.vn"
HOSTILE_QUERY = '?utm_source="><b>x</b>'


@pytest.mark.parametrize(
    "value,expected",
    [
        ("https://portal.sonha.gov.vn", ("https://portal.sonha.gov.vn", "https", "portal.sonha.gov.vn", 443)),
        ("https://Portal.SonHa.gov.vn:443/", ("https://portal.sonha.gov.vn", "https", "portal.sonha.gov.vn", 443)),
        ("http://127.0.0.1:8000", ("http://127.0.0.1:8000", "http", "127.0.0.1", 8000)),
        ("http://[::1]:8080", ("http://[::1]:8080", "http", "::1", 8080)),
    ],
)
def test_the_public_address_is_scheme_host_and_port(value, expected):
    assert parse_public_url(value) == expected


@pytest.mark.parametrize(
    "value", ["portal.sonha.gov.vn", "ftp://x.vn", "https://x.vn/cong/", "https://x.vn?a=1", "http://x.vn:99999"]
)
def test_anything_else_is_refused_with_the_setting_named(value):
    with pytest.raises(ImproperlyConfigured, match="VNPORTAL_PUBLIC_URL"):
        parse_public_url(value)


def _settings_of(env):
    code = (
        "import json, vnportal.settings.base as s; "
        "print(json.dumps([s.PUBLIC_URL, s.WAGTAILADMIN_BASE_URL, s.ALLOWED_HOSTS]))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"VNPORTAL_PUBLIC_URL", "ALLOWED_HOSTS"}}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_wagtail_admin_links_and_allowed_hosts_follow_the_setting():
    url, admin, hosts = _settings_of({"VNPORTAL_PUBLIC_URL": PUBLIC})
    assert url == admin == PUBLIC  # workflow e-mails: no more http://127.0.0.1:8000
    assert "portal.sonha.gov.vn" in hosts
    assert _settings_of({})[:2] == ["http://127.0.0.1:8000"] * 2  # what `vnportal run` serves by default


def test_vnportal_run_derives_the_address_it_serves_on():
    from vnportal.cli import served_url

    assert served_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert served_url("::1", 8080) == "http://[::1]:8080"
    assert served_url("portal.local", 80) == "http://portal.local"
    assert "0.0.0.0" not in served_url("0.0.0.0", 8000)


@pytest.fixture
def public_address(settings, site):
    """The portal reached at https://portal.sonha.gov.vn; the tests' requests still say Host: testserver."""
    settings.PUBLIC_URL, settings.PUBLIC_SCHEME = PUBLIC, "https"
    settings.PUBLIC_HOST, settings.PUBLIC_PORT = "portal.sonha.gov.vn", 443
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["testserver", "portal.sonha.gov.vn"]
    public.sync_default_site()
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("portal.sonha.gov.vn", 443)
    return PUBLIC


class Links(html.parser.HTMLParser):
    """The canonical link, og:url and the article's share links of a page."""

    def __init__(self):
        super().__init__()
        self.found = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.found["canonical"] = attrs["href"]
        elif tag == "meta" and attrs.get("property") in ("og:url", "og:image"):
            self.found[attrs["property"]] = attrs["content"]
        elif tag == "meta" and attrs.get("name") == "DC.identifier":
            self.found["DC.identifier"] = attrs["content"]
        elif tag == "a" and "facebook.com/sharer" in attrs.get("href", ""):
            self.found["facebook"] = attrs["href"]
        elif tag == "a" and attrs.get("href", "").startswith("mailto:"):
            self.found["mailto"] = attrs["href"]


def links_of(content):
    parser = Links()
    parser.feed(content.decode())
    return parser.found


def test_canonical_og_url_and_share_links_never_carry_the_query_string(client, page_cache, public_address, article):
    expected = PUBLIC + article.url
    response = client.get(article.url + HOSTILE_QUERY)
    assert response.status_code == 200 and response[pagecache.HIT_HEADER] == "MISS"  # this copy is kept ...
    stored = client.get(article.url + HOSTILE_QUERY)
    assert stored[pagecache.HIT_HEADER] == "HIT" and stored.content == response.content
    links = links_of(stored.content)  # ... and shows every later reader the plain public address
    assert links["canonical"] == links["og:url"] == links["DC.identifier"] == expected
    assert unquote(links["facebook"]) == "https://www.facebook.com/sharer/sharer.php?u=" + expected
    assert unquote(links["mailto"]).endswith("body=" + expected)
    body = stored.content.decode()
    assert "<b>x</b>" not in body and "utm_source" not in body and "testserver" not in body


def test_sitemap_feeds_and_print_view_use_the_public_address(client, public_address, article, section):
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert PUBLIC + article.url in locations and all(loc.startswith(PUBLIC + "/") for loc in locations)
    for feed in ("/rss/", section.url + "rss/?utm_source=x"):
        xml = client.get(feed).content.decode()
        links = re.findall(r"<link>([^<]+)</link>|<guid[^>]*>([^<]+)</guid>|atom:link href=\"([^\"]+)\"", xml)
        flat = [value for triple in links for value in triple if value]
        assert PUBLIC + article.url in flat, feed
        assert flat and all(value.startswith(PUBLIC + "/") for value in flat), (feed, flat)
        assert "utm_source" not in xml and "testserver" not in xml
    printed = client.get(article.url + "in/?utm_source=x").content.decode()
    assert f"Nguồn: {PUBLIC}{article.url}</p>" in printed
    assert f'<link rel="canonical" href="{PUBLIC}{article.url}">' in printed


def test_member_e_mails_link_to_the_public_address(client, public_address, django_user_model):
    django_user_model.objects.create_user("thanhvien", "tv@example.vn", "mat-khau-dai-123")
    client.post("/thanh-vien/quen-mat-khau/", {"email": "tv@example.vn"})
    client.post(
        "/thanh-vien/dang-ky/",
        {
            "username": "moi",
            "email": "moi@example.vn",
            "password1": "mat-khau-dai-456",
            "password2": "mat-khau-dai-456",
        },
    )
    bodies = [message.body for message in mail.outbox]
    reset = [body for body in bodies if "/thanh-vien/dat-lai-mat-khau/" in body]
    activation = [body for body in bodies if "/thanh-vien/xac-nhan/" in body]
    assert reset and f"{PUBLIC}/thanh-vien/dat-lai-mat-khau/" in reset[0]
    assert activation and f"{PUBLIC}/thanh-vien/xac-nhan/" in activation[0]
    assert not any("testserver" in body for body in bodies)


def test_the_default_site_follows_the_setting_after_migrate(settings, site):
    from vnportal.news.bootstrap import ensure_site_tree

    settings.PUBLIC_HOST, settings.PUBLIC_PORT = "cong.sonha.gov.vn", 8443
    ensure_site_tree()  # what post_migrate runs
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("cong.sonha.gov.vn", 8443)
