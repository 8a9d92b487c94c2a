import pytest
from wagtail import hooks

from vnportal.core import scheduler


@pytest.mark.django_db
def test_run_once_runs_every_job_and_survives_a_failing_one(caplog):
    ran = []

    def jobs():
        return [("boom", 1, lambda: 1 / 0), ("ok", 1, lambda: ran.append("ok"))]

    with hooks.register_temporarily("vnportal_scheduled_jobs", jobs):
        scheduler.run_once()
    assert ran == ["ok"]
    assert "Scheduled job boom failed" in caplog.text


@pytest.mark.django_db
def test_publishing_job_publishes_due_pages(make_article):
    import datetime

    from django.utils import timezone

    article = make_article("Bài hẹn giờ", publish=False)
    revision = article.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    assert not type(article).objects.get(pk=article.pk).live
    names = [name for name, _interval, _func in scheduler.registered_jobs()]
    assert "publish_scheduled" in names
    scheduler.run_once()
    article.refresh_from_db()
    assert article.live and article.live_revision_id == revision.pk
