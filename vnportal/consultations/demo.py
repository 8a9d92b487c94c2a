"""Demo drafts for `vnportal demo` (fictional province Sơn Hà): one open, one closed, with
dates relative to now so one is always open. Idempotent: found again by slug."""

from datetime import timedelta

from django.utils import timezone

from vnportal.agency.models import Unit

from .models import Comment, CommentAnswer, Draft, DraftArticle, DraftQuestion

UNIT = ("so-tu-phap-son-ha", "Sở Tư pháp tỉnh Sơn Hà", "Sở Tư pháp")

OPEN = {
    "slug": "du-thao-quy-dinh-ho-tro-khoi-nghiep-thanh-nien-son-ha",
    "title": "Dự thảo Nghị quyết quy định chính sách hỗ trợ thanh niên khởi nghiệp trên địa bàn tỉnh Sơn Hà",
    "summary": (
        "Dự thảo quy định mức hỗ trợ lãi suất vay vốn, chi phí thuê mặt bằng và đào tạo kỹ năng cho thanh niên "
        "từ 18 đến 35 tuổi khởi nghiệp tại tỉnh Sơn Hà giai đoạn 2027 – 2030."
    ),
    "articles": [
        ("Điều 1", "Phạm vi điều chỉnh và đối tượng áp dụng"),
        ("Điều 2", "Hỗ trợ lãi suất vay vốn"),
        ("Điều 3", "Hỗ trợ chi phí thuê mặt bằng"),
        ("Điều 4", "Tổ chức thực hiện"),
    ],
    "questions": [
        "Mức hỗ trợ lãi suất tại Điều 2 đã phù hợp chưa?",
        "Có nên mở rộng đối tượng đến hợp tác xã do thanh niên thành lập không?",
    ],
}
CLOSED = {
    "slug": "du-thao-quy-che-quan-ly-cho-truyen-thong-son-ha",
    "title": "Dự thảo Quy chế quản lý, khai thác chợ truyền thống trên địa bàn tỉnh Sơn Hà",
    "summary": (
        "Dự thảo quy định việc bố trí điểm kinh doanh, vệ sinh môi trường, phòng cháy chữa cháy và trách nhiệm "
        "của ban quản lý các chợ truyền thống do tỉnh Sơn Hà quản lý."
    ),
    "articles": [("Điều 1", "Phạm vi điều chỉnh"), ("Điều 2", "Bố trí điểm kinh doanh")],
    "questions": ["Quy định về giờ mở cửa chợ đã hợp lý chưa?"],
    "comments": [
        (
            Comment.Kind.ORGANISATION,
            "Hội Liên hiệp Phụ nữ huyện Đông Khê",
            1,
            "Đề nghị ưu tiên bố trí điểm kinh doanh cho hộ phụ nữ có hoàn cảnh khó khăn.",
            "Nên mở cửa từ 5 giờ sáng vào mùa hè.",
        ),
        (
            Comment.Kind.PERSON,
            "Nguyễn Văn Minh",
            None,
            "Cần quy định rõ trách nhiệm thu gom rác cuối ngày của ban quản lý chợ.",
            "",
        ),
    ],
}


def _draft(spec, unit, opens_at, closes_at):
    draft = Draft.objects.filter(slug=spec["slug"]).first()
    if draft is not None:
        return draft, False
    draft = Draft(
        slug=spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        unit=unit,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    for order, (label, title) in enumerate(spec["articles"]):
        draft.articles.add(DraftArticle(label=label, title=title, sort_order=order))
    for order, text in enumerate(spec["questions"]):
        draft.questions.add(DraftQuestion(text=text, sort_order=order))
    draft.save()
    return draft, True


def build(stdout=None):
    # Local time (Asia/Ho_Chi_Minh): the open draft closes at 17:00 as an agency would set it.
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    # A department of the provincial government, not of the Party committee the demo portal presents:
    # it drafts, but it is not drawn in the organisation chart or listed among the contacts.
    unit, _created = Unit.objects.get_or_create(
        slug=UNIT[0],
        defaults={"name": UNIT[1], "short_name": UNIT[2], "kind": Unit.Kind.DEPARTMENT, "is_active": False},
    )
    _open, created_open = _draft(OPEN, unit, now - timedelta(days=3), now + timedelta(days=27, hours=17 - now.hour))
    closed, created_closed = _draft(CLOSED, unit, now - timedelta(days=90), now - timedelta(days=30))
    if created_closed:
        articles = list(closed.articles.all())
        question = closed.questions.first()
        for kind, name, article_index, content, answer in CLOSED["comments"]:
            comment = Comment.objects.create(
                draft=closed,
                article=articles[article_index] if article_index is not None else None,
                kind=kind,
                name=name,
                email="",
                content=content,
                status=Comment.Status.PUBLISHED,
                created_at=now - timedelta(days=60),
            )
            if answer:
                CommentAnswer.objects.create(comment=comment, question=question, text=answer)
    if stdout is not None and (created_open or created_closed):
        stdout.write("Đã tạo dự thảo góp ý mẫu.")
