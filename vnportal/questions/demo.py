"""Demo Hỏi đáp for the fictional province Sơn Hà: fields, a handling unit and a few answered and
published questions (plus one still open). Safe to run again: a question whose title exists is skipped."""

import datetime

from django.utils import timezone

from vnportal.agency.models import Unit

from . import handling
from .models import Event, OutgoingEmail, Question, QuestionField

FIELDS = ["Giáo dục - Đào tạo", "Đất đai - Xây dựng", "Y tế", "Giao thông", "Thủ tục hành chính", "Chuyển đổi số"]

# field, kind, asker, name shown, title, question, answer (HTML), days ago, published?
QUESTIONS = [
    (
        "Thủ tục hành chính",
        "question",
        "Trần Thị Mai",
        "initials",
        "Thời hạn cấp lại giấy khai sinh bản sao tại xã Tân Lập",
        "Tôi ở xã Tân Lập, huyện Bình Sơn, muốn xin cấp bản sao giấy khai sinh cho con để làm hồ sơ nhập học. "
        "Xin hỏi cần những giấy tờ gì và bao lâu thì nhận được?",
        "<p>Chào bạn,</p><p>Theo quy định, người yêu cầu nộp tờ khai và xuất trình giấy tờ tùy thân tại Ủy ban nhân dân "
        "xã nơi đã đăng ký khai sinh. Bản sao được cấp ngay trong ngày; nếu nhận hồ sơ sau 15 giờ thì trả vào sáng "
        "ngày làm việc tiếp theo.</p><p>Bạn cũng có thể nộp trực tuyến trên Cổng dịch vụ công của tỉnh Sơn Hà.</p>",
        40,
        True,
    ),
    (
        "Giáo dục - Đào tạo",
        "question",
        "Lê Văn Hùng",
        "full",
        "Tuyển sinh lớp 10 trường chuyên Sơn Hà năm học mới",
        "Con tôi đang học lớp 9 tại thành phố Sơn Hà. Xin cho biết lịch thi tuyển vào lớp 10 trường THPT chuyên "
        "Sơn Hà và các môn thi chuyên năm nay.",
        "<p>Sở Giáo dục và Đào tạo tỉnh Sơn Hà trả lời như sau:</p><ul><li>Kỳ thi tuyển sinh lớp 10 tổ chức vào đầu "
        "tháng 6;</li><li>Thí sinh thi ba môn chung (Ngữ văn, Toán, Tiếng Anh) và một môn chuyên;</li><li>Hồ sơ đăng "
        "ký nộp tại trường THCS nơi học sinh đang học.</li></ul><p>Kế hoạch chi tiết được đăng trên trang của Sở.</p>",
        30,
        True,
    ),
    (
        "Giao thông",
        "report",
        "Phạm Quốc Bảo",
        "hidden",
        "Phản ánh ổ gà trên đường tỉnh 712 đoạn qua thôn Đồng Mai",
        "Đường tỉnh 712 đoạn qua thôn Đồng Mai, xã Hòa Phú có nhiều ổ gà sâu, trời mưa đọng nước rất nguy hiểm "
        "cho người đi xe máy, nhất là học sinh đi học buổi sáng.",
        "<p>Tiếp nhận phản ánh, Sở Giao thông vận tải đã chỉ đạo đơn vị quản lý đường bộ kiểm tra hiện trường và "
        "vá sửa các ổ gà trên đoạn tuyến trong tuần. Cảm ơn bạn đã phản ánh.</p>",
        20,
        True,
    ),
    (
        "Chuyển đổi số",
        "question",
        "Nguyễn Thu Hà",
        "initials",
        "Cài đặt chữ ký số cho hộ kinh doanh cá thể",
        "Hộ kinh doanh của tôi muốn nộp hồ sơ trực tuyến. Xin hỏi hộ kinh doanh có được dùng chữ ký số cá nhân "
        "của chủ hộ không?",
        "<p>Chủ hộ kinh doanh được sử dụng chữ ký số cá nhân còn hiệu lực để ký hồ sơ điện tử của hộ. Trung tâm "
        "Phục vụ hành chính công tỉnh Sơn Hà hỗ trợ cài đặt miễn phí vào giờ hành chính.</p>",
        12,
        True,
    ),
    (
        "Y tế",
        "question",
        "Đỗ Minh Khoa",
        "initials",
        "Lịch tiêm chủng mở rộng tại trạm y tế phường",
        "Xin hỏi lịch tiêm chủng mở rộng tháng tới tại trạm y tế phường Bắc Sơn vào những ngày nào?",
        "",
        2,
        False,
    ),
]


def _unit():
    unit = Unit.objects.filter(is_active=True).order_by("sort_order", "pk").first()
    if unit is None:
        unit = Unit.objects.create(
            name="Văn phòng Ủy ban nhân dân tỉnh Sơn Hà", short_name="Văn phòng UBND", slug="van-phong-ubnd-tinh",
            kind=Unit.Kind.OFFICE,
        )  # fmt: skip
    return unit


def _backdate(question, received):
    """Spread the demo's history over the days after its receipt (handled within the deadline)."""
    steps = {"received": 0, "assigned": 1, "answered": 6, "published": 7}
    for event in question.events.all():
        Event.objects.filter(pk=event.pk).update(at=received + datetime.timedelta(days=steps[event.status], hours=2))
    question.refresh_from_db()
    if question.answered_at:
        answered = received + datetime.timedelta(days=6, hours=2)
        published = received + datetime.timedelta(days=7, hours=2) if question.published_at else None
        Question.objects.filter(pk=question.pk).update(
            answered_at=answered, published_at=published, closed_at=published
        )


def build(stdout=None):
    fields = {
        name: QuestionField.objects.get_or_create(name=name, defaults={"sort_order": i})[0]
        for i, name in enumerate(FIELDS)
    }
    unit = _unit()
    last_mail = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    created = 0
    for field, kind, name, shown, title, content, answer, days_ago, publish in QUESTIONS:
        if Question.objects.filter(title=title).exists():
            continue
        received = timezone.now() - datetime.timedelta(days=days_ago)
        slug = name.split()[-1].lower()
        question = handling.submit(
            kind=kind, name=name, email=f"{slug}.demo@example.invalid", field=fields[field], title=title,
            content=content, name_shown=shown, now=received,
        )  # fmt: skip
        question = handling.assign(question, unit, None)
        if answer:
            question = handling.answer(question, answer, None)
        if publish:
            handling.publish(question, None)
        _backdate(question, received)
        created += 1
    # Demo addresses are fictional: nothing of the demo is ever sent.
    OutgoingEmail.objects.filter(pk__gt=last_mail).delete()
    if stdout is not None:
        stdout.write(f"Hỏi đáp: {created} câu hỏi mẫu.")
    return created
