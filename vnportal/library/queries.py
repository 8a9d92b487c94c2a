"""Finding documents: by number (exact, then prefix at a separator), then by text."""

from django.db.models import Case, IntegerField, Q, Value, When

from vnportal.search.backends import search
from vnportal.search.normalise import normalise_number

# Enough ranked text matches for any listing; the filters then narrow them down.
MAX_TEXT_MATCHES = 500


def number_match(queryset, query):
    """Documents whose number is ``query`` (rank 2) or starts with it at a segment (rank 1).

    "57-NQ/TW" is exact; "57-NQ" and "NQ/TW" (after the "-" of "57-NQ/TW") and
    "42/2022" are prefixes of a segment sequence. Works the same on every database:
    plain comparisons on the stored normalised number.
    """
    key = normalise_number(query)
    if not key:
        # Nothing number-like ("(", "?"): no match, but the same shape, so callers can still order by rank.
        return queryset.none().annotate(number_rank=Value(0, output_field=IntegerField())), key
    prefix = Q(number_normalised__startswith=key)
    for separator in "-/.":
        prefix |= Q(number_normalised__contains=separator + key)
    matches = queryset.filter(Q(number_normalised=key) | prefix).annotate(
        number_rank=Case(When(number_normalised=key, then=Value(2)), default=Value(1), output_field=IntegerField())
    )
    return matches, key


def find_documents(queryset, query):
    """Documents of ``queryset`` matching ``query``, best first (numbers, then ranked text)."""
    numbered, _ = number_match(queryset, query)
    ordered_ids = list(numbered.order_by("-number_rank", "-issued_on", "-pk").values_list("pk", flat=True)[:100])
    seen = set(ordered_ids)
    results = search(query, kinds=["document"])
    for entry in results[:MAX_TEXT_MATCHES]:
        if entry.object_id not in seen:
            ordered_ids.append(entry.object_id)
            seen.add(entry.object_id)
    if not ordered_ids:
        return queryset.none()
    position = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ordered_ids)], output_field=IntegerField())
    return queryset.filter(pk__in=ordered_ids).annotate(search_position=position).order_by("search_position")
