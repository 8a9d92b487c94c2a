import datetime

import pytest
from django.utils import timezone

SUB_HOST = "an-binh.localhost"


@pytest.fixture
def subsite(db, home):
    """A sub-portal (the province's default site stays ``testserver``)."""
    from vnportal.news.subportals import create_subportal

    site, _created = create_subportal(SUB_HOST, "Cổng thông tin điện tử huyện An Bình", port=80)
    return site


@pytest.fixture
def sub_section(subsite):
    from vnportal.news.models import SectionPage

    section = SectionPage(title="Tin tức huyện", slug="tin-tuc-huyen", show_in_menus=True)
    subsite.root_page.add_child(instance=section)
    section.save_revision().publish()
    return section


@pytest.fixture
def sub_article(sub_section):
    from vnportal.news.models import ArticlePage

    article = ArticlePage(
        title="Huyện An Bình làm đường giao thông nông thôn",
        slug="lam-duong",
        lead="Sapo.",
        share_to_province=True,
        display_date=timezone.now() - datetime.timedelta(hours=1),
    )
    sub_section.add_child(instance=article)
    article.save_revision().publish()
    return article


@pytest.fixture
def make_site_poll(db):
    from vnportal.polls.models import Choice, Poll

    def make(site, question, **fields):
        now = timezone.now()
        poll = Poll.objects.create(
            site=site,
            question=question,
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=1),
            published=True,
            results_visibility=Poll.Visibility.ALWAYS,
            **fields,
        )
        for order, text in enumerate(("Tốt", "Chưa tốt")):
            Choice.objects.create(poll=poll, text=text, sort_order=order)
        return poll

    return make
