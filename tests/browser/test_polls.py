"""Voting in a real browser: with JavaScript (no reload) and without (form post, redirect)."""

import datetime

import pytest
from django.utils import timezone

from vnportal.polls.models import Ballot, Choice, Poll

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def current_poll(db):
    now = timezone.now()
    poll = Poll.objects.create(question="Bạn đọc tin trên cổng bằng thiết bị nào?", opens_at=now - datetime.timedelta(days=1),
                               closes_at=now + datetime.timedelta(days=1), published=True, is_current=True,
                               results_visibility=Poll.Visibility.ALWAYS, multiple=True, max_choices=2)
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
