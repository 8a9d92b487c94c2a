"""Files follow permissions and the workflow (issue 12, acceptance 3).

Per role: who may replace or edit an image or document file, through the admin's own
forms. Per route: /media/…, /documents/…, the library's download URL and the rendition
URLs refuse what their reader may not see. Replacing a file purges the pages showing it.
"""

import http.server
import io
import re
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import Collection, CollectionViewRestriction

from tests.core.test_pagecache import HIT, PurgeRecorder
from tests.support.documents import make_document
from tests.support.users import staff_user
from vnportal.core import media, purge
from vnportal.core.models import SiteSettings
from vnportal.library.models import DocumentAttachment
from vnportal.news.demo.images import landscape_png
from vnportal.news.roles import EDITOR, LEADER, REPORTER, grant_section_role

MEDIA_RENDITION = re.compile(r'/media/images/[^"\s]+')


def png_bytes(seed):
    return landscape_png(seed, (30 + seed * 20, 90, 60), size=(320, 200))


@pytest.fixture
def nginx_stand_in():
    """Records the PURGE requests nginx would get."""
    PurgeRecorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def newsroom(make_section, home):
    economy = make_section("Kinh tế - Xã hội")
    party = make_section("Xây dựng Đảng")
    return {
        "economy": economy,
        "party": party,
        "reporter": grant_section_role(staff_user("phongvien"), REPORTER, economy),
        "editor": grant_section_role(staff_user("bientap"), EDITOR, economy),
        "leader": staff_user("lanhdao", LEADER),
        "admin": staff_user("quantri", "Quản trị"),
    }


@pytest.fixture
def image(newsroom, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        # Uploaded by the reporter: owning an image must not be a way around the rule.
        return get_image_model().objects.create(
            title="Ảnh hội nghị",
            file=ImageFile(io.BytesIO(png_bytes(1)), name="hoi-nghi.png"),
            uploaded_by_user=newsroom["reporter"],
        )


@pytest.fixture
def live_article(newsroom, make_article, image, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_article("Hội nghị kinh tế quý IV", parent=newsroom["economy"], hero_image=image)


def replace_image(client, image, seed):
    """What the admin's image form sends when a new file is chosen."""
    data = {
        "title": image.title,
        "collection": str(image.collection_id),
        "tags": "",
        "description": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        "file": SimpleUploadedFile(f"moi-{seed}.png", png_bytes(seed), content_type="image/png"),
    }
    return client.post(f"/quan-tri/images/{image.pk}/", data)


def replace_document(client, document, text):
    data = {
        "title": document.title,
        "collection": str(document.collection_id),
        "tags": "",
        "file": SimpleUploadedFile("bao-cao-moi.txt", text.encode(), content_type="text/plain"),
    }
    return client.post(f"/quan-tri/documents/edit/{document.pk}/", data)


def file_bytes(instance):
    instance.refresh_from_db()
    with instance.file.open("rb") as handle:
        return handle.read()


def run_purges(function):
    """Run ``function``; wait for the PURGE requests it sends nginx from background threads."""
    threads = []
    original = purge._in_background
    purge._in_background = lambda target, *args: threads.append(original(target, *args))
    try:
        result = function()
    finally:
        purge._in_background = original
    for thread in threads:
        thread.join(5)
    return result


# --- Per role ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_reporter_and_editor_cannot_replace_the_image_of_a_live_page(client, newsroom, live_article, image, role):
    before = file_bytes(image)
    client.force_login(newsroom[role])
    assert client.get(f"/quan-tri/images/{image.pk}/").status_code in (302, 403)
    response = replace_image(client, image, seed=5)
    assert response.status_code in (302, 403)
    assert file_bytes(image) == before, f"{role} replaced a live page's image"
    assert not image_policy.user_has_permission_for_instance(newsroom[role], "change", image)
    assert not image_policy.user_has_permission_for_instance(newsroom[role], "delete", image)
    # The other admin routes that change an image ask the same policy: the multiple-upload
    # editor and the bulk "add to collection" refuse too.
    other = Collection.get_first_root_node().add_child(name="Ảnh khác")
    client.post(f"/quan-tri/images/multiple/{image.pk}/", {"title": "Đổi tên", "collection": str(other.pk)})
    client.post(f"/quan-tri/bulk/wagtailimages/image/add_to_collection/?id={image.pk}", {"collection": str(other.pk)})
    image.refresh_from_db()
    assert image.title == "Ảnh hội nghị" and image.collection_id != other.pk


@pytest.mark.django_db
def test_the_approver_replaces_it_and_the_page_is_purged_here_and_in_nginx(
    client, newsroom, live_article, image, page_cache, nginx_stand_in, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_PURGE_URLS = [nginx_stand_in]
    first = client.get(live_article.url)
    assert first.status_code == 200 and client.get(live_article.url)[HIT] == "HIT"
    old_renditions = set(MEDIA_RENDITION.findall(first.content.decode()))
    assert old_renditions and all(client.get(url).status_code == 200 for url in old_renditions)

    editor = client_for(newsroom["leader"])
    assert editor.get(f"/quan-tri/images/{image.pk}/").status_code == 200

    def replace():
        with django_capture_on_commit_callbacks(execute=True):
            return replace_image(editor, image, seed=7)

    response = run_purges(replace)
    assert response.status_code == 302, response.content[:300]
    assert file_bytes(image) == png_bytes(7)

    after = client.get(live_article.url)
    assert after[HIT] == "MISS", "the page showing the image was not purged"
    new_renditions = set(MEDIA_RENDITION.findall(after.content.decode()))
    assert new_renditions and not (new_renditions & old_renditions)
    assert all(client.get(url).status_code == 200 for url in new_renditions)
    assert all(client.get(url).status_code == 404 for url in old_renditions), "old rendition files still served"
    assert live_article.url in {path for _host, path in PurgeRecorder.seen}


def client_for(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


@pytest.mark.django_db
def test_a_file_nothing_public_uses_stays_editable_by_its_uploader(
    client, newsroom, make_article, image, django_capture_on_commit_callbacks
):
    reporter = newsroom["reporter"]
    client.force_login(reporter)
    # Used by nothing yet: the reporter fixes the image they just uploaded.
    assert replace_image(client, image, seed=2).status_code == 302
    assert file_bytes(image) == png_bytes(2)
    # Used by their own draft only (nothing public): still theirs to change.
    draft = make_article("Bản nháp có ảnh", parent=newsroom["economy"], publish=False, hero_image=image)
    draft.owner = reporter
    draft.save()
    assert replace_image(client, image, seed=3).status_code == 302
    assert file_bytes(image) == png_bytes(3)
    # Once the article is live (published by a leader), the file follows the workflow.
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision(user=newsroom["leader"]).publish()
    replace_image(client, image, seed=4)
    assert file_bytes(image) == png_bytes(3)


@pytest.mark.django_db
def test_an_editor_may_not_change_an_image_of_another_section_either(newsroom, make_article, image):
    make_article("Bài ở Xây dựng Đảng", parent=newsroom["party"], hero_image=image)
    assert not image_policy.user_has_permission_for_instance(newsroom["editor"], "change", image)
    assert image_policy.user_has_permission_for_instance(newsroom["leader"], "change", image)


@pytest.mark.django_db
def test_the_emblem_needs_the_right_to_change_the_site_settings(newsroom, site, image):
    settings_row = SiteSettings.for_site(site)
    settings_row.emblem = image
    settings_row.save()
    # The leader may publish every page, but the emblem belongs to the site settings.
    assert not image_policy.user_has_permission_for_instance(newsroom["leader"], "change", image)
    assert image_policy.user_has_permission_for_instance(newsroom["admin"], "change", image)


@pytest.fixture
def attached_document(newsroom, make_article, django_capture_on_commit_callbacks):
    document = get_document_model().objects.create(
        title="Báo cáo kinh tế", file=ContentFile(b"Bao cao quy IV", name="bao-cao.txt")
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            "Báo cáo kinh tế quý IV",
            parent=newsroom["economy"],
            body=[("document", {"document": document, "title": "Toàn văn báo cáo"})],
        )
    return document, article


@pytest.mark.django_db
@pytest.mark.parametrize("role,allowed", [("reporter", False), ("editor", False), ("leader", True)])
def test_replacing_a_document_of_a_live_page(
    client, newsroom, attached_document, role, allowed, page_cache, django_capture_on_commit_callbacks
):
    document, article = attached_document
    client.get(article.url)
    assert client.get(article.url)[HIT] == "HIT"
    editor = client_for(newsroom[role])
    with django_capture_on_commit_callbacks(execute=True):
        replace_document(editor, document, "Bao cao da sua")
    assert (file_bytes(document) == b"Bao cao da sua") is allowed
    # Purged only when something changed; the page links the (new) document either way.
    page = client.get(article.url)
    assert page[HIT] == ("MISS" if allowed else "HIT")
    document.refresh_from_db()
    assert document.url in page.content.decode()
    assert client.get(document.url).status_code == 200


# --- Per route: what a reader may fetch -------------------------------------------------------


@pytest.fixture
def restricted_document(db):
    private = Collection.get_first_root_node().add_child(name="Tài liệu nội bộ")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    return get_document_model().objects.create(
        title="Tài liệu nội bộ", collection=private, file=ContentFile(b"noi bo", name="noi-bo.txt")
    )


def media_url(field_file):
    return "/media/" + field_file.name


@pytest.mark.django_db
def test_a_login_only_collections_document_is_refused_by_every_route(client, newsroom, restricted_document):
    document = restricted_document
    # Through Wagtail's view: the anonymous reader is sent to log in, never given the file.
    response = client.get(document.url)
    assert response.status_code == 302 and "noi bo" not in response.content.decode()
    for path in (
        media_url(document.file),
        media_url(document.file).replace("/media/", "/media/./"),
        media_url(document.file).replace("/media/", "/media//"),
        media_url(document.file).replace("/media/documents/", "/media/images/../documents/"),
    ):
        assert client.get(path).status_code == 404, path
    # Logged in (any role), the document's own URL serves it; /media/ still never does.
    for role in ("reporter", "editor", "leader"):
        reader = client_for(newsroom[role])
        response = reader.get(document.url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"noi bo"
        assert reader.get(media_url(document.file)).status_code == 404


@pytest.mark.django_db
def test_an_unpublished_library_documents_attachment_is_refused_by_every_route(client, newsroom):
    document = make_document(is_public=False)
    attachment = DocumentAttachment.objects.create(
        document=document, title="Toàn văn", file=ContentFile(b"%PDF-1.4 chua ban hanh", name="nq.pdf")
    )
    for reader in (client, client_for(newsroom["reporter"]), client_for(newsroom["leader"])):
        assert reader.get(attachment.get_absolute_url()).status_code == 404
        assert reader.get(media_url(attachment.file)).status_code == 404
    # Published, it is served by the library's download URL (which counts it), still not at /media/.
    document.is_public = True
    document.save()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(media_url(attachment.file)).status_code == 404


@pytest.mark.django_db
def test_images_and_their_renditions_are_served_at_media(client, image):
    rendition = image.get_rendition("width-100")
    for path in (media_url(image.file), rendition.url):
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"].startswith("image/"), path


def test_media_refuses_the_same_folders_as_nginx():
    from pathlib import Path

    conf = (Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "vnportal.conf").read_text()
    in_nginx = set(re.findall(r"location /media/([\w-]+/) \{ return 404; \}", conf))
    assert in_nginx == set(media.refused_prefixes())
    assert {"documents/", "van-ban/", "wagtail_uploads/", "hoi-dap/", "gop-y-du-thao/"} <= in_nginx
    assert media.is_refused("van-ban/2025/01/x.pdf") and media.is_refused("images/../documents/x.txt")
    assert not media.is_refused("images/a.webp") and not media.is_refused("original_images/van-ban.png")
