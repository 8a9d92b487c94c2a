"""Requests no honest client sends are refused or cleaned before any view sees them.

A NUL character cannot be stored in PostgreSQL text: in the path (``/the/%00/``) or a query
value it would reach a lookup and fail as a 500 there, while SQLite quietly finds nothing.
No page, form or link of the portal ever carries one, so such a request is a 400 (the plain
Vietnamese page, vnportal.core.errors). A cookie with one is dropped instead of refused:
the browser would send it again with every request and lock the reader out until it expires.
"""

from django.core.exceptions import BadRequest

NUL = "\x00"


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info or any(
            NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the path or query string")
        if NUL in request.META.get("HTTP_COOKIE", ""):
            request.COOKIES = {k: v for k, v in request.COOKIES.items() if NUL not in k and NUL not in v}
        return self.get_response(request)
