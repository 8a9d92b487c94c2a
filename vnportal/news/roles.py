"""Per-section newsroom rights.

A reporter or editor is a member of two groups: the role group made by the
migration (admin access, images, documents, the workflow step) and a section
group that carries the page permissions for one section and its sub-sections.
So the editor of "Kinh tế - Xã hội" can edit, lock and approve there and has no
right at all on "Xây dựng Đảng". ``grant_section_role`` does both in one call.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .workflow import SectionApprovalTask

REPORTER, EDITOR, LEADER, ADMIN = "Phóng viên", "Biên tập viên", "Lãnh đạo duyệt", "Quản trị"
SECTION_ROLES = {
    # create pages and edit the ones they own; submit for review; no publishing
    REPORTER: ["add_page"],
    # edit anyone's page in the section, lock and unlock; approval comes from the workflow
    EDITOR: ["add_page", "change_page", "lock_page", "unlock_page"],
}
ROLE_ALIASES = {"reporter": REPORTER, "phong-vien": REPORTER, "editor": EDITOR, "bien-tap-vien": EDITOR}


def resolve_role(name):
    role = ROLE_ALIASES.get(name.strip().lower(), name.strip())
    if role not in SECTION_ROLES:
        raise ValueError(
            _("Unknown section role “%(role)s”: use “%(reporter)s” or “%(editor)s”.")
            % {"role": name, "reporter": REPORTER, "editor": EDITOR}
        )
    return role


def section_group_name(role, section):
    return f"{role} · {section.title}"[:150]


@transaction.atomic
def section_group(role, section):
    """The group holding ``role``'s page permissions on ``section`` (created if missing)."""
    role = resolve_role(role)
    group = (
        Group.objects.filter(page_permissions__page=section, name__startswith=f"{role} · ").first()
        or Group.objects.get_or_create(name=section_group_name(role, section))[0]
    )
    for codename in SECTION_ROLES[role]:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
    return group


@transaction.atomic
def grant_section_role(user, role, section):
    role = resolve_role(role)
    user.groups.add(Group.objects.get(name=role), section_group(role, section))
    return user


# --- Roles on one portal (sub-portals, docs/sub-portals.md) ----------------------------------
#
# A sub-portal's newsroom works on its own site only. Reporters and editors are the section
# roles above, granted on the sub-portal's home (so on all its sections). Leaders and the
# sub-portal's administrator get a group of their own per site — never the province's
# "Lãnh đạo duyệt" or "Quản trị", whose page permissions sit on the province's home — and the
# sub-portal gets its own approval workflow whose leader step only that group may act on.

SITE_ADMIN = "Quản trị cổng thành phần"
SITE_ROLE_ALIASES = {
    **ROLE_ALIASES,
    "leader": LEADER,
    "approver": LEADER,
    "lanh-dao": LEADER,
    "lanh-dao-duyet": LEADER,
    "admin": SITE_ADMIN,
    "quan-tri": SITE_ADMIN,
}
SITE_PAGE_PERMS = {
    LEADER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    SITE_ADMIN: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
# The province's role group whose image and document rights the site group copies.
MEDIA_LIKE = {LEADER: LEADER, SITE_ADMIN: ADMIN}
# Snippets of the portal's own (filtered to the site in the admin: vnportal.core.sitescope).
# A portal's administrator runs its polls and its own library (văn bản): both are scoped to
# the portal in the admin (core/sitescope.py), so these rights reach no other portal's rows.
SITE_ADMIN_MODEL_PERMS = [
    ("polls", "poll", ["add_poll", "change_poll", "delete_poll"]),
    ("library", "document", ["add_document", "change_document", "delete_document"]),
]
SITE_WORKFLOW = "Quy trình duyệt tin bài"
EDIT_TASK = "Biên tập"


def resolve_site_role(name):
    role = SITE_ROLE_ALIASES.get(name.strip().lower(), name.strip())
    if role not in (REPORTER, EDITOR, LEADER, SITE_ADMIN):
        raise ValueError(_("Unknown portal role “%(role)s”: use reporter, editor, leader or admin.") % {"role": name})
    return role


def site_group_name(role, site):
    return f"{role} · {site.hostname}"[:150]


def _site_settings_models():
    return [model for model in apps.get_models() if issubclass(model, BaseSiteSetting)]


@transaction.atomic
def site_group(role, site):
    """The group of a leader or administrator of ``site`` alone (created, or completed, here)."""
    group, _created = Group.objects.get_or_create(name=site_group_name(role, site))
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in SITE_PAGE_PERMS[role]:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=site.root_page, permission=permission)
    like = Group.objects.filter(name=MEDIA_LIKE[role]).first()
    if like is not None:
        for collection_id, permission_id in GroupCollectionPermission.objects.filter(group=like).values_list(
            "collection_id", "permission_id"
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection_id=collection_id, permission_id=permission_id
            )
    if role == SITE_ADMIN:
        for app_label, model, codenames in SITE_ADMIN_MODEL_PERMS:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, content_type__model=model, codename__in=codenames
                )
            )
        # The settings of this site only (Wagtail's per-site permission), not the province's.
        for model in _site_settings_models():
            content_type = ContentType.objects.get_for_model(model)
            permission = Permission.objects.filter(
                content_type=content_type, codename=f"change_{model._meta.model_name}"
            ).first()
            if permission is not None:
                GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)
    return group


@transaction.atomic
def site_workflow(site):
    """The sub-portal's approval workflow: its editors' step (the shared "Biên tập" task, which
    already asks for the right to edit the article's section), then its own leaders' step."""
    if site.is_default_site:
        return None
    workflow, _created = Workflow.objects.get_or_create(
        name=f"{SITE_WORKFLOW} · {site.hostname}"[:255], defaults={"active": True}
    )
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        edit_task = SectionApprovalTask.objects.filter(name=EDIT_TASK).first()
        if edit_task is None:
            edit_task = SectionApprovalTask.objects.create(
                name=EDIT_TASK, active=True, content_type=ContentType.objects.get_for_model(SectionApprovalTask)
            )
            edit_task.groups.add(*Group.objects.filter(name=EDITOR))
        leader_task = SectionApprovalTask.objects.create(
            name=f"{LEADER} · {site.hostname}"[:255],
            active=True,
            content_type=ContentType.objects.get_for_model(SectionApprovalTask),
        )
        leader_task.groups.add(site_group(LEADER, site))
        WorkflowTask.objects.create(workflow=workflow, task=edit_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=leader_task, sort_order=1)
    WorkflowPage.objects.update_or_create(page=site.root_page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def grant_site_role(user, role, site):
    """Make ``user`` a reporter, editor, leader or administrator of one portal (all its sections)."""
    role = resolve_site_role(role)
    home = site.root_page
    if role in SECTION_ROLES:
        grant_section_role(user, role, home)
    else:
        user.groups.add(site_group(role, site))
    return user
