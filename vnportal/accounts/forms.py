from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from vnportal.core.text import collapse_spaces


class RegistrationForm(UserCreationForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a confirmation link to this address."),
        error_messages={"invalid": _("This e-mail address is not valid.")},
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This e-mail address is already registered."))
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.email = self.cleaned_data["email"]
        user.is_active = False  # until the e-mail address is confirmed
        if commit:
            user.save()
        return user


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ("last_name", "first_name")
        labels = {"last_name": _("Family name"), "first_name": _("Given name")}

    def clean_first_name(self):
        return collapse_spaces(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return collapse_spaces(self.cleaned_data["last_name"])


class StaffLoginForm(LoginForm):
    """The admin's sign-in form (WAGTAILADMIN_USER_LOGIN_FORM) with its labels in Vietnamese.

    Wagtail's form gives the password field no label, so Django prints the field's
    name, "Password", untranslated.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
        # Wagtail builds "Nhập %(field)s của bạn" around the capitalised field name ("Nhập Tên …").
        self.fields["username"].widget.attrs["placeholder"] = _("Enter your user name")
        self.fields["remember"].label = _("Remember me")
