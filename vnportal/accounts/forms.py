from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm, UserCreationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from vnportal.core.text import collapse_spaces


class BoundedUsernameMixin:
    """Django's login form sets the username's max_length only on the widget: a longer name
    went on to authenticate() and into the failed-login log, which PostgreSQL refused (500)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(BoundedUsernameMixin, AuthenticationForm):
    """The members' sign-in form (/thanh-vien/dang-nhap/)."""


# Django's own help texts come into Vietnamese word for word ("Yêu cầu. 150 ký tự hoặc ít hơn. Chỉ là
# chữ cái…") and list each password validator apart, two of them saying "too common". One plain
# sentence each says the same rules (AUTH_PASSWORD_VALIDATORS; the validators' own messages still
# explain a refusal).
USERNAME_HELP = _("Up to 150 characters: letters, digits and @ . + - _ only.")
NEW_PASSWORD_HELP = _(
    "At least 8 characters, not only digits, not a common password such as “matkhau123”, "
    "and not close to your user name or e-mail address."
)
CONFIRM_PASSWORD_HELP = _("Type the same password again.")


class NewPasswordHelpMixin:
    """The plain help texts on the new-password fields of every members' form that sets one."""

    new_password_fields = ("new_password1", "new_password2")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.new_password_fields
        self.fields[first].help_text = NEW_PASSWORD_HELP
        self.fields[second].help_text = CONFIRM_PASSWORD_HELP


class MemberSetPasswordForm(NewPasswordHelpMixin, SetPasswordForm):
    """Choosing a new password from a reset link."""


class MemberPasswordChangeForm(NewPasswordHelpMixin, PasswordChangeForm):
    """Changing one's password from the profile."""


class RegistrationForm(NewPasswordHelpMixin, UserCreationForm):
    """Checks what was typed, never what exists: whether the address or the username is
    taken is answered by e-mail to that address (``vnportal.accounts.registration``), so
    the page looks the same either way."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,  # the column's length: a longer address is an error message, not a 500
        help_text=_("We send a confirmation link to this address."),
        error_messages={"invalid": _("This e-mail address is not valid.")},
    )

    new_password_fields = ("password1", "password2")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")
        help_texts = {"username": USERNAME_HELP}

    def clean_username(self):
        # Django's own check would say "already exists" on the page.
        return self.cleaned_data["username"]

    def validate_unique(self):
        pass  # the same: uniqueness is settled in registration.register(), by e-mail

    def clean_email(self):
        return self.cleaned_data["email"].strip()

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


class StaffLoginForm(BoundedUsernameMixin, WagtailLoginForm):
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
