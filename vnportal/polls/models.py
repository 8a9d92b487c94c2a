"""Polls (bình chọn): questions, their choices, and the ballots cast.

Tallies are never stored: they are counted from the ballot rows, so they are
exact by construction, whatever the concurrency. One ballot per voter is held
by unique constraints in the database, not by a check-then-insert in Python.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from vnportal.core.text import collapse_spaces, nfc

from .admin_forms import PollAdminForm


def default_site_id():
    """New polls belong to the default site (the province's portal) unless the form says another."""
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


class PollQuerySet(models.QuerySet):
    def for_site(self, site):
        """The polls of one portal (a sub-portal's polls are never on another's pages)."""
        return self.filter(site_id=site.pk if site is not None else default_site_id())

    def published(self):
        return self.filter(published=True)

    def open_at(self, now=None):
        now = now or timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)

    def closed_at(self, now=None):
        return self.published().filter(closes_at__lte=now or timezone.now())

    def current(self, now=None):
        """The open poll the site shows in its sidebar, or None."""
        return self.open_at(now).filter(is_current=True).order_by("-opens_at", "-pk").first()


class Poll(index.Indexed, ClusterableModel):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        MEMBERS = "members", _("Members only")

    class Visibility(models.TextChoices):
        ALWAYS = "always", _("Always")
        AFTER_VOTE = "after_vote", _("After voting")
        AFTER_CLOSE = "after_close", _("After the poll closes")
        HIDDEN = "hidden", _("Hidden (administrators only)")

    # Each portal of the install (the province's, a district's …) has its own polls: the
    # sidebar, /binh-chon/ and voting show and accept only those of the request's site.
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("portal"),
        on_delete=models.CASCADE,
        related_name="polls",
        default=default_site_id,
    )
    question = models.CharField(_("question"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    multiple = models.BooleanField(
        _("multiple choice"), default=False, help_text=_("Let voters pick more than one choice.")
    )
    max_choices = models.PositiveSmallIntegerField(
        _("maximum number of choices"),
        default=1,
        help_text=_("For multiple choice: how many choices one voter may pick at most."),
    )
    allow_other = models.BooleanField(
        _('allow an "other" answer'), default=False, help_text=_("Voters may write in their own answer.")
    )
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"))
    audience = models.CharField(_("who may vote"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE)
    results_visibility = models.CharField(
        _("results visible"), max_length=16, choices=Visibility.choices, default=Visibility.AFTER_VOTE
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Unpublished polls are seen only in the admin.")
    )
    is_current = models.BooleanField(
        _("current poll of the site"),
        default=False,
        help_text=_("Shown in the sidebar while it is open. Marking one poll clears the mark on the others."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PollQuerySet.as_manager()
    base_form_class = PollAdminForm

    panels = [
        FieldPanel("site"),
        FieldPanel("question"),
        FieldPanel("description"),
        InlinePanel("choices", heading=_("Choices"), label=_("Choice"), min_num=2),
        MultiFieldPanel(
            [FieldPanel("multiple"), FieldPanel("max_choices"), FieldPanel("allow_other")], heading=_("Answers")
        ),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Voting period")),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("results_visibility"),
                FieldPanel("published"),
                FieldPanel("is_current"),
            ],
            heading=_("Publishing"),
        ),
    ]
    search_fields = [index.SearchField("question"), index.AutocompleteField("question")]

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="poll_closes_after_opens"),
        ]

    def __str__(self):
        return self.question

    def clean(self):
        self.question = collapse_spaces(self.question)
        self.description = nfc(self.description).strip()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The closing time must be after the opening time.")
        if not self.multiple:
            self.max_choices = 1
        elif not self.max_choices or self.max_choices < 1:
            errors["max_choices"] = _("The maximum must be at least 1.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.multiple:
            self.max_choices = 1
        super().save(*args, **kwargs)
        if self.is_current:
            # One current poll per site: marking this one unmarks the others of its site.
            Poll.objects.filter(is_current=True, site_id=self.site_id).exclude(pk=self.pk).update(is_current=False)

    @property
    def effective_max(self):
        return self.max_choices if self.multiple else 1

    def is_open(self, now=None):
        now = now or timezone.now()
        return bool(self.published and self.opens_at <= now < self.closes_at)

    def has_closed(self, now=None):
        return (now or timezone.now()) >= self.closes_at

    def has_not_opened(self, now=None):
        return (now or timezone.now()) < self.opens_at

    def tally(self):
        """Exact counts, counted from the ballots: (choices with .votes, other_votes, voters)."""
        choices = list(self.choices.annotate(votes=Count("ballot_choices")).order_by("sort_order", "pk"))
        voters = self.ballots.count()
        other_votes = self.ballots.exclude(other_text="").count() if self.allow_other else 0
        return choices, other_votes, voters


def site_polls(request):
    """The polls of the portal that answers ``request`` (its Wagtail Site; the default site's
    when none matches)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    return Poll.objects.for_site(site)


class Choice(Orderable):
    poll = ParentalKey(Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("choice text"), max_length=255)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text

    def clean(self):
        self.text = collapse_spaces(self.text)


class Ballot(models.Model):
    """One voter's vote in one poll. The unique constraints are the one-ballot rule."""

    poll = models.ForeignKey(Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="poll_ballots",
    )
    voter = models.CharField(
        _("voter (hashed)"),
        max_length=64,
        help_text=_("u:<member id>, or g:<keyed hash of the guest>; never an address."),
    )
    other_text = models.CharField(_("other answer"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("voted at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="one_ballot_per_voter"),
            models.UniqueConstraint(
                fields=["poll", "user"], condition=Q(user__isnull=False), name="one_ballot_per_member"
            ),
        ]

    def __str__(self):
        return f"{self.poll_id}/{self.voter}"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="selections")
    choice = models.ForeignKey(
        Choice, verbose_name=_("choice"), on_delete=models.CASCADE, related_name="ballot_choices"
    )

    class Meta:
        verbose_name = _("selected choice")
        verbose_name_plural = _("selected choices")
        constraints = [models.UniqueConstraint(fields=["ballot", "choice"], name="no_duplicate_selection")]

    def __str__(self):
        return f"{self.ballot_id}: {self.choice_id}"
