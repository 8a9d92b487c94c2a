"""The office's one screen (issue 16, point 2): a week's entries entered together, grouped by
day, with Vietnamese errors that keep what was typed; publishing and adjustments; who may use it."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.core.test_admin_vietnamese import ENGLISH_RE, visible_text
from tests.core.test_admin_vietnamese import untranslated as untranslated  # noqa: F401 (fixture)
from vnportal.news.roles import ADMIN, EDITOR, LEADER, REPORTER, grant_section_role
from vnportal.schedule.models import Entry, Week

pytestmark = pytest.mark.django_db
OFFICE = "Văn phòng"


@pytest.fixture
def users(section):
    User = get_user_model()

    def member(name, group):
        user = User.objects.create_user(name, f"{name}@example.vn", "x")
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "office": member("vanphong", OFFICE),
        "admin": member("quantri", ADMIN),
        "approver": member("lanhdao", LEADER),
        "reporter": grant_section_role(User.objects.create_user("phongvien", "pv@example.vn", "x"), REPORTER, section),
        "editor": grant_section_role(User.objects.create_user("bientap", "bt@example.vn", "x"), EDITOR, section),
        "superuser": User.objects.create_superuser("sieuquantri", "sqt@example.vn", "x"),
    }


def week_url(monday):
    year, number = Week.key_of(monday)
    return f"/quan-tri/lich-cong-tac/{year}/{number}/"


def management(prefix="entries", total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def row(index, **fields):
    return {f"entries-{index}-{name}": value for name, value in fields.items()}


def new_rows(monday, leaders, unit, *specs):
    """POST data for new entries: specs are (day offset, session, time, content)."""
    data = management(total=len(specs))
    for index, (offset, session, time, content) in enumerate(specs):
        data.update(
            row(
                index,
                date=(monday + datetime.timedelta(days=offset)).isoformat(),
                session=str(session),
                time=time,
                content=content,
                venue="Hội trường Tỉnh ủy",
                presiding=str(leaders[0].pk),
                participants="Thường trực Tỉnh ủy",
                preparing_unit=str(unit.pk),
            )
        )
    return data


@pytest.mark.parametrize("role", ["office", "admin", "superuser"])
def test_office_and_administrators_have_the_screen(client, users, role, this_monday):
    client.force_login(users[role])
    dashboard = client.get("/quan-tri/").content.decode()
    assert "/quan-tri/lich-cong-tac/" in dashboard  # the menu item
    assert client.get("/quan-tri/lich-cong-tac/").status_code == 200
    assert client.get(week_url(this_monday)).status_code == 200


@pytest.mark.parametrize("role", ["reporter", "editor", "approver"])
def test_newsroom_roles_do_not_edit_the_schedule_unless_in_the_office_group(client, users, role, this_monday):
    client.force_login(users[role])
    assert "/quan-tri/lich-cong-tac/" not in client.get("/quan-tri/").content.decode()
    assert client.get("/quan-tri/lich-cong-tac/").status_code in (302, 403)
    assert client.get(week_url(this_monday)).status_code in (302, 403)
    users[role].groups.add(Group.objects.get(name=OFFICE))
    assert client.get(week_url(this_monday)).status_code == 200


def test_a_week_entered_at_once_then_published_then_adjusted(client, users, leaders, unit, this_monday):
    client.force_login(users["office"])
    url = week_url(this_monday)
    data = new_rows(
        this_monday,
        leaders,
        unit,
        (0, 1, "07:30", "Giao ban đầu tuần"),
        (0, 2, "14:00", "Làm việc với Sở Tài chính"),
        (2, 3, "19:30", "Dự chương trình nghệ thuật"),
    )
    response = client.post(url, {**data, "action": "save"})
    assert response.status_code == 302
    week = Week.objects.get()
    assert (week.status, week.entries.count()) == (Week.Status.DRAFT, 3)
    assert "Giao ban đầu tuần" not in client.get("/lich-cong-tac/").content.decode()  # a draft stays private

    client.post(url, {**management(total=0), "action": "publish"})
    week.refresh_from_db()
    assert week.is_published and week.revision == 0 and week.published_at
    public = client.get("/lich-cong-tac/").content.decode()
    assert "Giao ban đầu tuần" in public and "Điều chỉnh lần" not in public
    listing = client.get("/quan-tri/lich-cong-tac/").content.decode()
    assert "<td>3</td>" in listing and "Đã đăng" in listing and "(tuần này)" in listing

    # The screen shows the entries under their days, a blank line under each day to add more.
    page = client.get(url).content.decode()
    assert f"Thứ Hai, {this_monday:%d/%m/%Y}" in page
    assert page.index("Giao ban đầu tuần") < page.index("Làm việc với Sở Tài chính") < page.index("Dự chương trình")

    # Change one entry, delete another: one adjustment, stamped.
    entries = list(Entry.objects.order_by("date", "session"))
    data = management(total=len(entries), initial=len(entries))
    for index, entry in enumerate(entries):
        data.update(
            row(
                index,
                id=str(entry.pk),
                date=entry.date.isoformat(),
                session=str(entry.session),
                time=entry.time.strftime("%H:%M"),
                content=entry.content,
                venue=entry.venue,
                presiding=str(entry.presiding_id),
                participants=entry.participants,
                preparing_unit=str(entry.preparing_unit_id),
            )
        )
    data.update(row(0, time="08:00"))
    data.update(row(2, DELETE="on"))
    response = client.post(url, {**data, "action": "save"}, follow=True)
    assert "Đã lưu và đăng điều chỉnh lần 1." in response.content.decode()
    week.refresh_from_db()
    assert week.revision == 1 and week.changed_at is not None
    assert Entry.objects.count() == 2
    assert Entry.objects.get(content="Giao ban đầu tuần").time == datetime.time(8, 0)
    assert re.search(
        r"Điều chỉnh lần 1, cập nhật lúc \d\d:\d\d \d\d/\d\d/\d{4}", client.get("/lich-cong-tac/").content.decode()
    )

    # Saving without a change is no adjustment.
    data = {k: v for k, v in data.items() if not k.startswith("entries-2-")}
    data.update(management(total=2, initial=2))
    client.post(url, {**data, "action": "save"})
    week.refresh_from_db()
    assert week.revision == 1


def test_errors_are_vietnamese_and_keep_what_was_typed(client, users, leaders, unit, this_monday):
    client.force_login(users["office"])
    data = new_rows(
        this_monday,
        leaders,
        unit,
        (1, 1, "14:30", "Tiếp công dân định kỳ tại trụ sở"),  # 14:30 is not a morning
        (1, 2, "25:99", "Họp Ban Chỉ đạo"),  # not a time
        (2, 1, "", ""),  # a line with a venue but no content
    )
    data.update(row(3, date="2031-01-01", session="1", content="Ngày ngoài tuần"))
    data.update(management(total=4))
    response = client.post(week_url(this_monday), {**data, "action": "publish"})
    html = response.content.decode()
    assert response.status_code == 200
    assert Week.objects.count() == 0 and Entry.objects.count() == 0  # nothing half-saved
    assert "Lịch chưa được lưu: hãy sửa các dòng được đánh dấu bên dưới." in html
    assert "14:30 không thuộc buổi sáng: kiểm tra lại giờ hoặc buổi." in html
    assert "Nhập giờ theo dạng 07:30." in html
    assert "Nhập nội dung công việc." in html
    assert "Chọn một ngày trong tuần này." in html
    # What was typed is still there.
    assert "Tiếp công dân định kỳ tại trụ sở" in html
    assert 'value="25:99"' in html
    assert "Ngày ngoài tuần" in html


def test_withdrawn_then_republished_counts_as_an_adjustment(client, users, make_week, this_monday):
    week = make_week(this_monday, entries=1)
    client.force_login(users["office"])
    url = week_url(this_monday)
    entry = week.entries.get()
    data = management(total=1, initial=1)
    data.update(
        row(
            0,
            id=str(entry.pk),
            date=entry.date.isoformat(),
            session=str(entry.session),
            time=entry.time.strftime("%H:%M"),
            content=entry.content,
        )
    )
    client.post(url, {**data, "action": "unpublish"})
    week.refresh_from_db()
    assert week.status == Week.Status.DRAFT
    assert "Họp bàn công việc" not in client.get("/lich-cong-tac/").content.decode()
    client.post(url, {**data, "action": "publish"})
    week.refresh_from_db()
    assert week.is_published and week.revision == 1


def test_a_week_that_does_not_exist_is_404(client, users):
    client.force_login(users["office"])
    assert client.get("/quan-tri/lich-cong-tac/2026/60/").status_code == 404


@pytest.mark.parametrize("role", ["office", "admin", "superuser"])
def test_schedule_admin_screens_are_vietnamese(client, users, make_week, this_monday, untranslated, role):  # noqa: F811
    make_week(this_monday, entries=2)
    client.force_login(users[role])
    for url in ("/quan-tri/lich-cong-tac/", week_url(this_monday)):
        html = client.get(url).content.decode()
        english = [part for part in visible_text(html) if ENGLISH_RE.search(part)]
        assert english == [], (url, english[:10])
        assert "Lịch công tác" in html
    ours = {m for m in untranslated if not m.startswith("%")}
    assert ours == set(), sorted(ours)[:20]


def test_saving_a_whole_week_purges_once(
    client, users, leaders, unit, this_monday, monkeypatch, django_capture_on_commit_callbacks
):
    from vnportal.core import purge

    calls = []
    monkeypatch.setattr(purge, "purge_paths", lambda paths: calls.append(list(paths)))
    client.force_login(users["office"])
    specs = [(day, 1, "08:00", f"Việc số {day}") for day in range(5)] * 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            week_url(this_monday), {**new_rows(this_monday, leaders, unit, *specs), "action": "publish"}
        )
    assert response.status_code == 302 and Entry.objects.count() == 10
    year, number = Week.key_of(this_monday)
    assert len(calls) == 1
    assert {"/", "/lich-cong-tac/", "/lich-cong-tac/lich.ics", f"/lich-cong-tac/{year}/{number}/"} <= set(calls[0])
