"""Demo ratings for `vnportal demo`: answers on a few articles and documents, and survey
answers, for the fictional province Sơn Hà. Applied as one batch with a fixed id, so a
second run is refused by the batch rule itself and creates nothing twice."""

import json
from datetime import timedelta

from django.utils import timezone

from vnportal.core import registry
from vnportal.core.localtime import local_date

from .models import SurveyResponse
from .store import apply_batch

BATCH_ID = "demo-ratings-v1"
TEXTS = [
    "Bài viết rõ ràng, có số liệu cụ thể.",
    "Nên có thêm bản đồ các xã được hỗ trợ.",
    "Mong có thêm hướng dẫn thủ tục chi tiết.",
    "Thông tin kịp thời, dễ đọc trên điện thoại.",
]
SURVEY = [
    (5, 4, 4, 3, "Giao diện dễ dùng, tìm văn bản nhanh."),
    (4, 4, 5, 4, ""),
    (3, 4, 3, 2, "Mong cổng trả lời câu hỏi của người dân nhanh hơn."),
    (5, 5, 4, 4, ""),
    (4, 3, 4, 3, "Cần cập nhật lịch công tác thường xuyên hơn."),
    (4, 5, 5, 5, ""),
    (2, 3, 3, 3, "Chữ trên điện thoại hơi nhỏ, nên tăng cỡ chữ mặc định."),
    (5, 4, 4, 4, ""),
]


def _items():
    keys = []
    for model in registry.ARTICLE_PAGES:
        keys += [f"p:{pk}" for pk in model.objects.live().order_by("pk").values_list("pk", flat=True)[:8]]
    for model in registry.RATEABLE:
        manager = model._default_manager
        rows = manager.filter(is_public=True) if hasattr(model, "is_public") else manager.all()
        keys += [f"m:{model._meta.label_lower}:{pk}" for pk in rows.order_by("pk").values_list("pk", flat=True)[:3]]
    return keys


def build(stdout=None):
    now = timezone.now()
    events = []
    for index, item in enumerate(_items()):
        for reader in range(3 + index % 5):
            moment = now - timedelta(days=(index + reader) % 20, hours=reader)
            useful = (index + reader) % 4 != 0
            events.append(
                {
                    "item": item,
                    "answer": "yes" if useful else "no",
                    "reason": "clear" if useful else ("missing", "outdated", "unclear")[reader % 3],
                    "text": TEXTS[(index + reader) % len(TEXTS)] if reader == 1 else "",
                    "rater": f"demo{index:03d}{reader:03d}".ljust(32, "0"),
                    "visitors": [f"demo:{index}:{reader}"],
                    "day": local_date(moment).isoformat(),
                    "at": moment.isoformat(),
                    "ts": moment.timestamp(),
                }
            )
    applied = apply_batch(BATCH_ID, [json.dumps(event) for event in events]) if events else 0
    created = 0
    if not SurveyResponse.objects.filter(visitor__startswith="demo:").exists():
        for number, (interface, content, quality, support, comment) in enumerate(SURVEY):
            SurveyResponse.objects.create(
                day=local_date(now - timedelta(days=number * 2)),
                visitor=f"demo:{number}",
                interface=interface,
                content=content,
                quality=quality,
                support=support,
                comment=comment,
            )
            created += 1
    if stdout is not None and (applied or created):
        stdout.write(f"Đã tạo {applied} lượt đánh giá và {created} phiếu khảo sát mẫu.")
