import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from vnportal.gallery.demo import HERE
from vnportal.gallery.demo.drawing import scene_png
from vnportal.gallery.models import AlbumIndexPage, AlbumPage, AlbumPhoto, VideoIndexPage, VideoPage


@pytest.fixture
def make_image(db):
    import random

    counter = {"n": 0}

    def make():
        counter["n"] += 1
        data = scene_png(random.Random(counter["n"]), size=(400, 300))
        return get_image_model().objects.create(
            title=f"Ảnh {counter['n']}", file=ImageFile(io.BytesIO(data), name=f"anh-{counter['n']}.png")
        )

    return make


@pytest.fixture
def album_index(home):
    page = AlbumIndexPage(title="Thư viện ảnh", slug="thu-vien-anh", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def video_index(home):
    page = VideoIndexPage(title="Video", slug="video", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_album(album_index, make_image):
    def make(title="Lễ hội đua thuyền trên sông Hà", photos=3, publish=True, **fields):
        album = AlbumPage(title=title, credit="Ảnh: Minh Khang", live=publish, **fields)
        for index in range(photos):
            album.photos.add(
                AlbumPhoto(
                    image=make_image(),
                    alt_text=f"Đội thuyền số {index + 1} tăng tốc giữa dòng",
                    caption=f"Chú thích ảnh {index + 1}",
                    credit="Ảnh: Thu Hà" if index == 0 else "",
                    sort_order=index,
                )
            )
        album_index.add_child(instance=album)
        revision = album.save_revision()
        if publish:
            revision.publish()
        return AlbumPage.objects.get(pk=album.pk)

    return make


@pytest.fixture
def make_video(video_index, make_image):
    def make(title="Bình minh trên sông Hà", publish=True, **fields):
        video = VideoPage(
            title=title, live=publish, transcript=fields.pop("transcript", "Lời thoại: bình minh trên sông."), **fields
        )
        if not video.embed_url:
            video.video_file.save("song-ha.webm", ContentFile((HERE / "song-ha.webm").read_bytes()), save=False)
            video.captions.save("song-ha.vtt", ContentFile((HERE / "song-ha.vtt").read_bytes()), save=False)
        video_index.add_child(instance=video)
        revision = video.save_revision()
        if publish:
            revision.publish()
        return VideoPage.objects.get(pk=video.pk)

    return make
