"""The public comment form (protected by the core anti-abuse guard)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vnportal.core import guard

from .models import Comment

WHOLE_DRAFT = ""
ANSWER_PREFIX = "answer_"


class CommentForm(guard.GuardedForm):
    guard_scope = "consultation"

    kind = forms.ChoiceField(
        label=_("You comment as"), choices=Comment.Kind.choices, initial=Comment.Kind.PERSON, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Full name or name of the organisation"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    address = forms.CharField(label=_("Address (optional)"), max_length=300, required=False)
    article = forms.ChoiceField(label=_("Your comment is on"), required=False)
    content = forms.CharField(label=_("Your comment"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, e-mail and the phone and address I gave are kept to process this comment, "
            "seen only by the drafting unit's staff, and erased after the consultation ends."
        ),
        error_messages={"required": _("Please agree to the personal-data notice to send your comment.")},
    )

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.articles = list(draft.articles.all())
        self.questions = list(draft.questions.all())
        self.fields["article"].choices = [(WHOLE_DRAFT, _("The whole draft"))] + [
            (str(article.pk), str(article)) for article in self.articles
        ]
        for question in self.questions:
            self.fields[f"{ANSWER_PREFIX}{question.pk}"] = forms.CharField(
                label=question.text, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
            )

    def answer_fields(self):
        return [self[f"{ANSWER_PREFIX}{question.pk}"] for question in self.questions]

    def clean_article(self):
        value = self.cleaned_data.get("article") or WHOLE_DRAFT
        if value == WHOLE_DRAFT:
            return None
        for article in self.articles:
            if str(article.pk) == value:
                return article
        raise forms.ValidationError(_("Choose an article of this draft."))

    def answers(self):
        """``[(question, text)]`` for the questions answered."""
        result = []
        for question in self.questions:
            text = (self.cleaned_data.get(f"{ANSWER_PREFIX}{question.pk}") or "").strip()
            if text:
                result.append((question, text))
        return result
