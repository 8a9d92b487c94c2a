"""The header offers sign-in and registration to guests, the profile and sign-out to members (issue 13)."""

import pytest

pytestmark = pytest.mark.django_db


def test_guests_see_sign_in_and_register(client, home):
    html = client.get("/").content.decode()
    links = html.split('class="account-links"')[1].split("</div>")[0]
    assert 'href="/thanh-vien/dang-nhap/"' in links and 'href="/thanh-vien/dang-ky/"' in links
    assert "Đăng nhập" in links and "Đăng ký" in links and "/thanh-vien/ho-so/" not in links


def test_members_see_their_profile_and_sign_out(client, home, django_user_model):
    member = django_user_model.objects.create_user("thanhvien", "tv@example.vn", "mat-khau-dai-123")
    client.force_login(member)
    html = client.get("/").content.decode()
    links = html.split('class="account-links"')[1].split("</div>")[0]
    assert 'href="/thanh-vien/ho-so/"' in links and "Hồ sơ" in links
    assert 'action="/thanh-vien/dang-xuat/"' in links and "Đăng xuất" in links
    assert "/thanh-vien/dang-nhap/" not in links
    response = client.post("/thanh-vien/dang-xuat/")
    assert response.status_code == 302 and "_auth_user_id" not in client.session
