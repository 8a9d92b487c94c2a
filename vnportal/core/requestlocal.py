"""The admin request being served, for code that Wagtail calls without it.

Wagtail's workflow signals (task_approved …) carry the task state and the user, not the
request, so a confirmation for the person who approved ("Đã phê duyệt …") has nowhere to
go. AdminRequestMiddleware keeps the request in a context variable for the length of an
admin request only; public pages never set it.
"""

import contextvars

_current = contextvars.ContextVar("vnportal_admin_request", default=None)


def current_request():
    return _current.get()


class AdminRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/quan-tri/"

    def __call__(self, request):
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        token = _current.set(request)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
