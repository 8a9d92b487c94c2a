"""The demo's sub-portal: "Cổng thông tin điện tử huyện An Bình" (fictional), served on a laptop
at http://an-binh.localhost:8000/ next to the province's portal (docs/sub-portals.md).

Its own home page, two sections, a few articles (one shared to the province's "Tin cơ sở"
section, which this also creates), its settings with an emblem of its own, and a poll.
Safe to run again.
"""

import datetime
import io

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site

from vnportal.core.models import SiteSettings
from vnportal.core.text import slugify
from vnportal.polls.models import Choice, Poll

from ..models import ArticlePage, SectionPage
from ..subportals import create_subportal
from . import _image

HOSTNAME = "an-binh.localhost"
NAME = "Cổng thông tin điện tử huyện An Bình"
AGENCY = {
    "agency_subtitle": "Ủy ban nhân dân huyện An Bình",
    "responsible_person": "Chịu trách nhiệm chính: Ông Trần Văn Bình, Chánh Văn phòng HĐND và UBND huyện",
    "address": "Số 1 đường Trung tâm, thị trấn An Bình, huyện An Bình",
    "phone": "0200 3 000 111",
    "email": "vanphong@anbinh.example.vn",
    "copyright_notice": "Ghi rõ nguồn “Cổng thông tin điện tử huyện An Bình” khi phát hành lại thông tin.",
}
SECTIONS = [
    ("Tin tức huyện", "Hoạt động của các cơ quan, đơn vị và các xã, thị trấn trong huyện."),
    ("Thông báo", "Thông báo của Ủy ban nhân dân huyện."),
]
# (section index, title, lead, shared to the province's Tin cơ sở)
ARTICLES = [
    (
        0,
        "Huyện An Bình ra quân làm đường giao thông nông thôn",
        "Hơn 500 người dân các xã trong huyện đã cùng ra quân bê tông hóa 12 km đường liên thôn.",
        True,
    ),
    (
        0,
        "An Bình tổ chức hội chợ nông sản an toàn",
        "Hội chợ giới thiệu 80 gian hàng nông sản của các hợp tác xã.",
        False,
    ),
    (1, "Lịch tiếp công dân tháng này", "Lãnh đạo UBND huyện tiếp công dân vào thứ Năm tuần thứ hai.", False),
]
POLL_QUESTION = "Bạn đánh giá thế nào về việc giải quyết thủ tục hành chính tại huyện An Bình?"
POLL_CHOICES = ["Nhanh, thuận tiện", "Bình thường", "Còn chậm"]
SHARED_SECTION = "Tin cơ sở"


def _emblem():
    Image = get_image_model()
    title = "Biểu trưng huyện An Bình"
    image = Image.objects.filter(title=title).first()
    if image is None:
        canvas = PILImage.new("RGB", (192, 192), (255, 255, 255))
        draw = ImageDraw.Draw(canvas)
        draw.ellipse([8, 8, 184, 184], fill=(0, 110, 80))
        draw.ellipse([40, 40, 152, 152], fill=(255, 205, 0))
        buffer = io.BytesIO()
        canvas.save(buffer, "PNG")
        image = Image(title=title, file=ImageFile(buffer, name="bieu-trung-an-binh.png"))
        image.save()
    return image


def _section(parent, title, intro, **fields):
    slug = slugify(title)
    section = SectionPage.objects.child_of(parent).filter(slug=slug).first()
    if section is None:
        section = SectionPage(title=title, slug=slug, intro=intro, show_in_menus=True, **fields)
        parent.add_child(instance=section)
        section.save_revision().publish()
    return section


def build(stdout=None):
    port = settings.PUBLIC_PORT
    site = Site.objects.filter(hostname=HOSTNAME).first()
    if site is None:
        site, _created = create_subportal(HOSTNAME, NAME, port=port)
    elif site.port != port:  # `vnportal run` on another port: links follow it
        site.port = port
        site.save(update_fields=["port"])
    home = site.root_page.specific

    agency = SiteSettings.objects.get(site=site)
    if not agency.agency_subtitle:
        for field, value in AGENCY.items():
            setattr(agency, field, value)
        agency.emblem = _emblem()
        agency.save()

    sections = [_section(home, title, intro) for title, intro in SECTIONS]
    now = timezone.now().replace(second=0, microsecond=0)
    for number, (index, title, lead, shared) in enumerate(ARTICLES):
        slug = slugify(title)
        if ArticlePage.objects.filter(slug=slug).descendant_of(home).exists():
            continue
        article = ArticlePage(
            title=title,
            slug=slug,
            lead=lead,
            hero_image=_image(title, 100 + number, (0, 110, 80)),
            body=[("paragraph", f"<p>{lead}</p>")],
            signoff="VP-UBND huyện",
            share_to_province=shared,
            display_date=now - datetime.timedelta(hours=5 + number * 11),
        )
        sections[index].add_child(instance=article)
        article.tags.add("Huyện An Bình")
        article.save_revision().publish()

    # The province's "Tin cơ sở": lists what the sub-portals share.
    main = Site.objects.get(is_default_site=True).root_page.specific
    _section(main, SHARED_SECTION, "Tin tức do các cổng thông tin huyện, xã chia sẻ.", lists_shared=True)

    if not Poll.objects.filter(site=site, question=POLL_QUESTION).exists():
        poll = Poll.objects.create(
            site=site,
            question=POLL_QUESTION,
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=365),
            results_visibility=Poll.Visibility.ALWAYS,
            published=True,
            is_current=True,
        )
        for order, text in enumerate(POLL_CHOICES):
            Choice.objects.create(poll=poll, text=text, sort_order=order)
    if stdout is not None:
        stdout.write(f"Cổng thành phần mẫu: http://{HOSTNAME}:{port}/" if port != 80 else f"http://{HOSTNAME}/")
