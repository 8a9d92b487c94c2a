"""The unit tree's order for the admin listing: each unit after its parent, siblings by display order."""

from django.db import models
from django.db.models import Case, Value, When


def positions(rows):
    """``{pk: (position, depth)}`` for ``rows`` of ``(pk, parent_id)`` already in display order.

    A unit whose parent is missing, or that is its own ancestor (a loop an import could
    make), is placed as a root rather than lost."""
    children = {}
    known = {pk for pk, _parent in rows}
    roots = []
    for pk, parent_id in rows:
        if parent_id in known and parent_id != pk:
            children.setdefault(parent_id, []).append(pk)
        else:
            roots.append(pk)
    found = {}

    def walk(pk, depth):
        if pk in found:
            return
        found[pk] = (len(found), depth)
        for child in children.get(pk, ()):
            walk(child, depth + 1)

    for pk in roots:
        walk(pk, 0)
    for pk, _parent in rows:  # units caught in a loop: at the end, as roots
        walk(pk, 0)
    return found


def annotate_tree(queryset):
    """``queryset`` with ``tree_position`` and ``tree_depth`` (one query more, on the whole tree)."""
    rows = list(queryset.model._default_manager.order_by("sort_order", "name", "pk").values_list("pk", "parent_id"))
    found = positions(rows)
    if not found:
        return queryset.annotate(tree_position=Value(0), tree_depth=Value(0))
    position = Case(*(When(pk=pk, then=Value(p)) for pk, (p, _d) in found.items()), output_field=models.IntegerField())
    depth = Case(*(When(pk=pk, then=Value(d)) for pk, (_p, d) in found.items()), output_field=models.IntegerField())
    return queryset.annotate(tree_position=position, tree_depth=depth)
