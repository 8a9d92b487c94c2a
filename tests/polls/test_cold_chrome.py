"""The shared chrome kept in the fragment cache with the page cache off (issue 14, point 3).

The brand, the footer and the poll sidebar block are kept per purge generation, host and
language (vnportal/core/fragments.py). A change of a setting or a poll shows at once; the
poll block is the shared variant (polls.js fetches the reader's own) for anonymous readers,
and the personal one, never kept, for signed-in readers.
"""

import pytest
from wagtail.models import Site

from tests.support.polls import ids, vote
from vnportal.core import pagecache
from vnportal.core.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(make_poll):
    from vnportal.polls.models import Poll

    return make_poll(results_visibility=Poll.Visibility.HIDDEN, is_current=True)


def html(client, url):
    client.cookies.clear()  # a reader with no cookies, as a crawler or a first visit
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_setting_change_shows_at_once_in_the_brand_and_the_footer(fragment_cache, client, article, publish):
    html(client, article.url)  # brand and footer kept
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.agency_name = "Ủy ban nhân dân tỉnh Thử Nghiệm Mới"
    settings_row.address = "Số 9 đường Kiểm Thử"
    publish(settings_row.save)
    page = html(client, article.url)
    assert page.count("Ủy ban nhân dân tỉnh Thử Nghiệm Mới") >= 2  # brand and footer
    assert "Số 9 đường Kiểm Thử" in page


def test_the_anonymous_poll_block_is_the_shared_one_and_a_change_shows_at_once(
    fragment_cache, client, article, poll, publish
):
    page = html(client, article.url)
    assert f'data-poll-live="/binh-chon/{poll.pk}/khoi/?suffix=-sidebar"' in page
    assert "csrfmiddlewaretoken" not in page
    assert "csrftoken" not in client.cookies  # nothing personal was rendered
    html(client, article.url)
    poll.question = "Câu hỏi đã sửa cho khối chung"
    publish(poll.save)
    assert "Câu hỏi đã sửa cho khối chung" in html(client, article.url)
    choice = poll.choices.first()
    choice.text = "Phương án đã sửa"
    publish(choice.save)
    assert "Phương án đã sửa" in html(client, article.url)


def test_a_voted_reader_gets_the_shared_block_and_their_own_widget(fragment_cache, client, article, poll):
    assert vote(client, poll, ids(poll)[:1]).status_code == 200
    page = client.get(article.url).content.decode()
    assert "Bạn đã bình chọn trong cuộc bình chọn này." not in page  # the kept block stays neutral
    personal = client.get(f"/binh-chon/{poll.pk}/khoi/?suffix=-sidebar").content.decode()
    assert "Bạn đã bình chọn trong cuộc bình chọn này." in personal
    assert "Bạn đã bình chọn trong cuộc bình chọn này." not in html(client, article.url)


def test_a_signed_in_reader_gets_the_personal_block_never_kept(fragment_cache, client, article, poll, admin_user):
    html(client, article.url)
    client.force_login(admin_user)
    page = client.get(article.url).content.decode()
    assert "data-poll-live" not in page and "csrfmiddlewaretoken" in page
    client.logout()
    assert "csrfmiddlewaretoken" not in html(client, article.url)


def poll_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = html(client, url)
    return page, [q["sql"] for q in queries if "polls_poll" in q["sql"]]


def test_a_kept_poll_block_costs_no_query(fragment_cache, client, article, poll):
    first, asked = poll_queries(client, article.url)
    assert asked, "the first render looks the current poll up"
    again, asked = poll_queries(client, article.url)
    assert asked == [] and poll.question in again


def test_the_kept_block_changes_when_the_poll_closes_without_an_edit(fragment_cache, client, article, poll):
    import datetime
    import time

    from django.utils import timezone

    from vnportal.polls.models import Poll

    # No save(): closing by the clock draws no new generation, only the kept block's lifetime ends.
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() + datetime.timedelta(seconds=2))
    pagecache.purge_all()
    assert poll.question in html(client, article.url)
    time.sleep(2.2)
    page = html(client, article.url)
    assert poll.question not in page and "Hiện tại không có bình chọn nào đang hoạt động." in page


def test_the_kept_block_changes_when_the_current_poll_opens(fragment_cache, client, article, make_poll):
    import datetime
    import time

    from django.utils import timezone

    from vnportal.polls.models import Poll

    upcoming = make_poll(question="Cuộc bình chọn mở sau", is_current=True, results_visibility=Poll.Visibility.HIDDEN)
    Poll.objects.filter(pk=upcoming.pk).update(opens_at=timezone.now() + datetime.timedelta(seconds=2))
    pagecache.purge_all()
    page = html(client, article.url)
    assert "Hiện tại không có bình chọn nào đang hoạt động." in page and "Cuộc bình chọn mở sau" not in page
    time.sleep(2.2)
    assert "Cuộc bình chọn mở sau" in html(client, article.url)
