"""Go-live and expiry through the scheduler's jobs, with a clock the test controls (acceptance 2)."""

import datetime
import re

import pytest
from django.utils import timezone

from vnportal.core import scheduler
from vnportal.news.models import ArticlePage

START = timezone.make_aware(datetime.datetime(2025, 6, 1, 8, 0))


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(START)
    monkeypatch.setattr(timezone, "now", clock)
    # The scheduler closes stale connections around each job (right for a long-running
    # worker); inside a test's transaction that would close the test's own PostgreSQL
    # connection, so it is a no-op here. Everything else runs as in production.
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)
    return clock


def _reload(page):
    return ArticlePage.objects.get(pk=page.pk)


def test_publishing_job_is_registered_every_minute():
    jobs = {name: interval for name, interval, _ in scheduler.registered_jobs()}
    assert jobs.get("publish_scheduled") == 60


@pytest.mark.django_db
def test_scheduled_article_goes_live_on_the_first_run_after_its_time(clock, make_article):
    article = make_article("Tin hẹn giờ", publish=False)
    article.go_live_at = START + datetime.timedelta(minutes=30)
    article.save_revision().publish()  # with a future go_live_at this schedules instead of publishing
    article = _reload(article)
    assert not article.live
    assert article.scheduled_revision is not None

    clock.advance(minutes=29)
    scheduler.run_once()
    assert not _reload(article).live

    clock.advance(minutes=1, seconds=30)  # the next tick after 08:30 — within a minute
    scheduler.run_once()
    article = _reload(article)
    assert article.live
    assert article.first_published_at == clock.now


@pytest.mark.django_db
def test_expired_article_is_unpublished_and_kept(clock, client, make_article):
    article = make_article("Tin có hạn")
    article.expire_at = START + datetime.timedelta(hours=2)
    article.save_revision().publish()
    assert client.get(article.url).status_code == 200

    clock.advance(hours=1, minutes=59)
    scheduler.run_once()
    assert _reload(article).live

    clock.advance(minutes=1, seconds=1)  # the first tick after 10:00
    scheduler.run_once()
    article = _reload(article)
    assert not article.live and article.expired
    assert ArticlePage.objects.filter(pk=article.pk).exists(), "expired articles are kept"
    assert article.revisions.exists()
    assert client.get(article.url).status_code == 404

    # Running the job again changes nothing (jobs must be safe to repeat).
    scheduler.run_once()
    assert ArticlePage.objects.filter(pk=article.pk, live=False).exists()


@pytest.mark.django_db
def test_worker_once_runs_the_jobs(clock, make_article):
    from django.core.management import call_command

    article = make_article("Tin chạy bằng worker", publish=False)
    article.go_live_at = START + datetime.timedelta(minutes=5)
    article.save_revision().publish()
    clock.advance(minutes=6)
    call_command("worker", once=True)
    assert _reload(article).live


@pytest.mark.django_db
def test_revisions_compare_and_revert(admin_client, make_article):
    article = make_article("Bản đầu")
    first = article.latest_revision
    article.title = "Bản sửa"
    second = article.save_revision()
    second.publish()
    response = admin_client.get(f"/quan-tri/pages/{article.pk}/revisions/compare/{first.pk}...{second.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    # The title diff is word by word: the old word marked deleted, the new one added.
    assert re.search(r'class="deletion">\s*đầu', html) and re.search(r'class="addition">\s*sửa', html)
    # Revert: open the old revision in the editor, then publish it again.
    response = admin_client.get(f"/quan-tri/pages/{article.pk}/revisions/{first.pk}/revert/")
    assert response.status_code == 200
    first.publish()
    assert _reload(article).title == "Bản đầu"


@pytest.mark.django_db
def test_edit_lock_blocks_other_editors(client, make_article, django_user_model):
    from django.contrib.auth.models import Group

    article = make_article("Bài bị khóa")
    leaders = Group.objects.get(name="Lãnh đạo duyệt")
    first = django_user_model.objects.create_user("a", "a@example.vn", "x")
    second = django_user_model.objects.create_user("b", "b@example.vn", "x")
    first.groups.add(leaders)
    second.groups.add(leaders)
    client.force_login(first)
    client.post(f"/quan-tri/pages/{article.pk}/lock/")
    article = _reload(article)
    assert article.locked and article.locked_by == first
    assert article.get_lock().for_user(second)
    assert not article.get_lock().for_user(first)


def test_deploy_units_run_the_worker():
    import configparser
    from pathlib import Path

    deploy = Path(__file__).resolve().parents[2] / "deploy"

    def unit(name):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(deploy / name, encoding="utf-8")
        return parser

    worker = unit("vnportal-worker.service")
    assert worker["Service"]["ExecStart"].endswith("vnportal worker")
    assert worker["Service"]["Restart"] == "always"
    oneshot = unit("vnportal-jobs.service")
    assert oneshot["Service"]["Type"] == "oneshot"
    assert oneshot["Service"]["ExecStart"].endswith("vnportal worker --once")
    timer = unit("vnportal-jobs.timer")
    assert timer["Timer"]["OnUnitActiveSec"] == "1min"
