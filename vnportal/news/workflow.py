"""The first review step of the news workflow, limited to the editor's own sections.

Wagtail's GroupApprovalTask lets every member of its groups approve every page
in the task, whatever the section. A newsroom needs the editor of "Kinh tế" to
approve Kinh tế's articles only, so this task also requires the reviewer to hold
the "change" page permission on the page under review (granted per section by
the section groups, see ``vnportal.news.roles``).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, GroupPagePermission, Page, TaskState


def _editable_page_paths(user):
    """Tree paths under which the user may edit any page (one query, cached on the user)."""
    cache_attr = "_vnportal_editable_paths"
    if not hasattr(user, cache_attr):
        paths = list(
            GroupPagePermission.objects.filter(group__user=user, permission__codename="change_page")
            .values_list("page__path", flat=True)
            .distinct()
        )
        setattr(user, cache_attr, paths)
    return getattr(user, cache_attr)


def _page_in_paths(obj, paths):
    path = getattr(obj, "path", "")
    return any(path.startswith(prefix) for prefix in paths)


class SectionApprovalTask(AbstractGroupApprovalTask):
    """Approval by a member of the task's groups who may also edit the page's section."""

    def _may_review(self, obj, user):
        if user.is_superuser:
            return True
        return self._user_in_groups(user) and _page_in_paths(obj, _editable_page_paths(user))

    def user_can_access_editor(self, obj, user):
        return self._may_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_review(obj, user)

    def get_actions(self, obj, user):
        if self._may_review(obj, user):
            return super().get_actions(obj, user)
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        if not self._user_in_groups(user):
            return TaskState.objects.none()
        paths = _editable_page_paths(user)
        if not paths:
            return TaskState.objects.none()
        condition = Q()
        for prefix in paths:
            condition |= Q(path__startswith=prefix)
        page_ids = Page.objects.filter(condition).values_list("pk", flat=True)
        # WorkflowState.object_id is a string (generic relation to any model).
        return states.filter(workflow_state__object_id__in=[str(pk) for pk in page_ids])

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups who may edit the article's section can approve this step")

    class Meta:
        verbose_name = _("section approval task")
        verbose_name_plural = _("section approval tasks")
