"""Voting in a real browser: with JavaScript (no reload) and without (form post, redirect)."""

import datetime

import pytest
from django.utils import timezone

from vnportal.polls.models import Ballot, Choice, Poll

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def current_poll(db):
    now = timezone.now()
    poll = Poll.objects.create(
        question="Bạn đọc tin trên cổng bằng thiết bị nào?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        published=True,
        is_current=True,
        results_visibility=Poll.Visibility.ALWAYS,
        multiple=True,
        max_choices=2,
    )
    for order, text in enumerate(["Điện thoại", "Máy tính", "Máy tính bảng"]):
        Choice.objects.create(poll=poll, text=text, sort_order=order)
    return poll


def test_vote_with_javascript_updates_the_block_without_reload(browser_page, live_server, current_poll):
    page = browser_page
    page.goto(live_server.url + "/binh-chon/")
    sidebar = page.locator(".poll-block")
    assert sidebar.locator(".poll-question").inner_text() == current_poll.question
    page.evaluate("window.__notReloaded = true")
    boxes = sidebar.locator('input[name="choice"]')
    boxes.nth(0).check()
    boxes.nth(1).check()
    # the maximum (2) is reached: the third box is disabled (the server enforces it anyway)
    assert boxes.nth(2).is_disabled()
    sidebar.locator("button.poll-submit").click()
    page.locator(".poll-block .poll-status .poll-message").wait_for()
    assert page.evaluate("window.__notReloaded") is True
    assert "Cảm ơn bạn đã bình chọn." in sidebar.locator(".poll-status").inner_text()
    assert "1 người đã bình chọn" in sidebar.inner_text()
    assert page.url == live_server.url + "/binh-chon/"
    assert Ballot.objects.filter(poll=current_poll).count() == 1
    assert current_poll.ballots.get().selections.count() == 2


def test_vote_without_javascript_posts_and_redirects(chromium, live_server, current_poll):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/binh-chon/")
        sidebar = page.locator(".poll-block")
        sidebar.locator('input[name="choice"]').nth(2).check()
        with page.expect_navigation():
            sidebar.locator("button.poll-submit").click()
        assert page.url == f"{live_server.url}/binh-chon/{current_poll.pk}/"
        assert "Cảm ơn bạn đã bình chọn." in page.content()
        assert Ballot.objects.filter(poll=current_poll).count() == 1
        # a second try from the same browser is refused with a clear message
        page.goto(live_server.url + f"/binh-chon/{current_poll.pk}/")
        assert page.locator("form.poll-form").count() == 0
        assert "Bạn đã bình chọn trong cuộc bình chọn này." in page.content()
    finally:
        context.close()


@pytest.fixture
def cached_article(page_cache, live_server, home):
    """An article page from the page cache (the copy was stored by another reader)."""
    import urllib.request

    from vnportal.news.models import ArticlePage, SectionPage

    section = SectionPage(title="Tin tức")
    home.add_child(instance=section)
    section.save_revision().publish()
    article = ArticlePage(title="Bài có khối bình chọn", lead="Sapo.")
    section.add_child(instance=article)
    article.save_revision().publish()
    url = live_server.url + article.url
    urllib.request.urlopen(url).read()  # another reader renders and stores it
    with urllib.request.urlopen(url) as response:
        assert response.headers["X-Page-Cache"] == "HIT"
    return url


def test_on_a_cached_page_the_reader_gets_their_own_poll_widget(browser_page, cached_article, current_poll):
    page = browser_page
    page.goto(cached_article)
    sidebar = page.locator(".poll-block")
    # polls.js swapped the shared widget (a GET form to the poll's page) for this reader's own.
    page.locator('.poll-block form.poll-form[method="post"]').wait_for()
    sidebar.locator('input[name="choice"]').nth(0).check()
    sidebar.locator("button.poll-submit").click()
    page.locator(".poll-block .poll-status .poll-message").wait_for()
    assert "Cảm ơn bạn đã bình chọn." in sidebar.inner_text()
    assert Ballot.objects.filter(poll=current_poll).count() == 1
    # The next visit gets the same shared copy, and again this reader's own state.
    page.goto(cached_article)
    page.locator(".poll-block .poll-note").wait_for()
    assert "Bạn đã bình chọn trong cuộc bình chọn này." in sidebar.inner_text()
    assert sidebar.locator("form.poll-form").count() == 0


def test_on_a_cached_page_without_javascript_the_vote_goes_through_the_polls_page(
    chromium, cached_article, live_server, current_poll
):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(cached_article)
        sidebar = page.locator(".poll-block")
        sidebar.locator('input[name="choice"]').nth(1).check()
        with page.expect_navigation():
            sidebar.locator("button.poll-submit").click()
        assert page.url.startswith(f"{live_server.url}/binh-chon/{current_poll.pk}/?")
        own = page.locator(f"#poll-{current_poll.pk}")  # the poll's page (the sidebar holds another)
        assert own.locator('input[name="choice"]').nth(1).is_checked()
        with page.expect_navigation():
            own.locator("button.poll-submit").click()
        assert "Cảm ơn bạn đã bình chọn." in page.content()
        assert Ballot.objects.filter(poll=current_poll).count() == 1
    finally:
        context.close()
