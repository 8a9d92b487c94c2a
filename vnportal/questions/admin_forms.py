from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import get_rich_text_editor_widget

from vnportal.agency.models import Unit

from .models import Question


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=Unit.objects.filter(is_active=True))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=get_rich_text_editor_widget())


class PublishForm(forms.Form):
    name_shown = forms.ChoiceField(
        label=_("Name shown with the answer"),
        choices=Question.NameShown.choices,
        help_text=_("Never more than the person allowed."),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal (the person reads it)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class MergeForm(forms.Form):
    kept = forms.IntegerField(
        label=_("Number of the request to keep"),
        min_value=1,
        help_text=_("This request becomes its duplicate; its asker still follows it with their own code."),
    )


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("The person's e-mail"))
