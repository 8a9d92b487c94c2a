"""nginx is told about a sub-portal's page at the sub-portal's own host, never another's."""

import pytest

from tests.subportals.conftest import SUB_HOST
from vnportal.core import purge

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(settings, monkeypatch):
    """Every PURGE request (URL and Host header) instead of sending it; purges run inline."""
    settings.PAGE_CACHE_PURGE_URLS = ["http://127.0.0.1:9"]
    requests = []

    def fake_urlopen(request, timeout=None):
        requests.append((request.get_method(), request.full_url, request.get_header("Host")))
        raise OSError("not sent")

    monkeypatch.setattr(purge.urllib.request, "urlopen", fake_urlopen)
    monkeypatch.setattr(purge, "_in_background", lambda function, *args: function(*args[:4]))
    return requests


def test_a_sub_portal_page_is_purged_at_its_own_host(home, subsite, sub_article, sent):
    sent.clear()
    sub_article.title = "Tiêu đề mới"
    sub_article.save_revision().publish()
    hosts = {host for _method, url, host in sent if "/tin-tuc-huyen/lam-duong/" in url}
    assert hosts == {SUB_HOST}
    assert all(method == "PURGE" for method, _url, _host in sent)
    assert not any(host in ("localhost", None, "") for _m, _u, host in sent)


def test_a_shared_article_purges_the_provinces_tin_co_so_too(home, make_section, subsite, sub_article, sent):
    make_section("Tin cơ sở", lists_shared=True)
    sent.clear()
    sub_article.save_revision().publish()
    by_host = {}
    for _method, url, host in sent:
        by_host.setdefault(host, set()).add(url.split("127.0.0.1:9", 1)[1])
    assert "/tin-tuc-huyen/lam-duong/" in by_host[SUB_HOST]
    assert "/tin-co-so/" in by_host["testserver"]  # the province's host (VNPORTAL_PUBLIC_URL)
    assert "/tin-tuc-huyen/lam-duong/" not in by_host["testserver"]


def test_purge_host_per_site(site, subsite):
    assert purge.purge_host(site) == "testserver"
    assert purge.purge_host(subsite) == SUB_HOST
    assert purge.purge_host(None) == "testserver"
