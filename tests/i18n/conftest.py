"""An agency with its English version, as `vnportal demo` makes it (agency/demo.py), plus a news
section and an article so the Vietnamese news URLs can be asked for too.

Built once per test module (the demo's portraits take seconds), in a transaction rolled back at
the end; each test reads it inside its own savepoint."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from vnportal.agency import demo


@pytest.fixture(scope="module")
def english_demo(django_db_setup, django_db_blocker):
    from vnportal.core import structure
    from vnportal.news.models import ArticlePage, SectionPage

    with django_db_blocker.unblock(), transaction.atomic():
        structure.bump_now()
        home = Site.objects.get(is_default_site=True).root_page.specific
        section = SectionPage(title="Tin tức - Sự kiện", show_in_menus=True)
        home.add_child(instance=section)
        section.save_revision().publish()
        article = ArticlePage(
            title="Đại hội Đảng bộ tỉnh lần thứ XVII",
            lead="Sapo của bài viết.",
            display_date=timezone.make_aware(datetime.datetime(2020, 11, 13, 15, 30)),
        )
        section.add_child(instance=article)
        article.save_revision().publish()
        demo.build()
        yield {"section_url": section.url, "article_url": article.url}
        transaction.set_rollback(True)


@pytest.fixture
def english_site(english_demo, db):
    return english_demo
