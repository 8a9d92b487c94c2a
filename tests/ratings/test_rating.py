"""One rating per visitor per item, replaced by a second; counted at flush, exactly once."""

import json

import pytest
from django.test import Client

from tests.ratings.conftest import BROWSER_UA
from tests.ratings.support import token_in, totals
from vnportal.ratings import items
from vnportal.ratings.models import RatingState
from vnportal.ratings.rating import COOKIE_NAME

FIREFOX_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def test_the_article_carries_the_widget_and_a_signed_token(client, article):
    response = client.get(article.url)
    assert "Thông tin này có hữu ích không?" in response.content.decode()
    assert items.read_token(token_in(response)) == f"p:{article.pk}"


def test_the_home_page_and_the_search_page_have_no_widget(client, home, article):
    assert token_in(client.get(home.url)) is None
    assert token_in(client.get("/tim-kiem/?q=dai+hoi")) is None


def test_one_visitor_rating_twice_is_one_rating_with_the_latest_answer(store, article, rate):
    token = items.sign(f"p:{article.pk}")
    first = rate(token, "yes")
    assert first.status_code == 200 and first.json()["ok"]
    assert COOKIE_NAME in first.cookies  # the rating response sets the rater's cookie
    assert rate(token, "no", reason="missing", text="  Thiếu   số liệu  ").status_code == 200
    assert totals(f"p:{article.pk}") == {"yes": 0, "no": 0}  # nothing written before the flush
    assert store.flush() == 2
    assert totals(f"p:{article.pk}") == {"yes": 0, "no": 1}
    state = RatingState.objects.get()
    assert (state.answer, state.reason, state.reason_text) == ("no", "missing", "Thiếu số liệu")


def test_the_same_reader_without_the_cookie_is_still_one_by_the_day_visitor_id(store, article, rate):
    token = items.sign(f"p:{article.pk}")
    rate(token, "yes", using=Client())
    rate(token, "no", using=Client())  # a fresh cookie jar: same address and browser
    store.flush()
    assert totals(f"p:{article.pk}") == {"yes": 0, "no": 1}


def test_the_same_cookie_from_another_network_is_still_one(store, article, rate, client):
    token = items.sign(f"p:{article.pk}")
    rate(token, "no", ip="203.0.113.7")
    rate(token, "yes", ip="198.51.100.20")  # the phone moved from Wi-Fi to 4G
    store.flush()
    assert totals(f"p:{article.pk}") == {"yes": 1, "no": 0}


def test_two_visitors_are_two_ratings(store, article, rate):
    token = items.sign(f"p:{article.pk}")
    rate(token, "yes", using=Client())
    rate(token, "yes", ip="198.51.100.9", ua=FIREFOX_UA, using=Client())
    store.flush()
    assert totals(f"p:{article.pk}") == {"yes": 2, "no": 0}
    assert RatingState.objects.count() == 2


@pytest.mark.parametrize(
    "token",
    ["", "p:1", "p:1:forged", "x" * 400, "p:1:1kQ3xy:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
)
def test_a_forged_token_is_refused_in_vietnamese(store, article, rate, token):
    response = rate(token or items.sign(f"p:{article.pk}")[:-3] + "abc")
    assert response.status_code == 400
    assert "hết hạn" in response.json()["message"]
    store.flush()
    assert RatingState.objects.count() == 0


def test_an_expired_token_is_refused(store, article, rate, settings):
    token = items.sign(f"p:{article.pk}")
    settings.RATINGS_TOKEN_MAX_AGE = -1
    response = rate(token, json=False)
    assert response.status_code == 400
    assert "Đánh giá chưa được ghi nhận" in response.content.decode()
    assert "hết hạn" in response.content.decode()


def test_a_draft_or_unknown_item_is_refused(store, make_article, rate):
    draft = make_article("Bản nháp chưa đăng", publish=False)
    assert rate(items.sign(f"p:{draft.pk}")).status_code == 404
    assert rate(items.sign("p:999999")).status_code == 404
    assert rate(items.sign("m:auth.user:1")).status_code == 404  # a model nobody registered


def test_no_answer_is_refused(store, article, rate):
    response = rate(items.sign(f"p:{article.pk}"), answer="maybe")
    assert response.status_code == 400 and "Có hoặc Không" in response.json()["message"]


def test_a_post_from_another_site_is_refused(store, article, client):
    response = client.post(
        "/danh-gia/y-kien/",
        {"t": items.sign(f"p:{article.pk}"), "answer": "yes"},
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403


def test_without_javascript_the_form_redirects_back_with_a_thank_you(store, article, rate, client):
    response = rate(items.sign(f"p:{article.pk}"), json=False)
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}?danh-gia=cam-on#danh-gia"
    page = client.get(response["Location"])
    assert "Cảm ơn bạn! Đánh giá của bạn đã được ghi nhận." in page.content.decode()
    assert token_in(page) is None


def test_a_registered_document_is_rateable(store, make_document, rate, client):
    document = make_document()
    page = client.get(document.get_absolute_url())
    token = token_in(page)
    assert items.read_token(token) == f"m:library.document:{document.pk}"
    rate(token, "yes")
    store.flush()
    assert totals(f"m:library.document:{document.pk}") == {"yes": 1, "no": 0}
    document.is_public = False
    document.save()
    items.forget()
    assert rate(token, "no", ip="198.51.100.1").status_code == 404


def test_the_rate_limit_answers_429_in_vietnamese(store, article, rate, settings):
    settings.RATINGS_IP_RATE_LIMIT = 2
    settings.RATINGS_IP_RATE_WINDOW = 3600
    token = items.sign(f"p:{article.pk}")
    codes = [rate(token, ua=f"UA {n}", ip="192.0.2.99").status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_the_reason_text_is_stored_nfc_and_cut_to_300(store, article, rate):
    decomposed = "Thiếu thông tin".encode().decode()  # typed on macOS: NFD
    import unicodedata

    rate(items.sign(f"p:{article.pk}"), "no", text=unicodedata.normalize("NFD", decomposed) + "x" * 400)
    store.flush()
    text = RatingState.objects.get().reason_text
    assert text.startswith("Thiếu thông tin") and unicodedata.is_normalized("NFC", text) and len(text) == 300


def test_queued_ratings_hold_no_address_or_user_agent(store, article, rate):
    rate(items.sign(f"p:{article.pk}"), ip="203.0.113.77")
    queued = store._buffer or ([] if store.client is None else store.client.lrange(store_key(), 0, -1))
    blob = json.dumps([q.decode() if isinstance(q, bytes) else q for q in queued])
    assert "203.0.113.77" not in blob and "Chrome" not in blob and BROWSER_UA not in blob
    store.flush()
    assert not RatingState.objects.filter(visitor__contains="203.0.113").exists()


def store_key():
    from vnportal.ratings.store import PENDING, _prefix

    return _prefix() + PENDING


def test_the_widget_costs_no_query(article, rf, django_assert_num_queries):
    from django.template import Context, Template

    template = Template("{% load ratings_tags %}{% rating_widget %}")
    with django_assert_num_queries(0):
        html = template.render(Context({"page": article, "request": rf.get(article.url)}))
    assert 'name="t"' in html and "Thông tin này có hữu ích không?" in html


def test_the_rate_limit_is_shared_by_every_worker_through_the_database(store, article, rate, settings):
    """Two gunicorn workers have two process memories but one database: the count must live there.

    Without Redis (the embedded profile) each rating is one ``count = count + 1`` row in
    core's RateCounter; a worker with an empty local cache (the second worker, simulated by
    clearing every cache between its calls) still sees the first worker's count.
    """
    from django.core.cache import caches

    from vnportal.core.models import RateCounter

    settings.REDIS_URL = ""
    settings.RATINGS_IP_RATE_LIMIT = 2
    settings.RATINGS_IP_RATE_WINDOW = 3600
    token = items.sign(f"p:{article.pk}")
    codes = []
    for n in range(3):
        for alias in settings.CACHES:  # "another worker": nothing of the last call in memory
            caches[alias].clear()
        codes.append(rate(token, ua=f"UA {n}", ip="192.0.2.98").status_code)
    assert codes == [200, 200, 429]
    row = RateCounter.objects.get(key__startswith="rate:ratings:")
    assert row.count == 3


def test_the_rating_limit_counts_through_core_ratelimit(store, article, rate, settings, monkeypatch):
    """Redis or the database, whichever core.ratelimit uses: the ratings keep no counter of their own."""
    from vnportal.core import ratelimit

    calls = []
    monkeypatch.setattr(ratelimit, "hit", lambda ident, limit, window: calls.append((ident, limit, window)) or False)
    settings.RATINGS_IP_RATE_LIMIT = 7
    settings.RATINGS_IP_RATE_WINDOW = 90
    assert rate(items.sign(f"p:{article.pk}"), ip="192.0.2.97").status_code == 429
    assert len(calls) == 1 and calls[0][0].startswith("ratings:") and calls[0][1:] == (7, 90)
