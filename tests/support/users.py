"""Staff users as the newsroom tests need them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def staff_user(name, *groups):
    """An account ``name`` (e-mail ``name@example.vn``, password "x") in the named groups."""
    account = get_user_model().objects.create_user(name, f"{name}@example.vn", "x")
    account.groups.add(*[Group.objects.get(name=group) for group in groups])
    return account
