"""Demo for Liên hệ: contact details on three units of the fictional province Sơn Hà and two
messages in their inboxes. Safe to run again (everything is looked up before it is made)."""

from datetime import timedelta

from django.utils import timezone

from vnportal.agency.models import Unit

from .models import ContactMessage

UNITS = [
    {
        "slug": "van-phong-ubnd-tinh-son-ha",
        "name": "Văn phòng Ủy ban nhân dân tỉnh Sơn Hà",
        "kind": Unit.Kind.OFFICE,
        "address": "Số 1 đường Trần Hưng Đạo, phường Hà Giang, thành phố Sơn Hà",
        "phone": "0210 3 822 111",
        "email": "vanphong@sonha.gov.vn.example",
    },
    {
        "slug": "so-tai-nguyen-moi-truong-son-ha",
        "name": "Sở Tài nguyên và Môi trường tỉnh Sơn Hà",
        "kind": Unit.Kind.DEPARTMENT,
        "address": "Số 25 đường Lê Lợi, phường Minh Khai, thành phố Sơn Hà",
        "phone": "0210 3 822 456",
        "email": "stnmt@sonha.gov.vn.example",
    },
    {
        "slug": "trung-tam-phuc-vu-hanh-chinh-cong-son-ha",
        "name": "Trung tâm Phục vụ hành chính công tỉnh Sơn Hà",
        "kind": Unit.Kind.PUBLIC_SERVICE,
        "address": "Số 8 đường Nguyễn Trãi, phường Hà Giang, thành phố Sơn Hà",
        "phone": "0210 3 826 000",
        "email": "hanhchinhcong@sonha.gov.vn.example",
    },
]

MESSAGES = [
    (
        "so-tai-nguyen-moi-truong-son-ha",
        "Hỏi về thời hạn cấp giấy chứng nhận quyền sử dụng đất",
        "Tôi nộp hồ sơ cấp giấy chứng nhận tại xã Tân Lập từ tháng trước, xin hỏi thời hạn giải quyết là bao lâu?",
        2,
    ),
    (
        "van-phong-ubnd-tinh-son-ha",
        "Đề nghị bổ sung lịch tiếp công dân tháng này",
        "Đề nghị Văn phòng đăng thêm lịch tiếp công dân định kỳ của lãnh đạo tỉnh trên cổng thông tin.",
        5,
    ),
]


def build(stdout):
    made = 0
    for spec in UNITS:
        spec = dict(spec)
        _unit, created = Unit.objects.get_or_create(slug=spec.pop("slug"), defaults=spec)
        made += created
    now = timezone.now()
    for slug, subject, text, days in MESSAGES:
        if ContactMessage.objects.filter(subject=subject).exists():
            continue
        ContactMessage.objects.create(
            unit=Unit.objects.get(slug=slug),
            name="Trần Thị Bình (người dùng thử)",
            email="nguoidan@example.vn",
            subject=subject,
            message=text,
            created_at=now - timedelta(days=days),
        )
        made += 1
    stdout.write(f"Liên hệ: {made} new demo units and messages.\n")
