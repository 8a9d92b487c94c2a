"""The poll block on a page every reader shares (the page cache, nginx): the stored copy
is the one a new guest sees; each reader's own widget comes from /binh-chon/<id>/khoi/."""

import pytest

from tests.support.polls import ids, vote
from vnportal.core import pagecache


@pytest.fixture
def poll(make_poll):
    from vnportal.polls.models import Poll

    return make_poll(results_visibility=Poll.Visibility.ALWAYS, is_current=True)


def test_the_shared_page_holds_the_neutral_widget(client, page_cache, article, poll):
    page = client.get(article.url)
    assert page[pagecache.HIT_HEADER] == "MISS"
    html = page.content.decode()
    assert f'data-poll-live="/binh-chon/{poll.pk}/khoi/?suffix=-sidebar"' in html
    # No CSRF token (it would be another reader's); without JavaScript the form leads to
    # the poll's own page, which is never shared.
    assert "csrfmiddlewaretoken" not in html
    assert f'method="get" action="/binh-chon/{poll.pk}/"' in html


def test_a_voter_never_puts_their_state_into_the_shared_copy(client, page_cache, article, poll):
    assert vote(client, poll, ids(poll)[:1]).status_code == 200
    page = client.get(article.url).content.decode()  # rendered for this voter, then shared
    assert "Bạn đã bình chọn trong cuộc bình chọn này." not in page
    assert "poll-form" in page
    personal = client.get(f"/binh-chon/{poll.pk}/khoi/?suffix=-sidebar")
    assert personal.status_code == 200 and "no-cache" in personal["Cache-Control"]
    assert "Bạn đã bình chọn trong cuộc bình chọn này." in personal.content.decode()
    assert 'class="poll-form"' not in personal.content.decode()
    assert f'id="poll-{poll.pk}-sidebar"' in personal.content.decode()


def test_the_personal_widget_carries_a_csrf_token_and_voting_through_it_works(client, page_cache, article, poll):
    client.get(article.url)
    widget = client.get(f"/binh-chon/{poll.pk}/khoi/")
    assert "csrfmiddlewaretoken" in widget.content.decode()
    assert vote(client, poll, ids(poll)[1:2]).json()["ok"] is True


def test_without_javascript_the_choice_is_confirmed_on_the_polls_page(client, poll):
    choice = ids(poll)[1]
    page = client.get(f"/binh-chon/{poll.pk}/", {"choice": choice}).content.decode()
    assert f'value="{choice}" checked' in page and "csrfmiddlewaretoken" in page


def test_an_unknown_poll_widget_is_404(client, db):
    assert client.get("/binh-chon/999999/khoi/").status_code == 404


def test_editing_a_poll_purges_every_page(client, page_cache, publish, article, poll):
    client.get(article.url)
    assert client.get(article.url)[pagecache.HIT_HEADER] == "HIT"
    poll.question = "Câu hỏi đã sửa về dịch vụ công"
    publish(poll.save)
    response = client.get(article.url)
    assert response[pagecache.HIT_HEADER] == "MISS"
    assert "Câu hỏi đã sửa về dịch vụ công" in response.content.decode()
