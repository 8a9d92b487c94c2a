"""Images never live in a collection with view restrictions.

Wagtail's collection privacy (login, groups, a password) is applied by the document view
only: image files and their renditions are plain files under /media/images/ and
/media/original_images/, which nginx serves from disk to anyone. An image put in a
restricted collection would look confidential in the admin and still be public. So the
admin refuses every way of getting one there:

- the image forms (add, edit, the chooser's upload, the multiple uploader's upload and its
  edit form): ``PublicCollectionImageForm``, Wagtail's image form base
  (``WAGTAILIMAGES_IMAGE_FORM_BASE``);
- the bulk action "add to collection": ``refuse_restricted_bulk_move``, a
  ``before_bulk_action`` hook (core/wagtail_hooks.py);
- giving a collection that holds images (itself or one inside it) a view restriction:
  ``guard_set_privacy`` wraps Wagtail's privacy dialog;
- moving a collection that holds images under a restricted one: ``CollectionMoveForm``
  replaces the collection edit view's form.

Wagtail offers no hook or setting for the last two, so ``install`` puts them in place (as
core/files.py does for the permission policies). Rows that broke the rule before it existed
are reported by the system check ``vnportal.W001`` (core/checks.py).
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.collections import CollectionForm, CollectionViewRestrictionForm
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views import collection_privacy, collections
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.permissions import collection_permission_policy

# The messages say why (images are public files) and what to do instead.
IMAGE_IN_RESTRICTED = _(
    "The collection “%(collection)s” has view restrictions, but images are always public: anyone "
    "with the address can open them. Choose a collection without restrictions; confidential "
    "pictures do not belong on the portal."
)
RESTRICTING_IMAGES = _(
    "This collection (or one inside it) holds %(count)s image(s), and images are always public: "
    "a view restriction would not protect them. Move the images to a collection without "
    "restrictions first, then restrict this one."
)
MOVING_IMAGES = _(
    "“%(parent)s” has view restrictions, and this collection (or one inside it) holds %(count)s "
    "image(s), which are always public. Move the images to a collection without restrictions "
    "first, or choose another parent."
)


def is_restricted(collection):
    """Whether ``collection`` or one of its ancestors has a view restriction."""
    return collection is not None and collection.get_view_restrictions().exists()


def restricted_collections():
    """Every collection under a view restriction (its own or an ancestor's)."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return Collection.objects.filter(condition)


def images_in_restricted_collections():
    return get_image_model().objects.filter(collection__in=restricted_collections())


def images_under(collection):
    """Images in ``collection`` or any collection inside it."""
    return get_image_model().objects.filter(collection__path__startswith=collection.path)


class PublicCollectionImageForm(BaseImageForm):
    """Wagtail's image form, refusing a collection under view restrictions."""

    def clean(self):
        cleaned_data = super().clean()
        if "collection" in self.fields:
            collection = cleaned_data.get("collection")
        else:
            # Only one collection is offered: Wagtail hides the field and saves into that one.
            collection = self.collections[0] if len(self.collections) == 1 else None
        if is_restricted(collection):
            # Wagtail's image templates show field errors only: with the collection hidden,
            # the error goes with the file (or, in the multiple uploader's form, the title).
            field = next(name for name in ("collection", "file", "title") if name in self.fields)
            self.add_error(field, IMAGE_IN_RESTRICTED % {"collection": collection.name})
        return cleaned_data


def refuse_restricted_bulk_move(request, action_type, objects, action):
    """``before_bulk_action``: "add to collection" of images into a restricted collection is
    shown again with the error, nothing moved."""
    if action_type != "add_to_collection" or not any(model is get_image_model() for model in action.models):
        return None
    form = action.cleaned_form
    collection = form.cleaned_data.get("collection")
    if not is_restricted(collection):
        return None
    form.add_error("collection", IMAGE_IN_RESTRICTED % {"collection": collection.name})
    return action.form_invalid(form)


def guard_set_privacy(set_privacy):
    """Wraps Wagtail's collection privacy view: restricting a collection that holds images is
    refused in the same dialog, with the choice the person made kept."""

    def view(request, collection_id):
        if request.method == "POST":
            collection = get_object_or_404(Collection, id=collection_id)
            form = CollectionViewRestrictionForm(request.POST)
            count = images_under(collection).count()
            restricting = request.POST.get("restriction_type") not in (None, CollectionViewRestriction.NONE)
            if restricting and count and not collection.get_view_restrictions().exclude(collection=collection):
                # Wagtail's own view checks the right to change the collection; so do we,
                # before saying anything about its contents.
                if collection_permission_policy.user_has_permission_for_instance(request.user, "change", collection):
                    form.is_valid()
                    form.add_error("restriction_type", RESTRICTING_IMAGES % {"count": count})
                    return render_modal_workflow(
                        request,
                        "wagtailadmin/shared/set_privacy.html",
                        None,
                        {
                            "action_url": reverse("wagtailadmin_collections:set_privacy", args=(collection.pk,)),
                            "object": collection,
                            "form": form,
                        },
                        json_data={"step": "set_privacy"},
                    )
        return set_privacy(request, collection_id)

    view.guarded = True
    return view


def collection_move_form(base):
    class CollectionMoveForm(base):
        """Wagtail's collection form, refusing to move images under a view restriction."""

        def clean_parent(self):
            parent = super().clean_parent()
            if self.instance.pk and parent.pk != self.initial.get("parent") and is_restricted(parent):
                count = images_under(self.instance).count()
                if count:
                    raise ValidationError(MOVING_IMAGES % {"parent": parent.name, "count": count})
            return parent

    return CollectionMoveForm


def install():
    if not getattr(collection_privacy.set_privacy, "guarded", False):
        collection_privacy.set_privacy = guard_set_privacy(collection_privacy.set_privacy)
    if collections.Edit.form_class is CollectionForm:
        collections.Edit.form_class = collection_move_form(CollectionForm)
