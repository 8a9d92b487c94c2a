"""sitemap.xml lists the public views that are not Wagtail pages (core/sitemaps.py and each app's
vnportal_sitemaps hook), at the public address, and every address it lists answers."""

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


def listed(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_documents_forms_and_lists_are_listed_and_each_answers(client, make_document):
    shown = make_document("31-NQ/TW", "Về đột phá phát triển khoa học")
    hidden = make_document("18-NQ/TW", "Về sắp xếp tổ chức bộ máy", is_public=False)
    locations = listed(client)
    paths = {urlsplit(location).path for location in locations}
    for path in ("/van-ban/", shown.get_absolute_url(), "/lien-he/", "/lien-ket/", "/so-do-cong/", "/danh-gia/"):
        assert path in paths, path
    assert "/hoi-dap/" in paths and "/gop-y-du-thao/" in paths
    assert hidden.get_absolute_url() not in paths
    assert all(location.startswith("http://testserver/") for location in locations)
    for path in paths:
        if not path.startswith(("/van-ban/", "/lien-", "/so-do-cong/", "/danh-gia/", "/hoi-dap/", "/gop-y-")):
            continue
        assert client.get(path, HTTP_USER_AGENT=BROWSER).status_code == 200, path
