"""``{% rating_widget %}``: "Thông tin này có hữu ích không?" at the end of base.html's main content.

Shown for a page (any but a site's home page) or a registered non-page object of the
context (items.rateable_object); search, error and listing views have neither. It makes no
query (the page type query-count tests hold it to that): only the page's id is signed."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from wagtail.models import Page

from vnportal.core import fragments

from .. import items
from ..models import Reason
from ..views import THANKS_PARAM, THANKS_VALUE

register = template.Library()

KEPT_SECONDS = 3600


@register.simple_tag(takes_context=True)
def rating_widget(context):
    request = context.get("request")
    if request is None or not getattr(settings, "RATINGS_WIDGET", True):
        return ""
    page = context.get("page")
    if isinstance(page, Page) and items.is_rateable_page(page) and not getattr(page, "rating_disabled", False):
        key = items.page_key(page.pk)
    else:
        obj = items.rateable_object(context)
        if obj is None:
            return ""
        key = items.object_key(obj)
    thanked = request.GET.get(THANKS_PARAM) == THANKS_VALUE

    def render():
        return render_to_string(
            "ratings/widget.html",
            {"token": items.sign(key), "reasons": Reason.choices, "thanked": thanked},
        )  # no request: the context processors would run (and query) a second time

    # The signed token is valid for days (items.max_age()): on a page every reader shares the
    # drawn widget is kept an hour at most, as a page in the page cache keeps it.
    timeout = max(1, min(KEPT_SECONDS, items.max_age() // 2))
    return fragments.cached(request, f"rating-widget:{key}:{thanked}", render, timeout=timeout)
