"""What the ratings keep: each rater's current answer per item, the daily counts a flush
adds to, the batches already applied, and the satisfaction survey's answers.

A rating is not a page view: it is a deliberate act by a few readers. Still, the request
that rates writes nothing; the rating goes to the counter store (store.py) and a flush
replays it against ``RatingState`` in batches (DESIGN.md, "Ratings")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# An item is a Wagtail page ("p:<id>") or a registered non-page model ("m:<app.model>:<pk>"): items.py.
ITEM_KEY_LENGTH = 120
REASON_TEXT_MAX = 300
COMMENT_MAX = 1000


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class Reason(models.TextChoices):
    CLEAR = "clear", _("Complete and easy to understand")
    MISSING = "missing", _("Information is missing")
    UNCLEAR = "unclear", _("Hard to understand")
    OUTDATED = "outdated", _("Out of date")
    OTHER = "other", _("Other")


class RatingState(models.Model):
    """One rater's current rating of one item: a second rating replaces it (and moves the count)."""

    item = models.CharField(_("item"), max_length=ITEM_KEY_LENGTH, db_index=True)
    rater = models.CharField(
        _("rater"), max_length=64, help_text=_("The random id of the rater's signed cookie; never personal data.")
    )
    visitor = models.CharField(
        _("visitor id"), max_length=64, help_text=_("The day's visitor id (a salted hash), or u:<id> for a member.")
    )
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, blank=True)
    reason_text = models.CharField(_("reason in the reader's words"), max_length=REASON_TEXT_MAX, blank=True)
    day = models.DateField(_("day counted"), help_text=_("The local day whose count holds this answer."))
    updated_at = models.DateTimeField(_("rated at"))

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        indexes = [models.Index(fields=["item", "visitor"]), models.Index(fields=["item", "rater"])]

    def __str__(self):
        return f"{self.item}: {self.answer}"


class DailyRatingCount(models.Model):
    """Answers per item and local day, added to with ``count = count + n`` (store.py)."""

    item = models.CharField(_("item"), max_length=ITEM_KEY_LENGTH)
    day = models.DateField(_("day"))
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily rating count")
        verbose_name_plural = _("daily rating counts")
        constraints = [models.UniqueConstraint(fields=["item", "day", "answer"], name="ratings_one_count_per_day")]

    def __str__(self):
        return f"{self.item} {self.day} {self.answer}: {self.count}"


class AppliedRatingBatch(models.Model):
    """A flushed batch, written in the transaction that applied it: a batch seen twice counts once."""

    batch_id = models.CharField(_("batch"), max_length=64, primary_key=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("applied rating batch")
        verbose_name_plural = _("applied rating batches")

    def __str__(self):
        return self.batch_id


class SurveyResponse(models.Model):
    """One answer to the portal satisfaction survey (/danh-gia/): one per visitor per local day."""

    day = models.DateField(_("day"))
    visitor = models.CharField(_("visitor id"), max_length=64)
    interface = models.PositiveSmallIntegerField(_("interface"))
    content = models.PositiveSmallIntegerField(_("content"))
    quality = models.PositiveSmallIntegerField(_("quality of information"))
    support = models.PositiveSmallIntegerField(_("support"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX, blank=True)
    held = models.BooleanField(
        _("held"),
        default=False,
        help_text=_("Sent without the browser check (no JavaScript): kept, but not counted on the dashboard."),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [models.UniqueConstraint(fields=["day", "visitor"], name="ratings_one_survey_per_day")]

    def __str__(self):
        return f"{self.day} {self.visitor[:10]}"
