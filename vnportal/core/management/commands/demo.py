import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks


class Command(BaseCommand):
    help = _("Create demo content (running it again creates nothing twice).")

    def handle(self, *args, **options):
        with transaction.atomic():
            for hook in hooks.get_hooks("vnportal_demo_content"):
                hook(self.stdout)
        self._admin_account()

    def _admin_account(self):
        """A first administrator, so a new user can log in; the password is written once to the data dir."""
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        path = settings.DATA_DIR / "admin_password.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password + "\n")
        self.stdout.write(
            _("Administrator account: admin / %(password)s (saved in %(path)s)") % {"password": password, "path": path}
        )
