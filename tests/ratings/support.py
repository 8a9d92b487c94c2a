import re

from django.db.models import Sum

from vnportal.ratings.models import DailyRatingCount

TOKEN = re.compile(r'<input type="hidden" name="t" value="([^"]+)">')


def token_in(response):
    found = TOKEN.search(response.content.decode())
    return found.group(1) if found else None


def totals(item):
    rows = DailyRatingCount.objects.filter(item=item).values("answer").annotate(n=Sum("count"))
    found = {"yes": 0, "no": 0}
    for row in rows:
        found[row["answer"]] = row["n"]
    return found
