"""A sub-portal's staff work on their portal only, in the Vietnamese admin: pages, polls, settings."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.models import GroupPagePermission

from tests.subportals.conftest import SUB_HOST
from vnportal.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def staff(name):
    return get_user_model().objects.create_user(name, f"{name}@example.vn", "x")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sub_admin(subsite):
    user = staff("quantri_anbinh")
    call_command("site_role", "quantri_anbinh", "admin", SUB_HOST)
    return user


def test_site_role_command_gives_roles_on_that_portal_only(subsite, sub_section):
    for name, role in (("pv", "reporter"), ("btv", "editor"), ("ld", "leader"), ("qt", "quan-tri")):
        staff(name)
        call_command("site_role", name, role, SUB_HOST)
    roots = set(
        GroupPagePermission.objects.filter(group__user__username__in=["pv", "btv", "ld", "qt"]).values_list(
            "page_id", flat=True
        )
    )
    assert roots == {subsite.root_page_id}
    assert get_user_model().objects.get(username="qt").groups.filter(name=f"Quản trị cổng thành phần · {SUB_HOST}")
    with pytest.raises(Exception, match="thu-ky"):
        call_command("site_role", "pv", "thu-ky", SUB_HOST)
    with pytest.raises(Exception, match="No portal|Không có cổng"):
        call_command("site_role", "pv", "editor", "khong-co.localhost")


def test_sub_portal_editor_cannot_see_or_touch_the_provinces_pages(home, section, make_article, subsite, sub_section):
    article = make_article()
    user = staff("btv_anbinh")
    call_command("site_role", "btv_anbinh", "editor", SUB_HOST)
    client = signed_in(user)
    assert client.get(f"/quan-tri/pages/{sub_section.pk}/edit/").status_code == 200
    for page in (article, section, home):
        response = client.get(f"/quan-tri/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403)
        assert client.post(f"/quan-tri/pages/{page.pk}/delete/").status_code in (302, 403)
    article.refresh_from_db()
    assert article.live
    # The explorer starts at the sub-portal's home: the province's sections are not listed.
    listing = client.get(f"/quan-tri/pages/{subsite.root_page_id}/").content.decode()
    assert sub_section.title in listing and section.title not in listing
    html = client.get("/quan-tri/").content.decode()
    assert '<html lang="vi"' in html  # the Vietnamese admin


def test_sub_portal_admin_sees_and_edits_only_its_polls_and_settings(site, subsite, sub_admin, make_site_poll):
    main_poll = make_site_poll(site, "Câu hỏi của tỉnh?")
    sub_poll = make_site_poll(subsite, "Câu hỏi của huyện?")
    client = signed_in(sub_admin)
    listing = client.get("/quan-tri/snippets/polls/poll/").content.decode()
    assert "Câu hỏi của huyện?" in listing and "Câu hỏi của tỉnh?" not in listing
    assert client.get(f"/quan-tri/snippets/polls/poll/edit/{sub_poll.pk}/").status_code == 200
    for url in (
        f"/quan-tri/snippets/polls/poll/edit/{main_poll.pk}/",
        f"/quan-tri/snippets/polls/poll/delete/{main_poll.pk}/",
        f"/quan-tri/snippets/polls/poll/history/{main_poll.pk}/",
        f"/quan-tri/binh-chon/{main_poll.pk}/ket-qua/",
        f"/quan-tri/binh-chon/{main_poll.pk}/xuat.csv",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/quan-tri/snippets/polls/poll/delete/{main_poll.pk}/").status_code == 404
    assert main_poll.__class__.objects.filter(pk=main_poll.pk).exists()
    # The portal field offers the sub-portal only, and a new poll belongs to it.
    form = client.get("/quan-tri/snippets/polls/poll/add/").content.decode()
    select = form.split('name="site"', 1)[1].split("</select>", 1)[0]
    assert f'value="{subsite.pk}"' in select and f'value="{site.pk}"' not in select
    # Settings: its own site's, never the province's.
    assert client.get(f"/quan-tri/settings/core/sitesettings/{subsite.pk}/").status_code == 200
    # Wagtail refuses by sending them back to the dashboard ("Rất tiếc, bạn không có quyền …").
    for url in (
        f"/quan-tri/settings/core/sitesettings/{site.pk}/",
        f"/quan-tri/settings/navigation/menusettings/{site.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403) and response.get("Location", "/quan-tri/") == "/quan-tri/"
    client.post(f"/quan-tri/settings/core/sitesettings/{site.pk}/", {"agency_name": "Bị sửa"})
    assert SiteSettings.objects.get(site=site).agency_name != "Bị sửa"


def test_province_staff_with_a_poll_permission_see_the_provinces_polls_only(site, subsite, make_site_poll):
    from django.contrib.auth.models import Group, Permission

    make_site_poll(site, "Câu hỏi của tỉnh?")
    make_site_poll(subsite, "Câu hỏi của huyện?")
    group = Group.objects.create(name="Quản lý bình chọn")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_poll", "add_poll", "view_poll"])
    )
    user = staff("binhchon")
    user.groups.add(group)
    listing = signed_in(user).get("/quan-tri/snippets/polls/poll/").content.decode()
    assert "Câu hỏi của tỉnh?" in listing and "Câu hỏi của huyện?" not in listing


def test_hostile_poll_keys_in_admin_urls_give_no_500(subsite, sub_admin):
    client = signed_in(sub_admin)
    for key in ("abc", "1%2527", "99999999999999999999", "%00"):
        for url in (f"/quan-tri/snippets/polls/poll/edit/{key}/", f"/quan-tri/snippets/polls/poll/delete/{key}/"):
            assert client.get(url).status_code in (302, 400, 404), url


def test_add_subportal_refuses_what_is_not_a_host_name_in_vietnamese(db, home):
    from django.core.management.base import CommandError
    from django.utils import translation

    with translation.override("vi"):
        for bad in ("", "có dấu.vn", "a b.vn", "x..vn", "<script>.vn"):
            with pytest.raises(CommandError, match="tên miền"):
                call_command("add_subportal", bad, "Tên")
    call_command("add_subportal", "Xa-An-Phu.localhost", "Cổng xã An Phú", port=80)
    call_command("add_subportal", "xa-an-phu.localhost", "Cổng xã An Phú", port=80)  # again: nothing new
    from wagtail.models import Site

    assert Site.objects.filter(hostname="xa-an-phu.localhost").count() == 1


def test_bulk_delete_of_another_portals_poll_answers_404(site, subsite, sub_admin, make_site_poll):
    main_poll = make_site_poll(site, "Câu hỏi của tỉnh?")
    sub_poll = make_site_poll(subsite, "Câu hỏi của huyện?")
    client = signed_in(sub_admin)
    bulk = "/quan-tri/bulk/polls/poll/delete/"
    assert client.get(bulk, {"id": [main_poll.pk]}).status_code == 404
    assert client.post(f"{bulk}?id={main_poll.pk}&id={sub_poll.pk}").status_code == 404
    client.post(f"{bulk}?id=all")  # every poll of the listing: the sub-portal's own
    assert main_poll.__class__.objects.filter(pk=main_poll.pk).exists()
    assert not main_poll.__class__.objects.filter(pk=sub_poll.pk).exists()
