"""Create the demo site: settings, sections, articles with images. Safe to run again."""

import datetime
import io
import random

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from vnportal.core.models import SiteSettings
from vnportal.core.text import slugify

from ..models import ArticlePage, HomePage, SectionPage
from . import content
from .images import landscape_png


def build(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message)

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage; run the migrations first.")
    if not home.intro:
        home.intro = content.HOME_INTRO
        home.save_revision().publish()

    settings = SiteSettings.for_site(site)
    if settings.agency_name == SiteSettings._meta.get_field("agency_name").default:
        for field, value in content.AGENCY.items():
            setattr(settings, field, value)
        settings.save()
        say("Đã điền thông tin cơ quan.")

    sections = {}
    for index, spec in enumerate(content.SECTIONS):
        section = _child_section(home, spec["title"], spec["intro"], show_in_menus=True)
        sections[str(index)] = (section, spec)
        for child_index, child in enumerate(spec["children"]):
            sub = _child_section(section, child["title"], child["intro"], show_in_menus=False)
            sections[f"{index}/{child_index}"] = (sub, spec)

    now = timezone.now().replace(second=0, microsecond=0)
    created = 0
    for number, (key, title, kicker, lead, tags, featured) in enumerate(content.ARTICLES):
        section, spec = sections[key]
        slug = slugify(title)
        if ArticlePage.objects.filter(slug=slug).descendant_of(section).exists():
            continue
        rng = random.Random(number)
        image = _image(title, number, spec["colour"])
        article = ArticlePage(
            title=title,
            slug=slug,
            kicker=kicker,
            lead=lead,
            hero_image=image,
            hero_caption=f"Ảnh minh họa: {title}",
            body=_body(rng, key.split("/")[0], number),
            signoff=spec["signoff"],
            author=rng.choice(content.AUTHORS),
            featured=featured,
            display_date=now - datetime.timedelta(hours=number * 19 + rng.randint(0, 6)),
        )
        section.add_child(instance=article)
        article.tags.add(*tags)
        article.save_revision().publish()
        created += 1
    say(f"Đã tạo {created} bài viết mẫu.")


def _child_section(parent, title, intro, show_in_menus):
    slug = slugify(title)
    existing = SectionPage.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    section = SectionPage(title=title, slug=slug, intro=intro, show_in_menus=show_in_menus)
    parent.add_child(instance=section)
    section.save_revision().publish()
    return section


def _image(title, seed, colour):
    Image = get_image_model()
    image_title = f"Ảnh minh họa: {title}"
    image = Image.objects.filter(title=image_title).first()
    if image is None:
        data = ImageFile(io.BytesIO(landscape_png(seed, colour)), name=f"demo-{seed:03d}.png")
        image = Image(title=image_title, file=data)
        image.save()
    return image


def _body(rng, section_key, number):
    pool = content.SENTENCES["common"] + content.SENTENCES[section_key]
    blocks = []
    for paragraph in range(rng.randint(3, 5)):
        sentences = rng.sample(pool, 3)
        blocks.append(("paragraph", "<p>" + " ".join(sentences) + "</p>"))
        if paragraph == 1 and number % 3 == 0:
            text, who = content.QUOTES[number % len(content.QUOTES)]
            blocks.append(("quote", {"text": text, "attribution": who}))
    if section_key == "2" and number % 2 == 0:
        blocks.append(
            (
                "table",
                {
                    "caption": content.TABLE["caption"],
                    "table": {
                        "data": content.TABLE["rows"],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "",
                    },
                },
            )
        )
    return blocks
