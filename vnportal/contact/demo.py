"""Demo for Liên hệ: two messages in the inboxes of units of the fictional province Sơn Hà (the
units and their contacts come from the agency demo, which runs first). Safe to run again."""

from datetime import timedelta

from django.utils import timezone

from vnportal.agency.models import Unit

from .models import ContactMessage

MESSAGES = [
    (
        "phong-hanh-chinh-luu-tru",
        "Xin bản sao văn bản đã ban hành năm 2019",
        "Tôi cần bản sao một thông báo của Tỉnh ủy ban hành năm 2019 để bổ sung hồ sơ, xin hỏi thủ tục thế nào?",
        2,
    ),
    (
        "van-phong-tinh-uy",
        "Đề nghị bổ sung lịch tiếp công dân tháng này",
        "Đề nghị Văn phòng đăng thêm lịch tiếp công dân định kỳ của lãnh đạo tỉnh trên cổng thông tin.",
        5,
    ),
]


def build(stdout):
    made = 0
    now = timezone.now()
    for slug, subject, text, days in MESSAGES:
        unit = Unit.objects.filter(slug=slug).first()
        if unit is None or ContactMessage.objects.filter(subject=subject).exists():
            continue
        ContactMessage.objects.create(
            unit=unit,
            name="Trần Thị Bình (người dùng thử)",
            email="nguoidan@example.vn",
            subject=subject,
            message=text,
            created_at=now - timedelta(days=days),
        )
        made += 1
    stdout.write(f"Liên hệ: {made} new demo messages.\n")
