import pytest

from vnportal.ratings import items
from vnportal.ratings.store import Store, set_store

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


@pytest.fixture
def store(db, settings):
    """The store the settings name (Redis when REDIS_URL is set), empty, flushed by the test."""
    instance = Store(background=False)
    instance.reset()
    set_store(instance)
    items.forget()
    yield instance
    instance.reset()
    set_store(None)
    items.forget()


@pytest.fixture
def rate(client):
    """POST a rating as a given reader (address, User-Agent, cookie jar of ``client``)."""

    def send(token, answer="yes", ip="203.0.113.7", ua=BROWSER_UA, json=True, using=None, **fields):
        headers = {"HTTP_ACCEPT": "application/json"} if json else {}
        return (using or client).post(
            "/danh-gia/y-kien/",
            {"t": token, "answer": answer, **fields},
            REMOTE_ADDR=ip,
            HTTP_USER_AGENT=ua,
            **headers,
        )

    return send
