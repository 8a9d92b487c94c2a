"""Submitting a comment: the window (checked inside the transaction), the guard's verdicts,
what is stored, and what the person sees when it is refused."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from vnportal.consultations.models import Comment, CommentAnswer, Draft

from .conftest import form_data


def _post(client, draft, data, address):
    return client.post(f"/gop-y-du-thao/{draft.slug}/gui-gop-y/", data, REMOTE_ADDR=address)


def test_a_comment_is_stored_pending_with_its_answers_and_nfc(client, draft, address):
    decomposed = "Đe\u0302̀ nghị"  # "Đề" with combining marks
    response = _post(client, draft, form_data(draft, content=decomposed + " tăng hỗ trợ."), address)
    assert response.status_code == 302
    assert response["Location"] == f"/gop-y-du-thao/{draft.slug}/da-gui/"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert not comment.held
    assert comment.content.startswith("Đề nghị")
    assert CommentAnswer.objects.get().text == "Nên tăng lên 50%."
    thanks = client.get(response["Location"])
    assert "sau khi được kiểm duyệt" in thanks.content.decode()


def test_a_comment_on_one_article(client, draft, address):
    article = draft.articles.last()
    _post(client, draft, form_data(draft, article=str(article.pk)), address)
    assert Comment.objects.get().article == article


def test_an_article_of_another_draft_is_refused_and_the_text_kept(client, draft, make_draft, address):
    other = make_draft(slug="khac")
    response = _post(client, draft, form_data(draft, article=str(other.articles.first().pk)), address)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Đề nghị tăng mức hỗ trợ lãi suất." in body
    assert not Comment.objects.exists()


def test_without_javascript_the_comment_is_held(client, draft, address):
    response = _post(client, draft, form_data(draft, solved=False), address)
    assert response.status_code == 302
    assert Comment.objects.get().held


def test_consent_is_required_with_a_vietnamese_message(client, draft, address):
    data = form_data(draft)
    del data["consent"]
    response = _post(client, draft, data, address)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vui lòng đồng ý" in body
    assert "Trần Thị Bình" in body


@pytest.mark.parametrize("opens,closes,said", [(-10, -1, "Đã hết thời hạn góp ý"), (1, 10, "chưa bắt đầu nhận góp ý")])
def test_outside_the_window_there_is_no_form_and_a_post_is_refused(client, make_draft, opens, closes, said, address):
    draft = make_draft(opens=opens, closes=closes)
    page = client.get(f"/gop-y-du-thao/{draft.slug}/gui-gop-y/")
    assert page.status_code == 200
    assert 'name="content"' not in page.content.decode()
    response = _post(client, draft, form_data(draft), address)
    assert response.status_code == 409
    body = response.content.decode()
    assert said in body
    assert "Đề nghị tăng mức hỗ trợ lãi suất." in body  # what the person wrote is kept
    assert not Comment.objects.exists()


def test_the_deadline_passing_between_render_and_submit(client, draft, address):
    page = client.get(f"/gop-y-du-thao/{draft.slug}/gui-gop-y/")
    assert 'name="content"' in page.content.decode()
    Draft.objects.filter(pk=draft.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    response = _post(client, draft, form_data(draft), address)
    assert response.status_code == 409
    assert "Đã hết thời hạn góp ý" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_window_is_read_after_the_row_lock(draft, monkeypatch):
    """The check runs on the row locked inside the transaction, not on the object the view
    loaded: an editor closing the window just before is seen."""
    from django import forms as django_forms

    from vnportal.consultations import submission
    from vnportal.consultations.forms import CommentForm

    form = CommentForm(draft=draft)
    form.cleaned_data = {
        "article": None,
        "kind": "person",
        "name": "A",
        "email": "a@example.vn",
        "content": "x",
    }
    assert isinstance(form, django_forms.Form)
    Draft.objects.filter(pk=draft.pk).update(closes_at=timezone.now())
    with pytest.raises(submission.WindowClosed):
        submission.submit(draft.pk, form, held=False)


@pytest.mark.django_db(transaction=True)
def test_a_submission_racing_the_deadline_on_postgresql(make_draft):
    """Two connections: an editor closes the window while a submission holds the draft's lock;
    the submission that got the lock first is stored, the one after is refused."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL")
    from django.db import connections, transaction

    from vnportal.consultations import submission
    from vnportal.consultations.forms import CommentForm

    draft = make_draft()
    form = CommentForm(draft=draft)
    form.cleaned_data = {"article": None, "kind": "person", "name": "A", "email": "a@example.vn", "content": "x"}
    locked, release = threading.Event(), threading.Event()
    outcome = {}

    def editor():
        locked.wait(5)
        try:
            with transaction.atomic():  # blocks on the submission's row lock
                Draft.objects.filter(pk=draft.pk).update(closes_at=timezone.now())
            outcome["editor"] = "closed"
        finally:
            connections.close_all()

    thread = threading.Thread(target=editor)
    thread.start()
    with transaction.atomic():
        Draft.objects.select_for_update().get(pk=draft.pk)
        locked.set()
        thread.join(0.5)
        assert thread.is_alive()  # the editor waits for the lock
        submission.submit(draft.pk, form, held=False)  # still open: stored
    thread.join(5)
    assert outcome["editor"] == "closed"
    with pytest.raises(submission.WindowClosed):
        submission.submit(draft.pk, form, held=False)
    assert Comment.objects.count() == 1
    release.set()
