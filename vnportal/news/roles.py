"""Per-section newsroom rights.

A reporter or editor is a member of two groups: the role group made by the
migration (admin access, images, documents, the workflow step) and a section
group that carries the page permissions for one section and its sub-sections.
So the editor of "Kinh tế - Xã hội" can edit, lock and approve there and has no
right at all on "Xây dựng Đảng". ``grant_section_role`` does both in one call.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

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
