"""The Liên hệ inbox speaks Vietnamese to unit staff and administrators (the same check as
tests/core/test_admin_vietnamese.py: no English word, no untranslated msgid)."""

import pytest
from django.contrib.auth import get_user_model

from tests.core.test_admin_vietnamese import ENGLISH_RE, glued, untranslated, visible_text  # noqa: F401
from vnportal.contact.models import ContactMessage


@pytest.mark.parametrize("role", ["unit staff", "superuser"])
def test_inbox_screens_are_vietnamese(client, units, office_staff, untranslated, role):  # noqa: F811
    message = ContactMessage.objects.create(
        unit=units["office"],
        name="Phạm Văn Tú",
        email="tu@example.vn",
        subject="Hỏi về hồ sơ",
        message="Nội dung",
        held=True,
    )
    user = (
        office_staff if role == "unit staff" else get_user_model().objects.create_superuser("sq", "sq@example.vn", "x")
    )
    client.force_login(user)
    problems = []
    for url in (
        "/quan-tri/lien-he/",
        "/quan-tri/lien-he/?status=new",
        f"/quan-tri/lien-he/{message.pk}/",
        "/quan-tri/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for text in visible_text(html):
            problems += [f"{url}: English {w!r} in {text[:100]!r}" for w in ENGLISH_RE.findall(text)]
            if glued(text):
                problems.append(f"{url}: missing space in {text[:100]!r}")
    assert "/quan-tri/lien-he/" in client.get("/quan-tri/").content.decode()  # the menu item (drawn from JSON)
    detail = client.get(f"/quan-tri/lien-he/{message.pk}/").content.decode()
    assert "chờ kiểm duyệt" in detail.lower() or "cần xem xét" in detail
    problems += [f"untranslated msgid {m!r}" for m in sorted(untranslated)]
    assert not problems, "\n".join(sorted(set(problems)))
