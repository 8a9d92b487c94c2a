"""Demo link groups and banners for Sơn Hà: central portals, provinces, online public services
by field, and two sidebar banners (drawn here, no text in the image).

The targets are addresses of real national portals or the fictional province's own; the
demo only stores them (nothing fetches them: the link check is off outside production).
Safe to run again: a group or banner that exists (by title) is left as it is.
"""

import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from . import parts
from .models import Banner, Link, LinkGroup, MenuSettings

GROUPS = [
    (
        "Cổng thông tin Trung ương",
        False,
        [
            ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn/", ""),
            ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/", ""),
            ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/", ""),
            ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn/", ""),
        ],
    ),
    (
        "Các tỉnh, thành phố",
        False,
        [
            ("Cổng thông tin điện tử tỉnh Sơn Hà", "https://sonha.gov.vn/", ""),
            ("Cổng thông tin điện tử tỉnh Lâm Giang", "https://lamgiang.gov.vn/", ""),
            ("Cổng thông tin điện tử tỉnh Bình Sơn", "https://binhson.gov.vn/", ""),
        ],
    ),
    (
        "Dịch vụ công trực tuyến",
        True,
        [
            (
                "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
                "https://dichvucong.sonha.gov.vn/dat-dai/cap-lan-dau",
                "Đất đai",
            ),
            ("Đăng ký biến động đất đai", "https://dichvucong.sonha.gov.vn/dat-dai/bien-dong", "Đất đai"),
            ("Đăng ký khai sinh", "https://dichvucong.sonha.gov.vn/ho-tich/khai-sinh", "Hộ tịch"),
            ("Đăng ký kết hôn", "https://dichvucong.sonha.gov.vn/ho-tich/ket-hon", "Hộ tịch"),
            ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "https://dichvucong.sonha.gov.vn/xay-dung/giay-phep", "Xây dựng"),
            (
                "Đăng ký thành lập hộ kinh doanh",
                "https://dichvucong.sonha.gov.vn/kinh-doanh/ho-kinh-doanh",
                "Đăng ký kinh doanh",
            ),
        ],
    ),
]


BANNERS = [
    # title, alternative text (the link's purpose: the image carries no words), link, colours
    (
        "Dịch vụ công trực tuyến Sơn Hà",
        "Cổng Dịch vụ công tỉnh Sơn Hà: nộp hồ sơ trực tuyến",
        "https://dichvucong.sonha.gov.vn/",
        ((11, 79, 156), (242, 201, 76)),
    ),
    (
        "Chuyển đổi số tỉnh Sơn Hà",
        "Chương trình chuyển đổi số tỉnh Sơn Hà giai đoạn 2026 - 2030",
        "",
        ((165, 15, 21), (255, 255, 255)),
    ),
]


def banner_png(colours, size=(600, 200)):
    """A plain banner: a band of colour, stripes and a disc."""
    ground, accent = colours
    image = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(image)
    width, height = size
    for n in range(6):
        x = width // 2 + n * 50
        draw.polygon([(x, height), (x + 30, height), (x + 130, 0), (x + 100, 0)], fill=accent)
    draw.ellipse([40, 40, 40 + height - 80, height - 40], fill=accent)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def build_banners():
    made = 0
    for order, (title, alt_text, url, colours) in enumerate(BANNERS):
        if Banner.objects.filter(title=title).exists():
            continue
        image = get_image_model().objects.create(
            title=title, file=ImageFile(io.BytesIO(banner_png(colours)), name=f"banner-{order + 1}.png")
        )
        Banner.objects.create(
            title=title, image=image, alt_text=alt_text, url=url, shown_from=timezone.now(), sort_order=order
        )
        made += 1
    return made


def _child(parent, slug):
    return Page.objects.live().child_of(parent).filter(slug=slug).first() if parent else None


def _entry(label="", page=None, part="", children=()):
    return {
        "label": label,
        "page": page,
        "part": part if part in parts.part_titles() else "",
        "url": "",
        "children": [{"label": c["label"], "page": c["page"], "part": c["part"], "url": ""} for c in children],
    }


def build_menu():
    """A main menu the demo's editors would set up (Tùy chỉnh › Trình đơn chính): one row on a
    desktop, the sections and the citizen pages as sub-items (labels are demo content, in
    Vietnamese; an empty label shows the page's or part's own title). Parts and pages are found by
    their URL names and slugs, so this names no content app. Kept if an editor set one."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    menu_settings = MenuSettings.for_site(site)
    if len(menu_settings.main_menu):
        return False
    home = site.root_page
    about, photos, videos = _child(home, "gioi-thieu"), _child(home, "thu-vien-anh"), _child(home, "video")
    sections = [
        p
        for p in Page.objects.live().child_of(home).in_menu()
        if p.pk not in {x.pk for x in (about, photos, videos) if x}
    ]
    items = [_entry("Trang chủ", page=home)]
    if about:
        items.append(_entry(page=about, children=[_entry(page=p) for p in Page.objects.live().child_of(about)[:8]]))
    if sections:
        items.append(_entry("Tin tức", page=sections[0], children=[_entry(page=p) for p in sections]))
    items += [_entry(part="library:index"), _entry(part="schedule:index")]
    citizens = [_entry(part=name) for name in ("questions:index", "consultations:index")]
    citizens = [c for c in citizens if c["part"]]
    if citizens:
        items.append(_entry("Tương tác", part=citizens[0]["part"], children=citizens))
    if photos or videos:
        media = [_entry(page=p) for p in (photos, videos) if p]
        items.append(_entry("Thư viện", page=media[0]["page"], children=media))
    items.append(_entry(part="contact:form"))
    items = [i for i in items if i["page"] or i["part"]]
    menu_settings.main_menu = [("item", item) for item in items]
    menu_settings.save()
    return True


def build(stdout=None):
    if build_menu() and stdout is not None:
        stdout.write("Main menu: set up.")
    banners = build_banners()
    if stdout is not None and banners:
        stdout.write(f"Banners: {banners} created.")
    made = 0
    for order, (title, by_field, links) in enumerate(GROUPS):
        group, created = LinkGroup.objects.get_or_create(
            title=title, defaults={"sort_order": order * 10, "grouped_by_field": by_field, "in_footer": not by_field}
        )
        if not created:
            continue
        made += 1
        for index, (link_title, url, field) in enumerate(links):
            Link.objects.create(group=group, title=link_title, url=url, field=field, sort_order=index)
    if stdout is not None and made:
        stdout.write(f"Link groups: {made} created.")
