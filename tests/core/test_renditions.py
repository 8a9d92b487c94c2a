"""Renditions are made ahead of time, from one list of sizes; a page view resizes nothing."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template import Template, TemplateSyntaxError
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from vnportal.core import renditions
from vnportal.news.demo.images import landscape_png

TEMPLATES = Path(__file__).resolve().parents[2] / "vnportal" / "templates"


def png(seed=1, size=(320, 200)):
    return ImageFile(io.BytesIO(landscape_png(seed, (30, 90, 60), size=size)), name=f"anh-{seed}.png")


def specs_of(image):
    return set(image.renditions.values_list("filter_spec", flat=True))


@pytest.fixture
def upload(db, django_capture_on_commit_callbacks):
    """An image uploaded as the admin does it, with what runs after the commit."""

    def make(seed=1, size=(320, 200)):
        with django_capture_on_commit_callbacks(execute=True):
            return get_image_model().objects.create(title=f"Ảnh {seed}", file=png(seed, size))

    return make


@pytest.fixture
def forbid_resizing(monkeypatch):
    """Call to make any resizing from then on fail (and be recorded)."""
    calls = []

    def refuse(self, filter, *args, **kwargs):
        calls.append(filter.spec)
        raise AssertionError(f"resized {filter.spec} during a page view")

    def forbid():
        monkeypatch.setattr(AbstractImage, "generate_rendition_file", refuse)
        return calls

    return forbid


def all_specs(names):
    return set(renditions.specs(names))


@pytest.mark.django_db
def test_an_uploaded_image_gets_every_content_size(upload):
    image = upload()
    assert specs_of(image) == all_specs(renditions.UPLOADED)


@pytest.mark.django_db
def test_a_replaced_file_gets_new_renditions(upload, django_capture_on_commit_callbacks):
    image = upload(size=(320, 200))
    old_files = set(image.renditions.values_list("file", flat=True))
    # What Wagtail's image form does, in its order and outside a transaction: save the
    # image with its new file (what runs after the commit runs at once), then delete
    # every rendition of the old file.
    image.file = png(2, size=(200, 320))
    image._set_image_file_metadata()
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    with django_capture_on_commit_callbacks(execute=True):
        image.renditions.all().delete()
    assert specs_of(image) == all_specs(renditions.UPLOADED)
    assert not old_files & set(image.renditions.values_list("file", flat=True))
    hero = image.renditions.get(filter_spec=renditions.SPECS["hero"])
    assert (hero.width, hero.height) == (200, 320)  # made from the new, portrait file


@pytest.mark.django_db
def test_published_article_renders_without_resizing(
    client, make_article, upload, forbid_resizing, django_capture_on_commit_callbacks
):
    hero = upload(1)
    body_image = upload(2)
    # Sizes appear that the upload did not make (a body image also used as a lead image).
    body_image.renditions.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(hero_image=hero, body=[("image", {"image": body_image, "caption": "Ảnh", "credit": ""})])
    assert all_specs(renditions.BODY) <= specs_of(body_image)
    resized = forbid_resizing()
    for url in (article.url, article.url + "in/", "/", article.get_parent().url):
        assert client.get(url).status_code == 200, url
    assert resized == []


@pytest.mark.django_db
def test_a_missing_rendition_is_still_made_on_view(client, make_article, upload):
    hero = upload()
    article = make_article(hero_image=hero)
    hero.renditions.filter(filter_spec=renditions.SPECS["hero"]).delete()
    response = client.get(article.url)
    assert response.status_code == 200
    made = hero.renditions.get(filter_spec=renditions.SPECS["hero"])
    assert made.url in response.content.decode()


@pytest.mark.django_db
def test_an_unreadable_image_does_not_break_a_page(client, make_article, upload):
    hero = upload()
    hero.renditions.all().delete()
    hero.file.storage.delete(hero.file.name)
    article = make_article(hero_image=hero)
    assert client.get(article.url).status_code == 200


def run_command():
    """(made, already there, images) from the command's summary, and its progress lines."""
    out = io.StringIO()
    call_command("generate_renditions", stdout=out)
    *progress, summary = out.getvalue().strip().splitlines()
    return tuple(int(n) for n in re.findall(r"\d+", summary)), progress


@pytest.mark.django_db
def test_generate_renditions_command_is_idempotent(db):
    images = [get_image_model().objects.create(title=f"Ảnh {n}", file=png(n)) for n in (1, 2)]
    assert all(not specs_of(image) for image in images)  # what runs after commit never ran here
    per_image = len(all_specs(renditions.UPLOADED))
    counts, progress = run_command()
    assert counts == (2 * per_image, 0, 2)
    assert progress and "2/2" in progress[-1]
    assert all(specs_of(image) == all_specs(renditions.UPLOADED) for image in images)
    assert run_command()[0] == (0, 2 * per_image, 2)


@pytest.mark.django_db
def test_generate_renditions_reports_unreadable_files_and_does_the_rest(db):
    good = get_image_model().objects.create(title="Tốt", file=png(1))
    broken = get_image_model().objects.create(title="Hỏng", file=png(2))
    broken.file.storage.delete(broken.file.name)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("generate_renditions", stdout=io.StringIO(), stderr=err)
    assert "Hỏng" in err.getvalue()
    assert specs_of(good) == all_specs(renditions.UPLOADED)


def test_templates_name_their_sizes_from_the_one_list():
    used = set()
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert "{% image " not in text, f'{path}: use {{% rendition image "name" %}} (vnportal.core.renditions)'
        used |= set(re.findall(r"{% rendition \S+ \"(\w+)\"", text))
    assert used == set(renditions.SPECS)


def test_an_unknown_size_fails_when_the_template_loads():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load vnportal %}{% rendition page.hero_image "huge" %}')
