"""A WSGI application that answers "ok": tests/test_banners.py serves it with gunicorn."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
