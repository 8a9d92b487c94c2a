"""Setting up and running the newsroom from the admin alone (issue 13, point 7)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.utils import timezone
from wagtail.models import GroupPagePermission

from vnportal.news.models import ArticlePage, SectionPage
from vnportal.news.roles import EDITOR, REPORTER
from vnportal.news.workflow import SectionApprovalTask

from .test_workflow import _draft, newsroom  # noqa: F401  (the shared newsroom fixture)

pytestmark = pytest.mark.django_db

SECTION_FORM = {
    "title": "Chuyển đổi số",
    "slug": "chuyen-doi-so",
    "intro": "",
    "page_size": "12",
    "seo_title": "",
    "search_description": "",
    "comment_notifications": "on",
    "action-publish": "action-publish",
}


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_new_section_is_in_the_menu_by_default():
    assert SectionPage().show_in_menus is True
    assert ArticlePage().show_in_menus is False


def test_section_created_in_the_admin_is_in_the_menu_and_gets_its_groups(client, newsroom, home):  # noqa: F811
    client.force_login(newsroom["leader"])
    form = client.get(f"/quan-tri/pages/add/news/sectionpage/{home.pk}/").content.decode()
    # The switch is on the first tab, already ticked.
    assert 'name="show_in_menus"' in form.split('id="tab-promote"')[0]
    response = client.post(
        f"/quan-tri/pages/add/news/sectionpage/{home.pk}/", {**SECTION_FORM, "show_in_menus": "on"}, follow=True
    )
    section = SectionPage.objects.get(title="Chuyển đổi số")
    assert section.live and section.show_in_menus
    for role, codename in ((REPORTER, "add_page"), (EDITOR, "change_page")):
        group = Group.objects.get(name=f"{role} · Chuyển đổi số")
        assert GroupPagePermission.objects.filter(group=group, page=section, permission__codename=codename).exists()
    assert any("Phóng viên · Chuyển đổi số" in m for m in _messages(response))


def test_reporters_are_not_offered_sections(client, newsroom):  # noqa: F811
    economy = newsroom["economy"]
    client.force_login(newsroom["reporter"])
    choices = client.get(f"/quan-tri/pages/{economy.pk}/add_subpage/", follow=True).content.decode()
    assert "/add/news/sectionpage/" not in choices
    refused = client.get(f"/quan-tri/pages/add/news/sectionpage/{economy.pk}/")
    assert refused.status_code in (302, 403)
    client.post(f"/quan-tri/pages/add/news/sectionpage/{economy.pk}/", SECTION_FORM)
    assert not SectionPage.objects.filter(title="Chuyển đổi số").exists()
    # The editor of the section may still add a sub-section.
    client.force_login(newsroom["editor"])
    choices = client.get(f"/quan-tri/pages/{economy.pk}/add_subpage/").content.decode()
    assert f"/add/news/sectionpage/{economy.pk}/" in choices


def test_approving_confirms(client, newsroom):  # noqa: F811
    draft = _draft(newsroom["economy"], newsroom["reporter"])
    draft.get_workflow().start(draft, newsroom["reporter"])
    state = draft.current_workflow_task_state
    assert isinstance(state.task.specific, SectionApprovalTask)
    client.force_login(newsroom["editor"])
    response = client.post(
        f"/quan-tri/pages/workflow/action/{draft.pk}/approve/{state.pk}/", {"comment": ""}, follow=True
    )
    assert response.status_code == 200
    shown = _messages(response) or [response.content.decode()]
    assert any("Đã phê duyệt “Bài nháp của phóng viên”" in m for m in shown), shown


def test_scheduled_article_is_dated_and_listed_at_its_go_live_time(client, newsroom, home):  # noqa: F811
    economy = newsroom["economy"]
    go_live = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    article = ArticlePage(title="Bài hẹn giờ", lead="Sapo.", go_live_at=go_live)
    economy.add_child(instance=article)
    article.full_clean()
    assert article.display_date == go_live  # the public date line prints display_date
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live and article.display_date == go_live
    client.force_login(newsroom["leader"])
    listing = client.get(f"/quan-tri/pages/{economy.pk}/").content.decode()
    local = timezone.localtime(go_live)
    assert f"{local:%d/%m/%Y %H:%M}" in listing
