"""Reading query parameters strictly: anything malformed is a 400 that names the parameter.

A public API meets every kind of input: dates that are not dates, limits of a billion,
negative offsets, ids beyond PostgreSQL's integer range (which would fail in the database,
a 500), SQL or HTML fragments, kilobytes of text. Each value is parsed here into a Python
value of a known range before any query sees it, and the error says what was expected.
Unknown and repeated parameters are refused too: a misspelt filter silently ignored would
give a client all items while it believes it asked for some.
"""

import datetime
import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from .errors import bad_parameter

MAX_VALUE_LENGTH = 200
MAX_ID = 2**31 - 1  # an integer column in PostgreSQL
MAX_OFFSET = 1_000_000
MIN_YEAR, MAX_YEAR = 1000, 9998
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DIGITS_RE = re.compile(r"^\d{1,10}$")


def max_page_size():
    return settings.API_MAX_PAGE_SIZE


def single_values(query, allowed):
    """``{name: value}`` of the query string, refusing unknown, repeated and over-long parameters."""
    values = {}
    for name, given in query.lists():
        if name not in allowed and not allowed:
            raise bad_parameter(name[:MAX_VALUE_LENGTH], N_("This address takes no parameter."))
        if name not in allowed:
            raise bad_parameter(
                name[:MAX_VALUE_LENGTH],
                N_("Unknown parameter. Accepted here: %(accepted)s."),
                accepted=", ".join(sorted(allowed)),
            )
        if len(given) > 1:
            raise bad_parameter(name, N_("This parameter may be given only once."))
        value = given[0].strip()
        if len(value) > MAX_VALUE_LENGTH:
            raise bad_parameter(name, N_("The value is too long (at most %(max)s characters)."), max=MAX_VALUE_LENGTH)
        values[name] = value
    return values


def integer(name, value, minimum, maximum):
    if not DIGITS_RE.match(value) or not minimum <= int(value) <= maximum:
        raise bad_parameter(
            name, N_("Enter a whole number from %(minimum)s to %(maximum)s."), minimum=minimum, maximum=maximum
        )
    return int(value)


def identifier(name, value):
    return integer(name, value, 1, MAX_ID)


def date(name, value):
    if not DATE_RE.match(value):
        raise bad_parameter(name, N_("Enter a date as YYYY-MM-DD, for example 2026-12-07."))
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise bad_parameter(name, N_("This date does not exist.")) from None
    # Year 1 at +07:00 is year 0 in UTC, which no database stores: a 500, not an answer.
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise bad_parameter(
            name, N_("Enter a year from %(minimum)s to %(maximum)s."), minimum=MIN_YEAR, maximum=MAX_YEAR
        )
    return day


def choice(name, value, choices):
    if value not in choices:
        raise bad_parameter(name, N_("Choose one of: %(choices)s."), choices=", ".join(choices))
    return value


def paging(values):
    """``(limit, offset)``: a page of at most API_MAX_PAGE_SIZE items."""
    limit = settings.API_PAGE_SIZE
    if "limit" in values:
        limit = integer("limit", values["limit"], 1, max_page_size())
    offset = integer("offset", values["offset"], 0, MAX_OFFSET) if "offset" in values else 0
    return limit, offset


def date_range(values):
    """``(first day, last day)`` from ``from`` and ``to`` (each optional, both inclusive)."""
    first = date("from", values["from"]) if "from" in values else None
    last = date("to", values["to"]) if "to" in values else None
    if first and last and last < first:
        raise bad_parameter("to", N_("The end of the range is before its start."))
    return first, last


def filter_dates(queryset, field, first, last):
    """Keep items whose ``field`` (a DateField) lies in the range."""
    if first:
        queryset = queryset.filter(**{f"{field}__gte": first})
    if last:
        queryset = queryset.filter(**{f"{field}__lte": last})
    return queryset


def filter_datetimes(queryset, field, first, last):
    """Keep items whose ``field`` (a DateTimeField) falls on the range's days, local time
    (Asia/Ho_Chi_Minh): index-friendly comparisons, never ``__date`` (a function per row)."""
    zone = timezone.get_current_timezone()
    if first:
        start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
        queryset = queryset.filter(**{f"{field}__gte": start})
    if last:
        end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
        queryset = queryset.filter(**{f"{field}__lt": end})
    return queryset
