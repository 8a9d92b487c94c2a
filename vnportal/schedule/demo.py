"""Demo schedule for the fictional province of Sơn Hà: this week and next, relative to the day the
demo runs (so the demo always shows a current week). Safe to run again: a week that already has
entries is left alone, the agency demo's leaders and units are used when it made them (ours only otherwise)."""

import datetime

from django.utils import timezone

from vnportal.agency.models import Person, Unit
from vnportal.core.localtime import local_date

from .models import Entry, Week

LEADERS = [
    ("Nguyễn Văn Thành", "Bí thư Tỉnh ủy"),
    ("Trần Thị Hòa", "Phó Bí thư Thường trực Tỉnh ủy"),
    ("Lê Quang Minh", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"),
]
UNITS = [
    ("van-phong-tinh-uy", "Văn phòng Tỉnh ủy"),
    ("ban-tuyen-giao-tinh-uy", "Ban Tuyên giáo Tỉnh ủy"),
    ("ban-to-chuc-tinh-uy", "Ban Tổ chức Tỉnh ủy"),
    ("ban-kinh-te-ngan-sach", "Ban Kinh tế - Ngân sách"),
]
M, A, E = Entry.Session.MORNING, Entry.Session.AFTERNOON, Entry.Session.EVENING
# (weekday 0–6, session, time, content, venue, leader index or None, participants, unit index or None)
THIS_WEEK = [
    (
        0,
        M,
        "07:30",
        "Chào cờ đầu tuần; giao ban Thường trực Tỉnh ủy",
        "Phòng họp số 1, Tỉnh ủy",
        0,
        "Thường trực Tỉnh ủy; Chánh Văn phòng Tỉnh ủy",
        0,
    ),
    (
        0,
        A,
        "14:00",
        "Làm việc với Ban Thường vụ Huyện ủy Tân Lạc về tiến độ xây dựng nông thôn mới",
        "Huyện ủy Tân Lạc",
        1,
        "Lãnh đạo Ban Kinh tế - Ngân sách; Sở Nông nghiệp và Môi trường",
        3,
    ),
    (
        1,
        M,
        "08:00",
        "Hội nghị Ban Thường vụ Tỉnh ủy cho ý kiến về Đề án chuyển đổi số tỉnh Sơn Hà",
        "Hội trường Tỉnh ủy",
        0,
        "Ủy viên Ban Thường vụ Tỉnh ủy; Giám đốc Sở Khoa học và Công nghệ",
        0,
    ),
    (
        1,
        A,
        "14:00",
        "Tiếp công dân định kỳ",
        "Trụ sở Tiếp công dân tỉnh",
        2,
        "Ban Tiếp công dân tỉnh; Thanh tra tỉnh",
        None,
    ),
    (
        2,
        M,
        "07:30",
        "Dự Lễ khai giảng lớp bồi dưỡng cán bộ nguồn khóa III",
        "Trường Chính trị tỉnh",
        1,
        "Lãnh đạo Ban Tổ chức Tỉnh ủy",
        2,
    ),
    (
        2,
        A,
        "15:00",
        "Họp Ban Chỉ đạo phát triển du lịch vùng hồ Sơn Hà",
        "Phòng họp UBND tỉnh",
        2,
        "Các sở: Văn hóa, Thể thao và Du lịch; Tài chính; UBND huyện Hồ Xanh",
        None,
    ),
    (
        3,
        M,
        None,
        "Kiểm tra công tác phòng, chống thiên tai tại các xã ven sông Đà Giang",
        "Huyện Ven Sông",
        2,
        "Ban Chỉ huy Phòng thủ dân sự tỉnh",
        None,
    ),
    (
        3,
        A,
        "14:00",
        "Hội nghị báo cáo viên tháng 12",
        "Hội trường Tỉnh ủy",
        1,
        "Báo cáo viên cấp tỉnh",
        1,
    ),
    (
        4,
        M,
        "08:00",
        "Làm việc với Đảng ủy Khối Doanh nghiệp tỉnh",
        "Đảng ủy Khối Doanh nghiệp",
        0,
        "Lãnh đạo các ban Đảng Tỉnh ủy",
        3,
    ),
    (
        4,
        E,
        "19:30",
        "Dự chương trình nghệ thuật chào mừng Ngày thành lập tỉnh Sơn Hà",
        "Quảng trường Trung tâm",
        0,
        "Thường trực Tỉnh ủy, HĐND, UBND tỉnh",
        1,
    ),
]
NEXT_WEEK = [
    (
        0,
        M,
        "07:30",
        "Giao ban Thường trực Tỉnh ủy",
        "Phòng họp số 1, Tỉnh ủy",
        0,
        "Thường trực Tỉnh ủy; Chánh Văn phòng Tỉnh ủy",
        0,
    ),
    (
        1,
        M,
        "08:00",
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15 (cả ngày)",
        "Hội trường Tỉnh ủy",
        0,
        "Ủy viên Ban Chấp hành Đảng bộ tỉnh",
        0,
    ),
    (
        2,
        A,
        "14:00",
        "Làm việc với Sở Y tế về chuẩn bị phòng, chống dịch mùa đông xuân",
        "Sở Y tế",
        2,
        "Lãnh đạo Sở Y tế; Trung tâm Kiểm soát bệnh tật tỉnh",
        None,
    ),
    (
        3,
        M,
        "08:00",
        "Gặp mặt đoàn đại biểu người có uy tín trong đồng bào dân tộc thiểu số",
        "Nhà khách Tỉnh ủy",
        1,
        "Ban Dân vận Tỉnh ủy; Ban Dân tộc tỉnh",
        None,
    ),
    (
        4,
        A,
        "14:00",
        "Sơ kết công tác cải cách hành chính năm",
        "Phòng họp UBND tỉnh",
        2,
        "Giám đốc các sở, ban, ngành",
        None,
    ),
]


def _leaders():
    """The agency's own leaders when its demo made them (it runs first), else three of ours."""
    leaders = list(Person.objects.filter(is_leader=True, is_active=True)[: len(LEADERS)])
    if leaders:
        return leaders
    for order, (name, title) in enumerate(LEADERS):
        person, _ = Person.objects.get_or_create(
            name=name, defaults={"title": title, "is_leader": True, "sort_order": order + 1}
        )
        leaders.append(person)
    return leaders


def _units():
    """The agency's own units when there are some (the schedule must not add stray units to its
    organisation chart), else four of ours."""
    units = list(Unit.objects.filter(is_active=True, parent__isnull=False)[: len(UNITS)])
    if units:
        return units
    return [
        Unit.objects.get_or_create(slug=slug, defaults={"name": name, "kind": Unit.Kind.ADVISORY})[0]
        for slug, name in UNITS
    ]


def _fill(week, rows, leaders, units):
    for day, session, time, content, venue, leader, participants, unit in rows:
        Entry.objects.create(
            week=week,
            date=week.monday + datetime.timedelta(days=day),
            session=session,
            time=datetime.time.fromisoformat(time) if time else None,
            content=content,
            venue=venue,
            presiding=leaders[leader % len(leaders)] if leader is not None else None,
            participants=participants,
            preparing_unit=units[unit % len(units)] if unit is not None else None,
        )


def build(stdout=None, today=None):
    today = today or local_date()
    leaders, units = _leaders(), _units()
    created = 0
    monday = today - datetime.timedelta(days=today.weekday())
    for offset, rows in ((0, THIS_WEEK), (7, NEXT_WEEK)):
        year, number = Week.key_of(monday + datetime.timedelta(days=offset))
        week, _ = Week.objects.get_or_create(year=year, week=number)
        if week.entries.exists():
            continue
        _fill(week, rows, leaders, units)
        now = timezone.now()
        week.publish(now)
        if offset == 0:
            # This week shows an adjustment, as real weeks often do (a meeting moved).
            week.record_adjustment(now)
        week.save()
        created += 1
    if stdout is not None:
        stdout.write(f"Schedule: {created} weeks created.")
    return created
