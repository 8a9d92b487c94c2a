"""Newsroom roles and the two-step review workflow, so that every install has them.

Groups (stored in Vietnamese: they are data an agency sees and renames):
- Phóng viên: admin access, images and documents; page rights come from a
  section group ("Phóng viên · <chuyên mục>", add_page on that section: create,
  edit their own drafts, submit for review — never publish).
- Biên tập viên: the same, with "Biên tập viên · <chuyên mục>" (add, change,
  lock, unlock in that section) and the first review step of their sections.
- Lãnh đạo duyệt: add, change, publish, lock, unlock on the whole site, and the
  final review step.
- Quản trị: everything on pages, users, groups, workflows and settings.

Workflow "Quy trình duyệt tin bài": Biên tập (SectionApprovalTask: an editor of
the page's own section) → Lãnh đạo duyệt (GroupApprovalTask), applied to the
home page and so to every news section. Section groups are made by
vnportal.news.roles (the demo, or ``vnportal manage section_role``).
"""

from django.db import migrations

REPORTER, EDITOR, LEADER, ADMIN = "Phóng viên", "Biên tập viên", "Lãnh đạo duyệt", "Quản trị"
WORKFLOW = "Quy trình duyệt tin bài"
EDIT_TASK, APPROVE_TASK = "Biên tập", "Lãnh đạo duyệt"

MEDIA = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}
ADMIN_MEDIA = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image", "delete_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document", "delete_document"],
}
ADMIN_MODEL_PERMS = {
    ("auth", "user"): ["add_user", "change_user", "delete_user", "view_user"],
    ("auth", "group"): ["add_group", "change_group", "delete_group", "view_group"],
    ("wagtailcore", "workflow"): ["add_workflow", "change_workflow", "delete_workflow"],
    ("wagtailcore", "task"): ["add_task", "change_task", "delete_task"],
    ("wagtailcore", "site"): ["add_site", "change_site", "delete_site"],
    ("wagtailcore", "collection"): ["add_collection", "change_collection", "delete_collection"],
    ("core", "sitesettings"): ["change_sitesettings"],
    ("news", "legacyportalsettings"): ["change_legacyportalsettings"],
}
LEADER_PAGE_PERMS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ADMIN_PAGE_PERMS = LEADER_PAGE_PERMS + ["bulk_delete_page"]


def _permission(apps, app_label, model, codename):
    # post_migrate creates permissions only after every migration has run; on a
    # fresh database they do not exist yet, so create them (same names Django uses).
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action, _, rest = codename.partition("_")
    names = {
        "access_admin": "Can access Wagtail admin",
        "bulk_delete_page": "Delete pages with children",
        "lock_page": "Lock pages",
        "unlock_page": "Unlock pages",
        "publish_page": "Publish any page",
        "choose_image": "Can choose image",
        "choose_document": "Can choose document",
    }
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": names.get(codename, f"Can {action} {model}")},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    HomePage = apps.get_model("news", "HomePage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    SectionApprovalTask = apps.get_model("news", "SectionApprovalTask")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    root_collection = Collection.objects.filter(depth=1).first()
    home = HomePage.objects.order_by("path").first()

    groups = {}
    for name in (REPORTER, EDITOR, LEADER, ADMIN):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        groups[name] = group
        media = ADMIN_MEDIA if name == ADMIN else MEDIA
        if root_collection is not None:
            for (app_label, model), codenames in media.items():
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, codename),
                    )

    for (app_label, model), codenames in ADMIN_MODEL_PERMS.items():
        for codename in codenames:
            groups[ADMIN].permissions.add(_permission(apps, app_label, model, codename))

    if home is not None:
        for name, codenames in ((LEADER, LEADER_PAGE_PERMS), (ADMIN, ADMIN_PAGE_PERMS)):
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page_id=home.pk, permission=_permission(apps, "wagtailcore", "page", codename)
                )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        edit_task = SectionApprovalTask.objects.create(
            name=EDIT_TASK,
            active=True,
            content_type=ContentType.objects.get_or_create(app_label="news", model="sectionapprovaltask")[0],
        )
        edit_task.groups.add(groups[EDITOR])
        approve_task = GroupApprovalTask.objects.create(
            name=APPROVE_TASK,
            active=True,
            content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
        )
        approve_task.groups.add(groups[LEADER])
        WorkflowTask.objects.create(workflow=workflow, task_id=edit_task.pk, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task_id=approve_task.pk, sort_order=1)
    if home is not None:
        WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_newsroom_fields"),
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
