"""Parallel votes over real HTTP (CSRF and all) against the live test server."""

import http.cookiejar
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from vnportal.polls.models import Ballot

pytestmark = pytest.mark.django_db(transaction=True)


def _session(base, path):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + path).read()  # a page with the vote form sets the CSRF cookie
    token = next(c.value for c in jar if c.name == "csrftoken")
    return opener, token


def _post_vote(opener, token, url, choice, extra_headers=None):
    body = urllib.parse.urlencode({"choice": choice, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/json", **(extra_headers or {})})
    try:
        with opener.open(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_parallel_http_votes_by_one_browser_give_one_ballot(live_server, poll, settings):
    settings.POLL_IP_RATE_LIMIT = 0
    opener, token = _session(live_server.url, f"/binh-chon/{poll.pk}/")
    url = f"{live_server.url}/binh-chon/{poll.pk}/vote/"
    choice = poll.choices.first().pk
    results = []
    start = threading.Barrier(12)

    def worker():
        start.wait()
        # each request also claims a different address: the header is not trusted
        results.append(_post_vote(opener, token, url, choice, {"X-Forwarded-For": f"10.0.0.{len(results)}"}))

    threads = [threading.Thread(target=worker) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(status for status, _ in results)
    assert statuses.count(200) == 1 and set(statuses) == {200, 409}, results
    assert Ballot.objects.filter(poll=poll).count() == 1
