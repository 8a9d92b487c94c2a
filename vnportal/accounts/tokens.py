"""The tokens in the e-mails: account activation and password reset.

Both are single use. An activation link works only while the registration's
``PendingActivation`` row exists (activating deletes it, so does an administrator
deactivating the account); a reset link's hash holds the password hash and the last
login, which the reset changes, and ``is_active``, so deactivating an account voids
the reset links already sent.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    # Its own salt: a password-reset token cannot activate an account, nor the reverse.
    key_salt = "vnportal.accounts.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        login = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.is_active}{login}{user.password}{timestamp}{user.email}"


class ResetTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "vnportal.accounts.ResetTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


activation_token = ActivationTokenGenerator()
reset_token = ResetTokenGenerator()
