"""Sidebar block, archive, the article block, demo content, the admin, and escaping everywhere."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.support.polls import ids, vote
from vnportal.polls.models import Ballot, Poll

pytestmark = pytest.mark.django_db

EMPTY = "Hiện tại không có bình chọn nào đang hoạt động."
EVIL = '<script>alert("x")</script><b>đậm</b>'


def test_sidebar_says_exactly_no_active_poll(home, make_poll):
    make_poll(question="Đã đóng", opens_in=-3, closes_in=-1, is_current=True)
    html = Client().get(home.url).content.decode()
    assert f'<p class="poll-empty">{EMPTY}</p>' in html


def test_sidebar_shows_the_current_open_poll_before_the_sections(home, make_poll, section):
    poll = make_poll(is_current=True)
    html = Client().get(home.url).content.decode()
    assert poll.question in html and EMPTY not in html
    assert f'action="/binh-chon/{poll.pk}/vote/"' in html and "csrfmiddlewaretoken" in html
    assert html.index("poll-block") < html.index("sections-block-title")


def test_sidebar_after_voting_shows_results_when_allowed(home, poll):
    poll.is_current = True
    poll.save()
    client = Client(REMOTE_ADDR="192.0.2.1")
    vote(client, poll, ids(poll)[:1])
    html = client.get(home.url).content.decode()
    assert "Bạn đã bình chọn trong cuộc bình chọn này." in html and "1 người đã bình chọn" in html
    assert 'class="poll-form"' not in html


def test_archive_lists_open_and_closed_but_not_unpublished(make_poll):
    make_poll(question="Đang mở")
    make_poll(question="Đã đóng", opens_in=-5, closes_in=-2)
    make_poll(question="Bản nháp", published=False)
    html = Client().get("/binh-chon/").content.decode()
    assert "Đang mở" in html and "Đã đóng" in html and "Bản nháp" not in html
    assert html.index("Đang mở") < html.index("Đã đóng")


def test_members_only_poll_asks_guests_to_log_in(make_poll):
    poll = make_poll(audience=Poll.Audience.MEMBERS)
    html = Client().get(f"/binh-chon/{poll.pk}/").content.decode()
    assert "Chỉ thành viên mới được tham gia" in html and "/thanh-vien/dang-nhap/?next=" in html


def test_poll_block_in_an_article(make_article, poll):
    article = make_article(body=[("poll", {"poll": poll})])
    html = Client().get(article.url).content.decode()
    assert 'class="poll-embed"' in html and f'action="/binh-chon/{poll.pk}/vote/"' in html


def test_unpublished_poll_block_leaves_no_trace(make_article, make_poll):
    poll = make_poll(published=False)
    article = make_article(body=[("poll", {"poll": poll})])
    assert "poll-embed" not in Client().get(article.url).content.decode()


def test_html_in_poll_text_is_escaped_in_public_pages(home, make_poll):
    poll = make_poll(
        question=EVIL,
        description=EVIL,
        choices=(EVIL, "Bình thường"),
        is_current=True,
        results_visibility=Poll.Visibility.ALWAYS,
    )
    for url in (home.url, "/binh-chon/", f"/binh-chon/{poll.pk}/"):
        html = Client().get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;" in html, url
    data = Client().get(f"/api/polls/{poll.pk}/")
    assert data["Content-Type"] == "application/json" and data.json()["question"] == EVIL


@pytest.fixture
def admin_client_(django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")
    client = Client()
    client.force_login(admin)
    return client


def test_admin_listing_results_and_audit_log_escape_html(admin_client_, make_poll):
    poll = make_poll(question=EVIL, choices=(EVIL, "Khác"), results_visibility=Poll.Visibility.HIDDEN, allow_other=True)
    vote(Client(REMOTE_ADDR="192.0.2.1"), poll, ids(poll)[:1])
    Client(REMOTE_ADDR="192.0.2.2").post(f"/binh-chon/{poll.pk}/vote/", {"other": EVIL})
    listing = admin_client_.get("/quan-tri/snippets/polls/poll/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "<script>alert" not in page and f"/quan-tri/binh-chon/{poll.pk}/ket-qua/" in page
    results = admin_client_.get(f"/quan-tri/binh-chon/{poll.pk}/ket-qua/")
    html = results.content.decode()
    assert results.status_code == 200 and "<script>alert" not in html
    assert "2 người đã bình chọn" in html  # hidden to the public, shown to the admin
    assert "192.0.2" not in html and "g:" in html  # hashed voters, no address


def test_admin_exports(admin_client_, make_poll):
    poll = make_poll(choices=("=1+1", "Bình thường"), results_visibility=Poll.Visibility.HIDDEN)
    vote(Client(REMOTE_ADDR="192.0.2.1"), poll, ids(poll)[:1])
    csv_body = admin_client_.get(f"/quan-tri/binh-chon/{poll.pk}/xuat.csv").content.decode("utf-8-sig")
    assert "'=1+1,1," in csv_body
    ballots_csv = admin_client_.get(f"/quan-tri/binh-chon/{poll.pk}/xuat.csv?kind=ballots").content.decode("utf-8-sig")
    assert ballots_csv.count("\n") == 2 and "g:" in ballots_csv
    xlsx = admin_client_.get(f"/quan-tri/binh-chon/{poll.pk}/xuat.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    values = [cell.value for row in book.worksheets[0].iter_rows() for cell in row]
    assert "'=1+1" in values and 1 in values
    assert book.worksheets[1].max_row == 2


def test_admin_reset_needs_confirmation(admin_client_, poll):
    vote(Client(REMOTE_ADDR="192.0.2.1"), poll, ids(poll)[:1])
    url = f"/quan-tri/binh-chon/{poll.pk}/dat-lai/"
    assert "Thao tác này xóa vĩnh viễn 1 phiếu" in admin_client_.get(url).content.decode()
    wrong = admin_client_.post(url, {"confirm": "yes"})
    assert wrong.status_code == 200 and Ballot.objects.count() == 1
    done = admin_client_.post(url, {"confirm": str(poll.pk)})
    assert done.status_code == 302 and Ballot.objects.count() == 0
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="vnportal_polls.reset")
    assert entry.object_id == str(poll.pk) and entry.data == {"ballots": 1}
    assert admin_client_.get(url.replace("dat-lai/", "ket-qua/")).status_code == 200


def test_admin_views_need_permission(django_user_model, poll):
    user = django_user_model.objects.create_user("nobody", "n@example.vn", "x")
    client = Client()
    client.force_login(user)
    for suffix in ("ket-qua/", "xuat.csv", "xuat.xlsx", "dat-lai/"):
        assert client.get(f"/quan-tri/binh-chon/{poll.pk}/{suffix}").status_code in (302, 403)


def test_admin_can_create_a_poll_with_choices(admin_client_):
    data = {
        "question": "Câu hỏi mới",
        "description": "",
        "multiple": "on",
        "max_choices": "2",
        "opens_at": "2026-01-01 08:00",
        "closes_at": "2026-12-31 17:00",
        "audience": "everyone",
        "results_visibility": "always",
        "published": "on",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "2",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-text": "Một",
        "choices-0-ORDER": "1",
        "choices-0-id": "",
        "choices-0-DELETE": "",
        "choices-1-text": "Hai",
        "choices-1-ORDER": "2",
        "choices-1-id": "",
        "choices-1-DELETE": "",
    }
    response = admin_client_.post("/quan-tri/snippets/polls/poll/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    poll = Poll.objects.get(question="Câu hỏi mới")
    assert [c.text for c in poll.choices.all()] == ["Một", "Hai"] and poll.max_choices == 2
