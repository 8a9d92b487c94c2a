"""Refuse the passwords people in Vietnam choose most, alongside Django's common-password list.

The list (``data/common-passwords-vi.txt``, shipped in the package) is lower case and
without diacritics; a password is compared after folding (``vnportal.core.text.fold``)
and without spaces, so "Mật khẩu 123" is refused like "matkhau123".
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from vnportal.core.text import fold

LIST_PATH = Path(__file__).resolve().parent / "data" / "common-passwords-vi.txt"


def _normalise(password):
    return "".join(fold(password).split())


class VietnameseCommonPasswordValidator:
    def __init__(self, password_list_path=LIST_PATH):
        with open(password_list_path, encoding="utf-8") as handle:
            self.passwords = {_normalise(line) for line in handle if line.strip() and not line.lstrip().startswith("#")}

    def validate(self, password, user=None):
        if _normalise(password) in self.passwords:
            raise ValidationError(
                _("This password is one of the most common in Vietnam and is easy to guess. Please choose another."),
                code="password_too_common",
            )

    def get_help_text(self):
        return _("Your password cannot be a commonly used password such as “matkhau123” or “vietnam123”.")
