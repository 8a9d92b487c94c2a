"""gunicorn without its banner.

gunicorn writes ``Server: gunicorn`` on every response itself (``Response.default_headers``)
and, in the version pinned (27.x), has no setting to leave it out; a header the application
sets is dropped as hop-by-hop. Telling every client which server runs (and so which advisories
apply) helps nobody but an attacker, so the line is filtered out of the headers gunicorn
writes. Both ways of serving call this: ``deploy/gunicorn.conf.py`` and ``vnportal run``.
"""

from gunicorn.http import wsgi


def hide_server_header():
    """Patch gunicorn's HTTP/1 response so it sends no ``Server`` header (idempotent)."""
    response = wsgi.Response
    if getattr(response, "_vnportal_no_server_header", False):
        return
    original = response.default_headers

    def default_headers(self):
        return [line for line in original(self) if not line.lower().startswith("server:")]

    response.default_headers = default_headers
    response._vnportal_no_server_header = True
