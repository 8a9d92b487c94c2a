"""What an editor is told, in Vietnamese, when a video or a photo lacks what readers need."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from vnportal.gallery.demo import HERE
from vnportal.gallery.models import AlbumPhoto, VideoPage
from vnportal.gallery.validators import validate_captions, validate_embed_url, validate_video

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def errors_of(page):
    with pytest.raises(ValidationError) as info:
        page.clean()
    return {field: " ".join(messages) for field, messages in info.value.message_dict.items()}


def test_a_video_needs_a_file_or_an_embed_but_not_both():
    assert "tệp video hoặc nhập địa chỉ nhúng" in errors_of(VideoPage(title="V", transcript="Lời."))["video_file"]
    page = VideoPage(title="V", transcript="Lời.", embed_url="https://player.vimeo.com/video/1")
    page.video_file.name = "video/a.webm"
    assert "video_file" in errors_of(page)


def test_a_video_needs_captions_or_a_transcript():
    page = VideoPage(title="V")
    page.video_file.name = "video/a.webm"
    assert errors_of(page)["transcript"] == "Hãy thêm phụ đề (tệp WebVTT) hoặc bản ghi lời."
    page.captions.name = "video/phu-de/a.vtt"
    page.clean()  # captions alone are enough for an uploaded file
    embedded = VideoPage(title="V", embed_url="https://www.youtube-nocookie.com/embed/x")
    embedded.captions.name = "video/phu-de/a.vtt"
    assert errors_of(embedded)["transcript"] == "Video nhúng cần có bản ghi lời."


def test_embeds_only_from_the_players_the_csp_allows():
    validate_embed_url("https://www.youtube-nocookie.com/embed/abc")
    for url in ("https://evil.example/embed/x", "https://www.youtube.com.evil.example/x", "javascript:alert(1)"):
        with pytest.raises(ValidationError) as info:
            validate_embed_url(url)
        assert "Hãy dán địa chỉ nhúng" in info.value.messages[0]


def test_video_files_are_checked_by_their_content():
    validate_video(SimpleUploadedFile("song-ha.webm", (HERE / "song-ha.webm").read_bytes()))
    for name, data in (("x.webm", b"<html>not a video</html>"), ("song-ha.exe", (HERE / "song-ha.webm").read_bytes())):
        with pytest.raises(ValidationError) as info:
            validate_video(SimpleUploadedFile(name, data))
        assert info.value.messages == ["Hãy tải lên video MP4, WebM hoặc OGV."]


def test_captions_must_be_webvtt():
    validate_captions(SimpleUploadedFile("a.vtt", "\ufeffWEBVTT\n\n00:00.000 --> 00:01.000\nXin chào".encode()))
    with pytest.raises(ValidationError) as info:
        validate_captions(SimpleUploadedFile("a.srt", b"1\n00:00:00,000 --> 00:00:01,000\nXin chao\n"))
    assert "WebVTT" in info.value.messages[0] and "dòng đầu tiên" in info.value.messages[0]


def test_a_photo_needs_its_alternative_text():
    photo = AlbumPhoto(alt_text="   ", caption="  Chú   thích ")
    with pytest.raises(ValidationError) as info:
        photo.clean()
    assert info.value.message_dict["alt_text"] == ["Hãy mô tả nội dung bức ảnh."]
    assert photo.caption == "Chú thích"
