"""No image in a collection with view restrictions (issue 12, acceptance 3).

Images and renditions are public files (nginx serves /media/images/ and /media/original_images/
from disk), so the admin refuses, per role and per route, every way of putting one in a
restricted collection: add, edit, chooser upload, multiple upload and its edit form, the bulk
"add to collection", restricting a collection that holds images, moving one under a
restriction. Rows that broke the rule before are reported by the system check vnportal.W001.
"""

import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import checks
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission, UploadedFile

from tests.core.test_files import client_for, media_url, newsroom, png_bytes  # noqa: F401 (newsroom: a fixture)
from tests.support.users import staff_user
from vnportal.core import imageprivacy
from vnportal.core.checks import no_images_in_restricted_collections

ROLES = ["reporter", "editor", "leader", "admin", "superuser"]
# The start of each refusal in Vietnamese (the admin's language for every role).
REFUSED_IMAGE = "bị giới hạn quyền xem, nhưng ảnh luôn công khai"
REFUSED_PRIVACY = "đang chứa 1 ảnh, mà ảnh luôn công khai"
REFUSED_MOVE = "bị giới hạn quyền xem, mà bộ sưu tập này"


@pytest.fixture
def people(newsroom):  # noqa: F811 (the fixture imported above)
    people = dict(newsroom)
    people["superuser"] = staff_user("sieuquantri")
    people["superuser"].is_superuser = True
    people["superuser"].save()
    return people


@pytest.fixture
def collections(db):
    root = Collection.get_first_root_node()
    public = root.add_child(name="Ảnh hoạt động")
    private = root.add_child(name="Hồ sơ mật")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    # Restricted through its parent: no restriction row of its own.
    inside = private.add_child(name="Hồ sơ mật con")
    return {"public": public, "private": private, "inside": inside}


def new_image(collection, seed=1, title="Ảnh hội nghị"):
    return get_image_model().objects.create(
        title=title, collection=collection, file=ImageFile(io.BytesIO(png_bytes(seed)), name=f"anh-{seed}.png")
    )


def image_form(collection, seed=1, title="Ảnh mới"):
    return {
        "title": title,
        "collection": str(collection.pk),
        "tags": "",
        "description": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        "file": SimpleUploadedFile(f"anh-moi-{seed}.png", png_bytes(seed), content_type="image/png"),
    }


def in_restricted():
    return list(imageprivacy.images_in_restricted_collections())


# --- The image forms ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["private", "inside"])
def test_adding_an_image_to_a_restricted_collection_is_refused(people, collections, role, where):
    client = client_for(people[role])
    response = client.post("/quan-tri/images/add/", image_form(collections[where]))
    assert response.status_code == 200
    page = response.content.decode()
    assert REFUSED_IMAGE in page and collections[where].name in page
    # What the person typed stays in the form.
    assert 'value="Ảnh mới"' in page
    assert not get_image_model().objects.filter(title="Ảnh mới").exists()
    # The same form into a public collection works: the refusal is about the collection.
    assert client.post("/quan-tri/images/add/", image_form(collections["public"])).status_code == 302
    assert get_image_model().objects.get(title="Ảnh mới").collection == collections["public"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_moving_an_image_into_a_restricted_collection_by_its_form_is_refused(people, collections, role):
    image = new_image(collections["public"])  # used by nothing: every role may edit it
    client = client_for(people[role])
    form = image_form(collections["private"], title="Ảnh đã sửa")
    del form["file"]
    response = client.post(f"/quan-tri/images/{image.pk}/", form)
    assert response.status_code == 200 and REFUSED_IMAGE in response.content.decode()
    image.refresh_from_db()
    assert image.collection == collections["public"] and image.title == "Ảnh hội nghị"
    form["collection"] = str(collections["public"].pk)
    assert client.post(f"/quan-tri/images/{image.pk}/", form).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_choosers_upload_is_refused(people, collections, role):
    client = client_for(people[role])
    prefixed = {f"image-chooser-upload-{name}": value for name, value in image_form(collections["private"]).items()}
    response = client.post("/quan-tri/images/chooser/create/", prefixed)
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["step"] == "reshow_creation_form" and REFUSED_IMAGE in data["htmlFragment"]
    assert not in_restricted() and not get_image_model().objects.exists()
    prefixed = {f"image-chooser-upload-{name}": value for name, value in image_form(collections["public"]).items()}
    assert json.loads(client.post("/quan-tri/images/chooser/create/", prefixed).content)["step"] == "chosen"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_multiple_uploader_is_refused(people, collections, role):
    client = client_for(people[role])
    upload = SimpleUploadedFile("nhieu-anh.png", png_bytes(3), content_type="image/png")
    response = client.post(
        "/quan-tri/images/multiple/add/", {"files[]": upload, "collection": str(collections["private"].pk)}
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    # Wagtail keeps the upload aside and asks for the fields again; saving it there is refused too.
    assert not in_restricted() and not get_image_model().objects.exists()
    assert data["success"] is True and "uploaded_file_id" in data
    upload_id = data["uploaded_file_id"]
    # The file held back is no image yet and never public: /media/ refuses its folder.
    held_back = UploadedFile.objects.get(pk=upload_id).file
    assert held_back.name.startswith("wagtail_uploads/")
    assert client_for(people["reporter"]).get(media_url(held_back)).status_code == 404
    prefix = f"uploaded-image-{upload_id}"
    fields = {f"{prefix}-title": "Nhiều ảnh", f"{prefix}-tags": "", f"{prefix}-description": ""}
    created = client.post(
        f"/quan-tri/images/multiple/create_from_uploaded_image/{upload_id}/",
        {**fields, f"{prefix}-collection": str(collections["private"].pk)},
    )
    result = json.loads(created.content)
    assert result["success"] is False and REFUSED_IMAGE in result["form"]
    assert not in_restricted() and not get_image_model().objects.exists()
    created = client.post(
        f"/quan-tri/images/multiple/create_from_uploaded_image/{upload_id}/",
        {**fields, f"{prefix}-collection": str(collections["public"].pk)},
    )
    assert json.loads(created.content)["success"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_multiple_uploaders_edit_form_is_refused(people, collections, role):
    image = new_image(collections["public"])
    client = client_for(people[role])
    prefix = f"image-{image.pk}"
    fields = {f"{prefix}-title": "Đổi", f"{prefix}-tags": "", f"{prefix}-description": ""}
    response = client.post(
        f"/quan-tri/images/multiple/{image.pk}/", {**fields, f"{prefix}-collection": str(collections["inside"].pk)}
    )
    result = json.loads(response.content)
    assert result["success"] is False and REFUSED_IMAGE in result["form"]
    image.refresh_from_db()
    assert image.collection == collections["public"]


@pytest.mark.django_db
def test_a_user_whose_only_collection_is_restricted_cannot_upload(collections):
    """With one collection offered Wagtail hides the field and saves into it: refused all the same."""
    group = Group.objects.create(name="Ảnh mật")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.create(
            group=group, collection=collections["inside"], permission=Permission.objects.get(codename=codename)
        )
    user = staff_user("anhmat")
    user.groups.add(group)
    form = image_form(collections["inside"])
    del form["collection"]
    response = client_for(user).post("/quan-tri/images/add/", form)
    assert response.status_code == 200 and REFUSED_IMAGE in response.content.decode()
    assert not get_image_model().objects.exists()


# --- The bulk action, the collection's privacy and moving a collection ------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_bulk_add_to_collection_is_refused(people, collections, role):
    images = [new_image(collections["public"], seed) for seed in (1, 2)]
    client = client_for(people[role])
    ids = "&".join(f"id={image.pk}" for image in images)
    url = f"/quan-tri/bulk/wagtailimages/image/add_to_collection/?{ids}"
    response = client.post(url, {"collection": str(collections["private"].pk)})
    assert response.status_code == 200 and REFUSED_IMAGE in response.content.decode()
    assert not in_restricted()
    # Into a public collection the same action works.
    other = Collection.get_first_root_node().add_child(name="Ảnh khác")
    assert client.post(url, {"collection": str(other.pk)}).status_code == 302
    assert {image.collection_id for image in get_image_model().objects.all()} == {other.pk}


def set_privacy(client, collection, kind=CollectionViewRestriction.LOGIN):
    return client.post(f"/quan-tri/collections/{collection.pk}/privacy/", {"restriction_type": kind, "password": ""})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_restricting_a_collection_that_holds_images_is_refused(people, collections, role):
    parent = collections["public"]
    child = parent.add_child(name="Ảnh con")
    new_image(child)  # held by a collection inside it
    client = client_for(people[role])
    response = set_privacy(client, parent)
    assert not CollectionViewRestriction.objects.filter(collection=parent).exists()
    assert not in_restricted()
    if response.status_code == 200:  # who may change collections sees why, in the dialog
        assert REFUSED_PRIVACY in json.loads(response.content)["html"]
        # An empty collection may be restricted: documents are protected by it.
        empty = Collection.get_first_root_node().add_child(name="Tài liệu nội bộ")
        assert json.loads(set_privacy(client, empty).content)["step"] == "set_privacy_done"
        assert CollectionViewRestriction.objects.filter(collection=empty).exists()
    else:
        assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_who_may_set_a_collections_privacy(people, collections):
    """The refusal above is not a permission error in disguise: administrators reach the dialog."""
    parent = collections["public"]
    new_image(parent)
    seen = {}
    for role in ROLES:
        response = set_privacy(client_for(people[role]), parent)
        seen[role] = response.status_code
    assert seen["superuser"] == 200 and seen["reporter"] in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_moving_a_collection_with_images_under_a_restricted_one_is_refused(people, collections, role):
    moving = collections["public"]
    new_image(moving)
    client = client_for(people[role])
    move_into_private = {"name": moving.name, "parent": collections["private"].pk}
    response = client.post(f"/quan-tri/collections/{moving.pk}/", move_into_private)
    moving.refresh_from_db()
    assert moving.get_parent() == Collection.get_first_root_node() and not in_restricted()
    if role != "superuser":
        # Only superusers manage collections in this portal (the roles have no collection rights).
        assert response.status_code in (302, 403)
        return
    assert response.status_code == 200 and REFUSED_MOVE in response.content.decode()
    moving.refresh_from_db()
    assert moving.get_parent() == Collection.get_first_root_node() and not in_restricted()
    # A collection without images may move there.
    empty = Collection.get_first_root_node().add_child(name="Thư mục trống")
    response = client.post(f"/quan-tri/collections/{empty.pk}/", {**move_into_private, "name": empty.name})
    assert response.status_code == 302
    empty.refresh_from_db()
    assert empty.get_parent() == collections["private"]


def test_the_admins_urls_reach_the_guards():
    """Wagtail has no hook for these two: they are installed at start-up (imageprivacy.install)."""
    from django.urls import resolve
    from wagtail.images.forms import get_image_form

    assert getattr(resolve("/quan-tri/collections/2/privacy/").func, "guarded", False)
    form_class = resolve("/quan-tri/collections/2/").func.view_class.form_class
    assert form_class.__name__ == "CollectionMoveForm"
    assert issubclass(get_image_form(get_image_model()), imageprivacy.PublicCollectionImageForm)


# --- Old rows, and /media/ ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_system_check_reports_images_already_in_restricted_collections(collections):
    assert no_images_in_restricted_collections(None, databases=["default"]) == []
    new_image(collections["public"])
    assert no_images_in_restricted_collections(None, databases=["default"]) == []
    hidden = new_image(collections["inside"], seed=2, title="Ảnh cũ trong hồ sơ mật")
    found = no_images_in_restricted_collections(None, databases=["default"])
    assert [warning.id for warning in found] == ["vnportal.W001"]
    assert isinstance(found[0], checks.Warning) and f"#{hidden.pk}" in found[0].msg and "Hồ sơ mật con" in found[0].msg
    # Without a database (plain `check`) it does not run; `check --database` and `migrate` do.
    assert no_images_in_restricted_collections(None) == []
    assert "vnportal.W001" in [message.id for message in checks.run_checks(databases=["default"])]


@pytest.mark.django_db
def test_images_at_media_are_in_public_collections_only(client, people, collections):
    """/media/ serves every image file (both profiles, nginx from disk): which is why none may be
    in a restricted collection. After every refused route above, each image file that /media/
    serves belongs to a collection without restrictions."""
    image = new_image(collections["public"])
    for role in ROLES:
        client_for(people[role]).post("/quan-tri/images/add/", image_form(collections["private"], seed=4))
    served = [media_url(i.file) for i in get_image_model().objects.all()] + [image.get_rendition("width-100").url]
    assert all(client.get(path).status_code == 200 for path in served)
    assert not in_restricted()
