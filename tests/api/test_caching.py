"""The API is cached (server-side by generation, and by browsers through ETag/Last-Modified)
and rate-limited per client address."""

import pytest


@pytest.mark.django_db
def test_answers_carry_validators_and_revalidate_to_304(client, article):
    response = client.get("/api/v1/articles/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag, modified = response["ETag"], response["Last-Modified"]
    again = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.django_db
def test_a_publish_is_visible_at_once_though_answers_are_cached(client, section, make_article, publish):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = make_article("Tin đầu")
    assert [item["id"] for item in client.get("/api/v1/articles/").json()["results"]] == [first.pk]
    with CaptureQueriesContext(connection) as cached:
        client.get("/api/v1/articles/")
    # From the cache: no article query at all (only the rate limit's counter, in the database
    # when there is no Redis).
    assert not [q for q in cached.captured_queries if "news_articlepage" in q["sql"]]

    second = make_article("Tin mới", publish=False)
    publish(second)  # publishes and runs the after-commit purge, as in production
    ids = [item["id"] for item in client.get("/api/v1/articles/").json()["results"]]
    assert second.pk in ids

    second.refresh_from_db()
    publish(lambda: second.unpublish())
    assert second.pk not in [item["id"] for item in client.get("/api/v1/articles/").json()["results"]]


@pytest.mark.django_db
def test_too_many_requests_from_one_address_get_a_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW = 60
    for _ in range(3):
        assert client.get("/api/v1/sections/").status_code == 200
    response = client.get("/api/v1/sections/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["code"] == "rate_limited"
    assert "Vui lòng chờ" in error["message"] and "Please wait" in error["message_en"]
    assert response["Access-Control-Allow-Origin"] == "*"
    # Another address has its own allowance.
    assert client.get("/api/v1/sections/", REMOTE_ADDR="203.0.113.9").status_code == 200
