"""The numbers the dashboard shows and exports: per item, per section, and the survey per
criterion. Counts come from the daily rows (a flush adds to them); reasons from the raters'
current ratings."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.apps import apps
from django.db.models import Avg, Count, Sum
from django.utils.translation import gettext as _

from vnportal.core import registry
from vnportal.core.localtime import local_date

from .forms import CRITERIA
from .models import Answer, DailyRatingCount, RatingState, Reason, SurveyResponse

PERIODS = (30, 365, 0)  # days; 0 = since the beginning


def since(days):
    return local_date() - timedelta(days=days - 1) if days else None


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


def _counts(days):
    rows = DailyRatingCount.objects.all()
    start = since(days)
    if start is not None:
        rows = rows.filter(day__gte=start)
    totals = defaultdict(lambda: {"yes": 0, "no": 0})
    for item, answer, n in (
        rows.values_list("item", "answer").annotate(n=Sum("count")).values_list("item", "answer", "n")
    ):
        totals[item][answer] += n
    return totals


def _describe(keys):
    """{key: {"title", "url", "path", "group"}} for the item keys, from pages and registered models."""
    from wagtail.models import Page

    found = {}
    page_ids = [int(key[2:]) for key in keys if key.startswith("p:")]
    for page in Page.objects.filter(pk__in=page_ids).only("pk", "title", "path", "url_path"):
        found[f"p:{page.pk}"] = {"title": page.title, "url": page.url or "", "path": page.path, "group": None}
    by_model = defaultdict(list)
    for key in keys:
        if key.startswith("m:"):
            label, _sep, pk = key[2:].rpartition(":")
            by_model[label].append(int(pk))
    rateable = {model._meta.label_lower: model for model in registry.RATEABLE}
    for label, pks in by_model.items():
        model = rateable.get(label) or _model(label)
        if model is None:
            continue
        for pk, obj in model._default_manager.in_bulk(pks).items():
            title = obj.search_title() if hasattr(obj, "search_title") else str(obj)
            found[f"m:{label}:{pk}"] = {
                "title": title,
                "url": obj.get_absolute_url(),
                "path": "",
                "group": str(model._meta.verbose_name_plural).capitalize(),
            }
    return found


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def reason_summary(days):
    """{item: "label: n; label: n"} of the current ratings' chosen reasons."""
    rows = RatingState.objects.exclude(reason="")
    start = since(days)
    if start is not None:
        rows = rows.filter(day__gte=start)
    labels = dict(Reason.choices)
    found = defaultdict(list)
    for item, reason, n in rows.values_list("item", "reason").annotate(n=Count("pk")).order_by("item", "-n"):
        found[item].append(f"{labels.get(reason, reason)}: {n}")
    return {item: "; ".join(parts) for item, parts in found.items()}


def per_item(days, limit=None):
    counts = _counts(days)
    described = _describe(list(counts))
    reasons = reason_summary(days)
    rows = []
    for key, n in counts.items():
        total = n["yes"] + n["no"]
        if total <= 0:
            continue
        info = described.get(key, {"title": _("(deleted)"), "url": "", "path": "", "group": None})
        rows.append(
            {
                "key": key,
                "title": info["title"],
                "url": info["url"],
                "path": info["path"],
                "group": info["group"],
                "yes": n["yes"],
                "no": n["no"],
                "total": total,
                "useful": percent(n["yes"], total),
                "reasons": reasons.get(key, ""),
            }
        )
    rows.sort(key=lambda row: (-row["total"], row["title"]))
    return rows[:limit] if limit else rows


def _sections():
    """(path, title) of every section page, longest path first (the nearest section wins)."""
    found = []
    for model in registry.SECTION_PAGES:
        found.extend(model.objects.values_list("path", "title"))
    return sorted(found, key=lambda pair: -len(pair[0]))


def per_section(rows):
    """The item rows summed by section: a page by its nearest section ancestor, a registered
    object by its model ("Văn bản")."""
    sections = _sections()
    grouped = defaultdict(lambda: {"yes": 0, "no": 0, "items": 0})
    for row in rows:
        name = row["group"]
        if name is None:
            name = next((title for path, title in sections if row["path"].startswith(path)), _("Other pages"))
        group = grouped[name]
        group["yes"] += row["yes"]
        group["no"] += row["no"]
        group["items"] += 1
    result = []
    for name, n in grouped.items():
        total = n["yes"] + n["no"]
        result.append(
            {"section": name, "items": n["items"], "yes": n["yes"], "no": n["no"], "useful": percent(n["yes"], total)}
        )
    result.sort(key=lambda row: (-(row["yes"] + row["no"]), row["section"]))
    return result


def comments(days, limit=200):
    """The reasons readers wrote, newest first, for staff to read."""
    rows = RatingState.objects.exclude(reason_text="").order_by("-updated_at")
    start = since(days)
    if start is not None:
        rows = rows.filter(day__gte=start)
    rows = list(rows.values("item", "answer", "reason", "reason_text", "updated_at")[:limit])
    described = _describe({row["item"] for row in rows})
    answers, labels = dict(Answer.choices), dict(Reason.choices)
    for row in rows:
        info = described.get(row["item"], {"title": _("(deleted)"), "url": ""})
        row.update(title=info["title"], url=info["url"], answer_label=str(answers.get(row["answer"], "")))
        row["reason_label"] = str(labels.get(row["reason"], ""))
    return rows


def survey(days):
    """Per criterion: average and the distribution over 1–5; the number of answers counted.

    Answers sent without the browser check (``held``: no JavaScript, so no proof of work)
    are kept but counted apart, never in the averages: a script could send them cheaply.
    """
    rows = SurveyResponse.objects.all()
    start = since(days)
    if start is not None:
        rows = rows.filter(day__gte=start)
    held = rows.filter(held=True).count()
    rows = rows.filter(held=False)
    total = rows.count()
    averages = rows.aggregate(**{name: Avg(name) for name, _label in CRITERIA})
    criteria = []
    for name, label in CRITERIA:
        spread = Counter(dict(rows.values_list(name).annotate(n=Count("pk")).values_list(name, "n")))
        criteria.append(
            {
                "name": name,
                "label": str(label),
                "average": round(averages[name], 2) if averages[name] is not None else None,
                "distribution": [
                    (score, spread.get(score, 0), percent(spread.get(score, 0), total)) for score in range(1, 6)
                ],
            }
        )
    return {"total": total, "held": held, "criteria": criteria}


def survey_comments(days, limit=200):
    rows = SurveyResponse.objects.filter(held=False).exclude(comment="").order_by("-created_at")
    start = since(days)
    if start is not None:
        rows = rows.filter(day__gte=start)
    return list(rows.values("day", "comment", *[name for name, _label in CRITERIA])[:limit])
