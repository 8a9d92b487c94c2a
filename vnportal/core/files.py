"""Images and documents follow the pages that show them.

Wagtail gives "change image" / "change document" per collection, so a reporter who may
upload could also replace the file of any image on any live page, in any section, and the
new file would be public at once, outside the review workflow. Here changing (editing,
replacing the file, moving to another collection) or deleting an image or document that
something uses is allowed only to whoever may publish every live page that uses it (may
edit, for pages that are not live), and may change every other object that uses it (the
agency's emblem: whoever may change the site settings). A file nothing uses yet stays
editable by its collection rights, so a reporter can fix the image they just uploaded.

"Uses" comes from Wagtail's reference index (foreign keys, chooser blocks, rich-text
links), which is kept from each object's saved row: for a live page, its live content.

Wagtail has no setting for the image and document permission policies, and its views hold
references to the two policy objects, so ``install`` gives those objects a subclass that
adds the check (every admin route asks them: edit, multiple upload, bulk actions, chooser).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import permissions as document_permissions
from wagtail.images import permissions as image_permissions
from wagtail.images.models import AbstractImage
from wagtail.models import Page, ReferenceIndex

from .models import SiteSettings

GUARDED_ACTIONS = {"change", "delete"}


def users_of(instance):
    """Every object that uses ``instance`` (pages as plain wagtail Pages)."""
    sources = []
    pairs = ReferenceIndex.get_references_to(instance).values_list("base_content_type_id", "object_id").distinct()
    for content_type_id, object_id in pairs:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        source = model._default_manager.filter(pk=object_id).first() if model is not None else None
        if source is not None:  # an index row may outlive its object until the index is rebuilt
            sources.append(source)
    if isinstance(instance, AbstractImage):
        # The emblem is shown on every page; listed even if the index has not caught up.
        sources += [s for s in SiteSettings.objects.filter(emblem_id=instance.pk) if s not in sources]
    return sources


def may_alter(user, instance):
    """Whether ``user`` may change or delete the image/document ``instance`` (see module doc)."""
    if user.is_superuser:
        return True
    for source in users_of(instance):
        if isinstance(source, Page):
            permissions = source.permissions_for_user(user)
            allowed = permissions.can_publish() if source.live else permissions.can_edit()
        else:
            opts = source._meta
            allowed = user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        if not allowed:
            return False
    return True


class UsageAwarePolicyMixin:
    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = list(actions)
        others = [action for action in actions if action not in GUARDED_ACTIONS]
        if others and super().user_has_any_permission_for_instance(user, others, instance):
            return True
        guarded = [action for action in actions if action in GUARDED_ACTIONS]
        if guarded and super().user_has_any_permission_for_instance(user, guarded, instance):
            return may_alter(user, instance)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


def _guard(policy):
    if policy is None or isinstance(policy, UsageAwarePolicyMixin):
        return
    base = type(policy)
    policy.__class__ = type(f"UsageAware{base.__name__}", (UsageAwarePolicyMixin, base), {})


def install():
    _guard(image_permissions.permission_policy)
    _guard(document_permissions.permission_policy)
