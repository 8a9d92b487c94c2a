"""Wagtail's own starter groups ("Moderators", "Editors") and workflow ("Moderators approval")
give way to the newsroom's (0004): an agency should meet one set of roles, in Vietnamese.

On an existing database nothing in use is lost: a group that still has members is
renamed (it keeps its rights), one without members is deleted; the workflow and its
task are deleted when nothing ever went through them, otherwise renamed, switched off
and detached from the pages (the newsroom workflow on the home page covers them).

A site without a name is shown as its host name ("localhost") on the dashboard and in
the page explorer: it takes the agency's name (core.SiteSettings) or the portal's.
"""

from django.db import migrations

OLD_GROUPS = {"Moderators": "Kiểm duyệt (nhóm cũ của Wagtail)", "Editors": "Biên tập (nhóm cũ của Wagtail)"}
OLD_WORKFLOW = "Moderators approval"
OLD_WORKFLOW_NEW_NAME = "Quy trình duyệt cũ của Wagtail (đã tắt)"
SITE_NAME = "Cổng thông tin điện tử"


def replace_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    for workflow in Workflow.objects.filter(name=OLD_WORKFLOW):
        task_ids = list(WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True))
        WorkflowPage.objects.filter(workflow=workflow).delete()
        if WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.name, workflow.active = OLD_WORKFLOW_NEW_NAME, False
            workflow.save(update_fields=["name", "active"])
            continue
        workflow.delete()
        for task in Task.objects.filter(pk__in=task_ids, name=OLD_WORKFLOW):
            if not TaskState.objects.filter(task=task).exists() and not WorkflowTask.objects.filter(task=task).exists():
                GroupApprovalTask.objects.filter(pk=task.pk).delete()
                Task.objects.filter(pk=task.pk).delete()
    for task in Task.objects.filter(name=OLD_WORKFLOW):  # a task kept because it was used
        task.name, task.active = OLD_WORKFLOW_NEW_NAME, False
        task.save(update_fields=["name", "active"])

    for old, new in OLD_GROUPS.items():
        for group in Group.objects.filter(name=old):
            if group.user_set.exists():
                group.name = new
                group.save(update_fields=["name"])
            else:
                group.delete()

    Site = apps.get_model("wagtailcore", "Site")
    SiteSettings = apps.get_model("core", "SiteSettings")
    for site in Site.objects.filter(site_name=""):
        agency = SiteSettings.objects.filter(site=site).first()
        site.site_name = (agency.agency_name if agency else "") or SITE_NAME
        site.save(update_fields=["site_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_single_visits_offset"),
        ("core", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(replace_defaults, migrations.RunPython.noop)]
