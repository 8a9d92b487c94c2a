"""Pagination of public lists: ``?trang=N`` (Vietnamese, like every public URL).

``Paginator.get_page`` everywhere: a page number that is not a number gives the first
page, one beyond the end the last page — never a 404 or a 500 for a hand-edited URL.
"""

from django.core.paginator import Paginator

PAGE_PARAM = "trang"


def page_of(request, items, per_page, param=PAGE_PARAM):
    """The requested page of ``items`` (anything Django's Paginator can count and slice)."""
    return Paginator(items, per_page).get_page(request.GET.get(param))


def querystring_without_page(request, param=PAGE_PARAM):
    """The request's query string minus the page number, for the pager's links."""
    params = request.GET.copy()
    params.pop(param, None)
    return params.urlencode()
