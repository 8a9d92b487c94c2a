"""The gallery's admin screens speak Vietnamese to the roles that use them, and an editor who
leaves out the alt text or the captions is told so in Vietnamese and keeps what was typed."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.core import test_admin_vietnamese as vietnamese
from vnportal.news.roles import ADMIN, LEADER

pytestmark = pytest.mark.django_db

ENGLISH_RE, glued, visible_text = vietnamese.ENGLISH_RE, vietnamese.glued, vietnamese.visible_text
untranslated = vietnamese.untranslated  # the fixture: every msgid that came back untranslated


@pytest.fixture
def users(db):
    User = get_user_model()
    leader = User.objects.create_user("lanhdao", "ld@example.vn", "x")
    leader.groups.add(Group.objects.get(name=LEADER))
    admin = User.objects.create_user("quantri", "qt@example.vn", "x")
    admin.groups.add(Group.objects.get(name=ADMIN))
    superuser = User.objects.create_superuser("sieuquantri", "sqt@example.vn", "x")
    return {"approver": leader, "admin": admin, "superuser": superuser}


def gallery_screens(home, album_index, video_index, album, video):
    return {
        "add page under home": f"/quan-tri/pages/{home.pk}/add_subpage/",
        "album list": f"/quan-tri/pages/{album_index.pk}/",
        "album create": f"/quan-tri/pages/add/gallery/albumpage/{album_index.pk}/",
        "album edit": f"/quan-tri/pages/{album.pk}/edit/",
        "video create": f"/quan-tri/pages/add/gallery/videopage/{video_index.pk}/",
        "video edit": f"/quan-tri/pages/{video.pk}/edit/",
    }


@pytest.mark.parametrize("role", ["approver", "admin", "superuser"])
def test_gallery_admin_screens_are_vietnamese(
    client, users, home, album_index, video_index, make_album, make_video, untranslated, role
):
    client.force_login(users[role])
    problems, rendered = [], 0
    for name, url in gallery_screens(home, album_index, video_index, make_album(), make_video()).items():
        response = client.get(url, follow=True)
        if response.status_code in (403, 404) or response.redirect_chain:
            continue  # this role may not see the screen
        assert response.status_code == 200, (name, url)
        rendered += 1
        html = response.content.decode()
        if name == "album create":
            assert "Văn bản thay thế" in html and "Chú thích" in html and "Nguồn ảnh" in html
        if name == "video create":
            assert "Phụ đề (WebVTT)" in html and "Bản ghi lời" in html and "Địa chỉ nhúng" in html
        if name == "add page under home":
            assert "Thư viện ảnh" not in html or "thư viện ảnh" in html.lower()  # one per site: already there
        for text in visible_text(html):
            problems += [f"{name}: English {word!r} in {text[:120]!r}" for word in ENGLISH_RE.findall(text)]
            if glued(text):
                problems.append(f"{name}: missing space in {text[:120]!r}")
    assert rendered >= 4, f"only {rendered} screens rendered for {role}"
    problems += [f"untranslated msgid {message!r}" for message in sorted(untranslated)]
    assert not problems, "\n".join(sorted(set(problems)))


def test_saving_a_video_without_captions_says_so_and_keeps_the_text(client, users, video_index):
    client.force_login(users["superuser"])
    response = client.post(
        f"/quan-tri/pages/add/gallery/videopage/{video_index.pk}/",
        {
            "title": "Phóng sự: mùa lúa mới ở Tân Phú",
            "slug": "phong-su-mua-lua-moi",
            "display_date": "2026-12-01",
            "intro": "Nông dân Tân Phú thu hoạch lúa.",
            "embed_url": "https://www.youtube-nocookie.com/embed/abc",
            "transcript": "",
        },
    )
    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    assert "Video nhúng cần có bản ghi lời." in html or "Hãy thêm phụ đề (tệp WebVTT) hoặc bản ghi lời." in html
    assert "Phóng sự: mùa lúa mới ở Tân Phú" in html and "Nông dân Tân Phú thu hoạch lúa." in html
