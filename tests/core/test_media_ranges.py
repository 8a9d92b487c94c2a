"""/media/ answers byte ranges as nginx does, so a video player can seek (embedded profile)."""

import pytest
from django.test import override_settings

from vnportal.core.media import parse_range

DATA = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def media_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "video").mkdir()
    (tmp_path / "video" / "clip.webm").write_bytes(DATA)
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    return "/media/video/clip.webm"


pytestmark = [pytest.mark.django_db, pytest.mark.urls("vnportal.urls")]


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@override_settings(SERVE_MEDIA=True)
def test_without_range_the_whole_file_and_accept_ranges(client, media_file):
    response = client.get(media_file)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert _body(response) == DATA


@pytest.mark.parametrize(
    "header, start, end",
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, 10239),
        ("bytes=-500", 9740, 10239),
        ("bytes=10000-99999", 10000, 10239),
    ],
)
def test_one_range_gets_206_and_content_range(client, media_file, header, start, end):
    response = client.get(media_file, headers={"Range": header})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(DATA)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Content-Type"] == "video/webm"
    assert _body(response) == DATA[start : end + 1]


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=99999-100000", "bytes=-0"])
def test_a_range_past_the_end_gets_416(client, media_file, header):
    response = client.get(media_file, headers={"Range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(DATA)}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "items=0-5", "bytes=abc", "bytes=9-3", "bytes=-", "💥" * 20])
def test_ranges_we_do_not_serve_get_the_whole_file(client, media_file, header):
    response = client.get(media_file, headers={"Range": header})
    assert response.status_code == 200
    assert _body(response) == DATA


def test_a_range_never_opens_refused_folders_or_escapes(client, media_file):
    assert client.get("/media/documents/secret.pdf", headers={"Range": "bytes=0-3"}).status_code == 404
    assert client.get("/media/video/../documents/secret.pdf", headers={"Range": "bytes=0-3"}).status_code == 404
    assert client.get("/media/../../etc/passwd", headers={"Range": "bytes=0-3"}).status_code == 404
    assert client.get("/media/video/missing.webm", headers={"Range": "bytes=0-3"}).status_code == 404


def test_parse_range():
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=-20", 10) == (0, 9)
    assert parse_range("bytes=10-", 10) is False
    assert parse_range(None, 10) is None
