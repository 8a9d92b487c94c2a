"""The portal satisfaction survey (/danh-gia/): four criteria on a 1–5 scale and a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vnportal.core import guard

from .models import COMMENT_MAX

SCALE = [
    (1, _("Very poor")),
    (2, _("Poor")),
    (3, _("Neither good nor poor")),
    (4, _("Good")),
    (5, _("Very good")),
]
# (field, label); the order the survey asks them and the dashboard lists them.
CRITERIA = [
    ("interface", _("Interface")),
    ("content", _("Content")),
    ("quality", _("Quality of information")),
    ("support", _("Support")),
]


class ScaleField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(
            choices=SCALE,
            coerce=int,
            error_messages={
                "required": _("Please choose a score for this criterion."),
                "invalid_choice": _("Please choose a score from 1 to 5."),
            },
            **kwargs,
        )


class SurveyForm(guard.GuardedForm):
    # Names the survey's own limits and proof-of-work challenges (docs/citizen-forms.md).
    guard_scope = "survey"

    interface = ScaleField(label=_("Interface"), help_text=_("Layout, ease of finding information, use on a phone."))
    content = ScaleField(label=_("Content"), help_text=_("Whether the portal has the information you need."))
    quality = ScaleField(label=_("Quality of information"), help_text=_("Accurate, timely and easy to understand."))
    support = ScaleField(label=_("Support"), help_text=_("Answers, contacts and help for readers."))
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Please do not write personal information (name, phone number, address)."),
        error_messages={"max_length": _("The comment may be at most %(limit_value)d characters long.")},
    )

    def clean_comment(self):
        # GuardedForm.clean makes it NFC without control characters; blank edges are dropped here.
        return self.cleaned_data["comment"].strip()
