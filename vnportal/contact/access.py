"""Who sees which contact messages: a unit's staff (agency.Unit.staff) its own; whoever
holds the app's view permission (the administrators) all of them."""

from vnportal.agency.models import Unit

from .models import ContactMessage


def sees_all(user):
    return user.is_active and user.has_perm("contact.view_contactmessage")


def visible_messages(user):
    if not user.is_authenticated or not user.is_active:
        return ContactMessage.objects.none()
    if sees_all(user):
        return ContactMessage.objects.all()
    return ContactMessage.objects.filter(unit__staff=user)


def units_of(user):
    if sees_all(user):
        return Unit.objects.all()
    return Unit.objects.filter(staff=user)


def may_use_inbox(user):
    return user.is_authenticated and (sees_all(user) or Unit.objects.filter(staff=user).exists())
