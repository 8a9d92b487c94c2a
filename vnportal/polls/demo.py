"""Demo polls for `vnportal demo`: one open current poll (results always visible), one closed. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from .models import Choice, Poll

OPEN_QUESTION = "Bạn đánh giá thế nào về chất lượng thông tin trên Cổng thông tin điện tử?"
OPEN_CHOICES = ["Rất hữu ích", "Hữu ích", "Bình thường", "Cần cải thiện thêm"]
CLOSED_QUESTION = "Bạn thường tìm đọc nội dung nào trên cổng nhiều nhất?"
CLOSED_CHOICES = ["Tin tức - sự kiện", "Văn bản chỉ đạo, điều hành", "Thủ tục hành chính", "Hỏi đáp, góp ý"]


def _poll(question, choices, **fields):
    poll = Poll.objects.filter(question=question).first()
    if poll is not None:
        return poll, False
    poll = Poll(question=question, **fields)
    poll.save()
    for order, text in enumerate(choices):
        Choice.objects.create(poll=poll, text=text, sort_order=order)
    return poll, True


def build(stdout=None):
    now = timezone.now().replace(second=0, microsecond=0)
    _open, created_open = _poll(
        OPEN_QUESTION,
        OPEN_CHOICES,
        description="Ý kiến của bạn giúp chúng tôi phục vụ bạn đọc tốt hơn.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=365),
        results_visibility=Poll.Visibility.ALWAYS,
        published=True,
        is_current=True,
    )
    _closed, created_closed = _poll(
        CLOSED_QUESTION,
        CLOSED_CHOICES,
        multiple=True,
        max_choices=2,
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        results_visibility=Poll.Visibility.AFTER_CLOSE,
        published=True,
    )
    if stdout is not None and (created_open or created_closed):
        stdout.write("Đã tạo bình chọn mẫu.")
