"""Members' forms speak plain Vietnamese: not Django's word-for-word help texts."""

import re

import pytest
from django.utils.html import strip_tags

DJANGO_WORDING = (
    "Yêu cầu. 150 ký tự",  # Django's username help, translated word for word
    "Chỉ là chữ cái",
    "không được quá giống với các thông tin cá nhân khác",  # one line per validator …
    "không được hoàn toàn bằng số",
)


def visible_text(response):
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


@pytest.mark.django_db
def test_registration_help_is_one_plain_sentence_per_field(client):
    text = visible_text(client.get("/thanh-vien/dang-ky/"))
    assert "Tối đa 150 ký tự, gồm chữ cái, chữ số và các ký tự @ . + - _" in text
    assert "Ít nhất 8 ký tự, không chỉ gồm chữ số, không phải mật khẩu thông dụng" in text
    assert "Nhập lại đúng mật khẩu trên." in text
    for words in DJANGO_WORDING:
        assert words not in text, words


@pytest.mark.django_db
def test_password_change_uses_the_same_plain_help(client, django_user_model):
    user = django_user_model.objects.create_user("thanhvien", "tv@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    text = visible_text(client.get("/thanh-vien/doi-mat-khau/"))
    assert "Ít nhất 8 ký tự, không chỉ gồm chữ số" in text
    for words in DJANGO_WORDING:
        assert words not in text, words
