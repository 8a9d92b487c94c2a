"""The token in the confirmation e-mail sent after registration."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    # Its own salt: a password-reset token cannot activate an account, nor the reverse.
    key_salt = "vnportal.accounts.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # is_active is part of the hash, so the link stops working once used.
        return f"{user.pk}{user.is_active}{timestamp}{user.email}"


activation_token = ActivationTokenGenerator()
