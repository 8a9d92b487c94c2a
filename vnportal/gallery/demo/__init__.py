"""Demo photo album and video for the fictional province of Sơn Hà. Safe to run again.

The photos are drawn here with Pillow; the short video (song-ha.webm, made by
tools/make_demo_video.py) and its captions are files in this folder. Nothing is downloaded.
"""

import datetime
import io
import pathlib
import random

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from vnportal.core.text import slugify

from ..models import AlbumIndexPage, AlbumPage, AlbumPhoto, VideoIndexPage, VideoPage
from .drawing import scene_png

HERE = pathlib.Path(__file__).resolve().parent

ALBUM_TITLE = "Lễ hội đua thuyền truyền thống trên sông Hà năm 2026"
ALBUM_INTRO = (
    "Sáng 12/4, hàng nghìn người dân và du khách đã về bến sông Hà, xã Tân Phú, cổ vũ 16 đội thuyền "
    "của các xã, phường trong tỉnh tranh tài tại Lễ hội đua thuyền truyền thống."
)
PHOTOS = [
    ("Các đội thuyền xếp hàng ở vạch xuất phát trên sông Hà", "Các đội thuyền sẵn sàng ở vạch xuất phát.", 0),
    ("Hai thuyền đua sát nhau giữa dòng sông, tay chèo đồng loạt", "Cuộc đua gay cấn ở lượt về.", 1),
    ("Người dân đứng kín hai bên bờ sông cổ vũ", "Người dân đứng kín hai bờ sông cổ vũ.", 2),
    ("Lãnh đạo tỉnh trao cờ và cúp cho đội thắng cuộc trên bến", "Trao giải cho đội về nhất.", 3),
    ("Đội thuyền xã Tân Phú nâng cúp vô địch bên bờ sông lúc hoàng hôn", "Niềm vui của đội vô địch.", 4),
]
CREDIT = "Ảnh: Minh Khang"

VIDEO_TITLE = "Bình minh trên sông Hà"
VIDEO_INTRO = "Một buổi sáng ở xã Tân Phú: mặt trời lên trên những quả đồi, thuyền của bà con ra đồng."
TRANSCRIPT = (
    "Bình minh trên sông Hà, xã Tân Phú, tỉnh Sơn Hà. Thuyền của bà con ra đồng từ sáng sớm. "
    "Video: Trung tâm Truyền thông tỉnh Sơn Hà. (Video không có lời; chỉ có tiếng nước.)"
)


def build(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message)

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    albums = _index(home, AlbumIndexPage, "Thư viện ảnh", "thu-vien-anh", "Ảnh các sự kiện của tỉnh Sơn Hà.")
    videos = _index(home, VideoIndexPage, "Video", "video", "Phóng sự và tư liệu bằng video của tỉnh Sơn Hà.")

    created = 0
    if not AlbumPage.objects.child_of(albums).filter(slug=slugify(ALBUM_TITLE)).exists():
        album = AlbumPage(
            title=ALBUM_TITLE,
            slug=slugify(ALBUM_TITLE),
            intro=ALBUM_INTRO,
            credit=CREDIT,
            display_date=timezone.localdate() - datetime.timedelta(days=3),
        )
        for order, (alt, caption, seed) in enumerate(PHOTOS):
            album.photos.add(AlbumPhoto(image=_image(caption, seed), alt_text=alt, caption=caption, sort_order=order))
        albums.add_child(instance=album)
        album.save_revision().publish()
        created += 1
    if not VideoPage.objects.child_of(videos).filter(slug=slugify(VIDEO_TITLE)).exists():
        video = VideoPage(
            title=VIDEO_TITLE,
            slug=slugify(VIDEO_TITLE),
            intro=VIDEO_INTRO,
            transcript=TRANSCRIPT,
            poster=_image("Bình minh trên sông Hà", 5),
            display_date=timezone.localdate() - datetime.timedelta(days=1),
        )
        video.video_file.save("song-ha.webm", ContentFile((HERE / "song-ha.webm").read_bytes()), save=False)
        video.captions.save("song-ha.vtt", ContentFile((HERE / "song-ha.vtt").read_bytes()), save=False)
        videos.add_child(instance=video)
        video.save_revision().publish()
        created += 1
    say(f"Đã tạo {created} album ảnh và video mẫu.")


def _index(home, model, title, slug, intro):
    existing = model.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = model(title=title, slug=slug, intro=intro, show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _image(caption, seed):
    Image = get_image_model()
    title = f"Ảnh thư viện: {caption}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        rng = random.Random(seed)
        data = ImageFile(io.BytesIO(scene_png(rng)), name=f"album-{seed:02d}.png")
        image = Image(title=title, file=data)
        image.save()
    return image
