"""Roles, per-section rights and the two-step review workflow (acceptance 1)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Task, TaskState, Workflow, WorkflowState

from tests.support.users import staff_user
from vnportal.news.models import ArticlePage
from vnportal.news.roles import EDITOR, LEADER, REPORTER, grant_section_role

ROLE_NAMES = [REPORTER, EDITOR, LEADER, "Quản trị"]


@pytest.fixture
def newsroom(make_section, home):
    economy = make_section("Kinh tế - Xã hội")
    party = make_section("Xây dựng Đảng")
    people = {
        "reporter": grant_section_role(staff_user("phongvien"), REPORTER, economy),
        "editor": grant_section_role(staff_user("bientap"), EDITOR, economy),
        "other_editor": grant_section_role(staff_user("bientap2"), EDITOR, party),
        "leader": staff_user("lanhdao", LEADER),
        "admin": staff_user("quantri", "Quản trị"),
    }
    return {"economy": economy, "party": party, **people}


def _draft(section, owner, title="Bài nháp của phóng viên"):
    article = ArticlePage(title=title, lead="Sapo.", owner=owner, live=False)
    section.add_child(instance=article)
    article.save_revision(user=owner)
    return article


def _refresh(page):
    return ArticlePage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_migration_creates_roles_and_two_step_workflow_on_home(home):
    assert set(ROLE_NAMES) <= set(Group.objects.values_list("name", flat=True))
    for name in ROLE_NAMES:
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()
    workflow = home.get_workflow()
    assert workflow.name == "Quy trình duyệt tin bài"
    tasks = [task.specific for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [t.name for t in tasks] == ["Biên tập", "Lãnh đạo duyệt"]
    assert type(tasks[0]).__name__ == "SectionApprovalTask"
    assert [g.name for g in tasks[0].groups.all()] == [EDITOR]
    assert [g.name for g in tasks[1].groups.all()] == [LEADER]


@pytest.mark.django_db
def test_permission_matrix(newsroom, make_article):
    economy, party = newsroom["economy"], newsroom["party"]
    draft = _draft(economy, newsroom["reporter"])
    colleague_article = make_article("Bài đã đăng ở Kinh tế", parent=economy)
    party_article = make_article("Bài ở Xây dựng Đảng", parent=party)

    def perms(user, page):
        return page.permissions_for_user(user)

    # (user, page) -> expected (add child / edit / publish / lock)
    expected = {
        ("reporter", "economy"): dict(add=True),
        ("reporter", "party"): dict(add=False),
        ("reporter", "draft"): dict(edit=True, publish=False, lock=False),
        ("reporter", "colleague"): dict(edit=False, publish=False),
        ("reporter", "party_article"): dict(edit=False, publish=False),
        ("editor", "economy"): dict(add=True),
        ("editor", "draft"): dict(edit=True, publish=False, lock=True),
        ("editor", "colleague"): dict(edit=True, publish=False),
        ("editor", "party"): dict(add=False),
        ("editor", "party_article"): dict(edit=False, publish=False, lock=False),
        ("other_editor", "draft"): dict(edit=False, publish=False),
        ("other_editor", "party_article"): dict(edit=True, publish=False),
        ("leader", "draft"): dict(edit=True, publish=True),
        ("leader", "party_article"): dict(edit=True, publish=True),
        ("leader", "economy"): dict(add=True),
        ("admin", "draft"): dict(edit=True, publish=True, lock=True),
        ("admin", "party"): dict(add=True),
    }
    pages = {
        "economy": economy,
        "party": party,
        "draft": draft,
        "colleague": colleague_article,
        "party_article": party_article,
    }
    checks = {"add": "can_add_subpage", "edit": "can_edit", "publish": "can_publish", "lock": "can_lock"}
    failures = []
    for (who, page_key), wanted in expected.items():
        tester = perms(newsroom[who], pages[page_key])
        for action, value in wanted.items():
            if getattr(tester, checks[action])() is not value:
                failures.append(f"{who} {action} {page_key}: expected {value}")
    assert failures == []


@pytest.mark.django_db
def test_two_step_review_by_section_editor_then_leader(newsroom):
    economy = newsroom["economy"]
    reporter, editor, other, leader = (newsroom[k] for k in ("reporter", "editor", "other_editor", "leader"))
    draft = _draft(economy, reporter)
    assert draft.permissions_for_user(reporter).can_submit_for_moderation()
    workflow = draft.get_workflow()
    workflow.start(draft, reporter)
    draft = _refresh(draft)
    first = draft.current_workflow_task.specific
    assert first.name == "Biên tập"

    # The editor of another section sees no action and nothing to review.
    assert first.get_actions(draft, other) == []
    assert not TaskState.objects.reviewable_by(other).exists()
    assert first.locked_for_user(draft, other)
    # The reporter cannot approve their own article either.
    assert first.get_actions(draft, reporter) == []
    # The section's own editor can, and sees it in their review list.
    assert "approve" in [a[0] for a in first.get_actions(draft, editor)]
    assert list(TaskState.objects.reviewable_by(editor)) == [draft.current_workflow_task_state]

    first.on_action(draft.current_workflow_task_state, editor, "approve")
    draft = _refresh(draft)
    assert not draft.live, "the first step never publishes"
    second = draft.current_workflow_task.specific
    assert second.name == "Lãnh đạo duyệt"
    assert second.get_actions(draft, editor) == []
    assert "approve" in [a[0] for a in second.get_actions(draft, leader)]

    second.on_action(draft.current_workflow_task_state, leader, "approve")
    draft = _refresh(draft)
    assert draft.live
    assert WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk)).status == "approved"


@pytest.mark.django_db
def test_reporter_cannot_publish_through_the_admin(client, newsroom):
    economy = newsroom["economy"]
    reporter = newsroom["reporter"]
    draft = _draft(economy, reporter)
    client.force_login(reporter)
    response = client.get(f"/quan-tri/pages/{draft.pk}/edit/")
    assert response.status_code == 200
    assert b'name="action-publish"' not in response.content
    assert b'name="action-submit"' in response.content
    # Forcing the publish button anyway leaves the page unpublished.
    data = {
        "title": draft.title,
        "slug": draft.slug,
        "lead": "Sapo.",
        "body-count": "0",
        "display_date": "2025-01-01 08:00:00",
        "imported_views": "0",
        "tags": "",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "6",
        "comment_notifications": "on",
        "action-publish": "action-publish",
    }
    client.post(f"/quan-tri/pages/{draft.pk}/edit/", data)
    assert not _refresh(draft).live
    # The same form sent by a leader does publish: the refusal above is about rights, not the form.
    client.force_login(newsroom["leader"])
    client.post(f"/quan-tri/pages/{draft.pk}/edit/", data)
    assert _refresh(draft).live


@pytest.mark.django_db
def test_editor_of_one_section_cannot_open_another_sections_article(client, newsroom, make_article):
    party_article = make_article("Bài ở Xây dựng Đảng", parent=newsroom["party"])
    economy_article = make_article("Bài ở Kinh tế", parent=newsroom["economy"])
    client.force_login(newsroom["editor"])
    assert client.get(f"/quan-tri/pages/{economy_article.pk}/edit/").status_code == 200
    response = client.get(f"/quan-tri/pages/{party_article.pk}/edit/")
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/edit/" not in response["Location"]


@pytest.mark.django_db
def test_section_groups_are_named_per_section_and_reused(newsroom):
    economy = newsroom["economy"]
    names = set(Group.objects.filter(page_permissions__page=economy).values_list("name", flat=True))
    assert names == {f"{REPORTER} · Kinh tế - Xã hội", f"{EDITOR} · Kinh tế - Xã hội"}
    grant_section_role(newsroom["other_editor"], "editor", economy)
    assert Group.objects.filter(name__startswith=f"{EDITOR} · Kinh tế").count() == 1


@pytest.mark.django_db
def test_section_role_command(newsroom):
    from django.core.management import CommandError, call_command

    user = get_user_model().objects.create_user("moi", "moi@example.vn", "x")
    call_command("section_role", "moi", "reporter", str(newsroom["party"].pk))
    assert user.groups.filter(name=f"{REPORTER} · Xây dựng Đảng").exists()
    with pytest.raises(CommandError):
        call_command("section_role", "moi", "giam-doc", str(newsroom["party"].pk))
    with pytest.raises(CommandError):
        call_command("section_role", "khong-co", "reporter", str(newsroom["party"].pk))


@pytest.mark.django_db
def test_workflow_and_task_names_are_in_vietnamese():
    assert Workflow.objects.filter(name="Quy trình duyệt tin bài").exists()
    assert set(Task.objects.values_list("name", flat=True)) >= {"Biên tập", "Lãnh đạo duyệt"}
