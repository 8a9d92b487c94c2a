"""Demo agency for Sơn Hà (`vnportal demo`): units, people, the Giới thiệu pages. Safe to run again.

Photos and the map are drawn with Pillow (nothing shipped or downloaded): a portrait is a
silhouette on a coloured ground, since the people are fictional; the map has no lettering,
its areas are named in the page's text.
"""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from vnportal.core.models import SiteSettings
from vnportal.core.text import slugify

from . import demo_content as content
from . import demo_content_en as english
from .models import AboutIndexPage, AboutPage, Person, PersonTranslation, Unit, UnitTranslation

INDEX_SLUG = "gioi-thieu"


def build(stdout=None):
    units = _units()
    people = _people(units)
    for unit_name, head_name in content.HEADS.items():
        unit = units[unit_name]
        if unit.head_id is None:
            unit.head = people[head_name]
            unit.save(update_fields=["head", "updated_at"])
    created = _pages()
    translated = _english(units, people)
    if stdout is not None:
        stdout.write(f"Đã tạo {len(units)} đơn vị, {len(people)} người và {created} trang giới thiệu mẫu.")
        stdout.write(f"Đã tạo {translated} bản dịch tiếng Anh mẫu (/en/).")


def _units():
    units = {}
    for order, (name, short, kind, parent, address, phone, email, functions) in enumerate(content.UNITS):
        unit, _created = Unit.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "parent": units.get(parent),
                "sort_order": order * 10,
                "address": address,
                "phone": phone,
                "email": email,
                "functions": functions,
            },
        )
        units[name] = unit
    return units


def _people(units):
    people = {}
    for index, row in enumerate(content.PEOPLE):
        name, title, unit, leader, order, term, phone, email, biography = row
        person = Person.objects.filter(name=name, title=title).first()
        if person is None:
            person = Person.objects.create(
                name=name,
                title=title,
                unit=units[unit],
                is_leader=leader,
                sort_order=order,
                term=term,
                public_phone=phone,
                public_email=email,
                biography=biography,
                photo=_portrait(name, index) if leader else None,
            )
        people[name] = person
    return people


def _pages():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    index = AboutIndexPage.objects.child_of(home).first()
    created = 0
    if index is None:
        index = AboutIndexPage(title="Giới thiệu", slug=INDEX_SLUG, intro=content.INDEX_INTRO)
        home.add_child(instance=index)
        index.save_revision().publish()
        created += 1
    for slug, title, kind, description, body in content.PAGES:
        if AboutPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = AboutPage(title=title, slug=slug, kind=kind, search_description=description, body=body)
        if slug == "ban-do-hanh-chinh":
            page.image = _map_image()
            page.image_caption = "Bản đồ hành chính tỉnh Sơn Hà: năm khu vực (minh họa)"
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def _stored_image(title, filename, draw):
    Image_ = get_image_model()
    image = Image_.objects.filter(title=title).first()
    if image is None:
        image = Image_(title=title, file=ImageFile(io.BytesIO(draw()), name=filename))
        image.save()
    return image


def _portrait(name, seed):
    def draw():
        rng = random.Random(seed)
        ground = (rng.randint(150, 200), rng.randint(170, 210), rng.randint(190, 230))
        image = Image.new("RGB", (480, 600), ground)
        pen = ImageDraw.Draw(image)
        pen.ellipse([165, 110, 315, 280], fill=(90, 90, 100))  # head
        pen.ellipse([70, 300, 410, 720], fill=(40, 50, 70))  # shoulders, a dark jacket
        pen.polygon([(215, 300), (265, 300), (240, 420)], fill=(245, 245, 245))  # shirt collar
        pen.polygon([(232, 320), (248, 320), (244, 410), (236, 410)], fill=(165, 15, 21))  # tie
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()

    return _stored_image(f"Ảnh chân dung (minh họa): {name}", f"chan-dung-{slugify(name)}.png", draw)


def _map_image():
    def draw():
        image = Image.new("RGB", (1000, 760), (230, 240, 248))
        pen = ImageDraw.Draw(image)
        areas = [
            ([(330, 60), (700, 40), (760, 230), (520, 290), (360, 250)], (120, 180, 110)),  # north
            ([(80, 200), (330, 60), (360, 250), (380, 470), (120, 520)], (230, 200, 90)),  # west
            ([(520, 290), (760, 230), (930, 380), (860, 560), (620, 500)], (110, 150, 210)),  # east
            ([(120, 520), (380, 470), (620, 500), (860, 560), (640, 720), (260, 720)], (235, 150, 80)),  # south
            ([(360, 250), (520, 290), (620, 500), (380, 470)], (200, 70, 70)),  # centre
        ]
        for points, colour in areas:
            pen.polygon(points, fill=colour, outline=(60, 60, 60), width=3)
        # The river Đào, west to east across the province.
        pen.line([(60, 430), (250, 400), (450, 380), (640, 430), (960, 470)], fill=(40, 90, 190), width=9)
        pen.ellipse([470, 350, 500, 380], fill=(255, 255, 255), outline=(0, 0, 0), width=3)  # the capital
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()

    return _stored_image("Bản đồ hành chính tỉnh Sơn Hà (minh họa)", "ban-do-hanh-chinh-son-ha.png", draw)


# --- i18n: the English version (/en/): home, Giới thiệu pages, units, people, a contact page ---------


def _english(units, people):
    """Translate what an agency must give in English (docs/translation.md); what exists is left as it is."""
    locale = Locale.objects.filter(language_code="en").first()
    if locale is None:  # the operator removed English
        return 0
    made = 0
    site = Site.objects.get(is_default_site=True)
    settings_ = SiteSettings.objects.filter(site=site).first() or SiteSettings.objects.create(site=site)
    if not settings_.english_agency_name:
        for field, value in english.SITE.items():
            setattr(settings_, field, value)
        settings_.save()
    for name, unit in units.items():
        if name in english.UNITS and not UnitTranslation.objects.filter(unit=unit, locale=locale).exists():
            en_name, short, address, functions = english.UNITS[name]
            UnitTranslation.objects.create(
                unit=unit, locale=locale, name=en_name, short_name=short, address=address, functions=functions
            )
            made += 1
    for name, person in people.items():
        if name in english.PEOPLE and not PersonTranslation.objects.filter(person=person, locale=locale).exists():
            en_name, title, biography = english.PEOPLE[name]
            PersonTranslation.objects.create(
                person=person, locale=locale, name=en_name, title=title, biography=biography
            )
            made += 1
    return made + _english_pages(site, locale)


def _publish(page, **fields):
    for field, value in fields.items():
        setattr(page, field, value)
    page.save_revision().publish()


def _english_pages(site, locale):
    made = 0
    home = site.root_page.specific
    en_home = home.get_translation_or_none(locale)
    if en_home is None:
        en_home = home.copy_for_translation(locale)
        fields = {"title": english.HOME_TITLE}
        if hasattr(en_home, "intro"):  # news.HomePage: its introduction is what the English home shows
            fields["intro"] = english.HOME_INTRO
        _publish(en_home, **fields)
        made += 1
    index = AboutIndexPage.objects.child_of(home).first()
    if index is None:
        return made
    en_index = index.get_translation_or_none(locale)
    if en_index is None:
        en_index = index.copy_for_translation(locale)
        slug, title, intro = english.INDEX
        # Shown in the English menu (core/languages.py) as the part it is, with its pages under it.
        _publish(en_index, slug=slug, title=title, intro=intro, show_in_menus=True)
        made += 1
    for page in AboutPage.objects.child_of(index).specific():
        if page.slug not in english.PAGES or page.get_translation_or_none(locale) is not None:
            continue
        slug, title, description, body = english.PAGES[page.slug]
        copy = page.copy_for_translation(locale)
        fields = {"slug": slug, "title": title, "search_description": description, "body": body}
        if page.image_id:
            fields["image_caption"] = english.MAP_CAPTION
        _publish(copy, **fields)
        made += 1
    slug, title, description, body = english.CONTACT
    en_index = AboutIndexPage.objects.get(pk=en_index.pk)  # its address as published (English slug)
    if not AboutPage.objects.child_of(en_index).filter(slug=slug).exists():
        # Not a translation: Vietnamese readers have the Liên hệ form (/lien-he/). It lists the units'
        # contacts (their English words) below its text.
        contact = AboutPage(
            title=title, slug=slug, kind=AboutPage.Kind.FUNCTIONS, search_description=description, body=body,
            locale=locale,
        )  # fmt: skip
        en_index.add_child(instance=contact)
        contact.save_revision().publish()
        made += 1
    return made
