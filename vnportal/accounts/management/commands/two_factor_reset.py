"""`vnportal manage two_factor_reset <username>`: forget a person's authenticator app and backup codes.

For a lost or replaced phone. If their account must use two-step sign-in, their next visit to the
admin asks them to enrol again; for a one-time code instead, see `addstatictoken` (django-otp).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user


class Command(BaseCommand):
    help = "Remove every two-step sign-in device (authenticator app, backup codes) of one user."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        self.stdout.write(f"Removed {len(devices)} two-step sign-in device(s) of {username}.")
