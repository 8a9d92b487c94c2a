"""Who works which requests: a unit's staff (agency.Unit.staff) see and answer their unit's
items only; administrators and the coordinators ("Tổ Hỏi đáp" group) see all and assign."""

from django.db.models import Q

COORDINATOR_GROUP = "Tổ Hỏi đáp"  # made by migrations/0002_groups.py
UNIT_STAFF_GROUP = "Cán bộ đơn vị"


def is_coordinator(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=COORDINATOR_GROUP).exists()


def unit_ids(user):
    if not user.is_authenticated or not user.is_active:
        return []
    return list(user.agency_units.values_list("pk", flat=True))


def may_use_inbox(user):
    return is_coordinator(user) or bool(unit_ids(user))


def visible_to(user, queryset):
    """The part of ``queryset`` ``user`` may see."""
    if is_coordinator(user):
        return queryset
    return queryset.filter(Q(unit_id__in=unit_ids(user)))


def may_work(user, question):
    return is_coordinator(user) or (question.unit_id is not None and question.unit_id in unit_ids(user))
