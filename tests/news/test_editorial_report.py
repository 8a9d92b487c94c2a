"""Báo cáo biên tập (issue 13, point 11): the figures are what the workflow did."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import TaskState

from tests.support.documents import make_document
from vnportal.news.editorial import local_text
from vnportal.news.models import ArticlePage
from vnportal.stats.models import DailyPageCount

from .test_workflow import _draft, newsroom  # noqa: F401  (the shared newsroom fixture)

pytestmark = pytest.mark.django_db
URL = "/quan-tri/bao-cao/bien-tap/"


@pytest.fixture
def reviewed(newsroom, site):  # noqa: F811
    """An article written by the reporter, approved by the section editor, then by the leader."""
    reporter, editor, leader = newsroom["reporter"], newsroom["editor"], newsroom["leader"]
    reporter.first_name = "Nguyễn Văn An"
    reporter.save()
    draft = _draft(newsroom["economy"], reporter, title='=HYPERLINK("http://x") Hội nghị Tỉnh ủy')
    draft.imported_views, draft.author = 40, "Minh Anh"
    draft.save_revision(user=reporter)
    draft.get_workflow().start(draft, reporter)
    draft = ArticlePage.objects.get(pk=draft.pk)
    draft.current_workflow_task.on_action(draft.current_workflow_task_state, editor, "approve")
    draft = ArticlePage.objects.get(pk=draft.pk)
    draft.current_workflow_task.on_action(draft.current_workflow_task_state, leader, "approve")
    article = ArticlePage.objects.get(pk=draft.pk)
    assert article.live
    DailyPageCount.objects.create(page_id=article.pk, site_id=site.pk, day=timezone.localdate(), views=7, hits=9)
    document = make_document(number="42/2022/NĐ-CP", issued_on=timezone.localdate() - datetime.timedelta(days=12))
    log(instance=document, action="wagtail.create", user=editor)
    return {"article": article, "document": document, **newsroom}


def _range(**extra):
    today = timezone.localdate().strftime("%d/%m/%Y")
    return {"start": today, "end": today, **extra}


def test_report_figures_match_the_workflow(client, reviewed):
    article, leader = reviewed["article"], reviewed["leader"]
    client.force_login(leader)
    response = client.get(URL, _range())
    assert response.status_code == 200
    rows = {row["kind"]: row for row in response.context["rows"]}
    row = rows["Bài viết"]
    states = TaskState.objects.filter(workflow_state__object_id=str(article.pk)).order_by("finished_at")
    assert [s.finished_by for s in states] == [reviewed["editor"], leader]
    assert row["author"] == "Nguyễn Văn An (Minh Anh)"
    assert row["approver"] == "lanhdao"
    assert row["submitted"] == local_text(states.first().workflow_state.created_at)
    assert row["approved"] == local_text(states.last().finished_at)
    assert row["published"] == local_text(article.first_published_at)
    assert row["created"] == local_text(article.revisions.order_by("created_at").first().created_at)
    assert row["views"] == 47
    doc = rows["Văn bản"]
    assert doc["author"] == "bientap" and doc["days_to_post"] == 12
    html = response.content.decode()
    assert "Báo cáo biên tập" in html and "Tải CSV" in html


def test_csv_and_xlsx_exports_are_neutralised(client, reviewed):
    from openpyxl import load_workbook

    client.force_login(reviewed["leader"])
    response = client.get(URL, _range(export="csv"))
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:3] == ["Loại", "Tiêu đề / trích yếu", "Người viết"]
    titles = [row[1] for row in table[1:]]
    assert '\'=HYPERLINK("http://x") Hội nghị Tỉnh ủy' in titles
    assert any(title.startswith("42/2022/NĐ-CP") for title in titles)
    workbook = load_workbook(io.BytesIO(client.get(URL, _range(export="xlsx")).content))
    values = list(workbook.active.iter_rows(values_only=True))
    assert values[0][0] == "Loại" and len(values) == 3
    assert all(not str(cell).startswith("=") for row in values for cell in row if cell is not None)


def test_bad_dates_get_a_vietnamese_error_and_keep_what_was_typed(client, reviewed):
    client.force_login(reviewed["leader"])
    response = client.get(URL, {"start": "31/02/2026", "end": "hôm qua"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập ngày theo dạng dd/mm/yyyy" in html
    assert 'value="31/02/2026"' in html and 'value="hôm qua"' in html
    reversed_range = client.get(URL, {"start": "05/01/2026", "end": "01/01/2026"}).content.decode()
    assert "Ngày bắt đầu sau ngày kết thúc" in reversed_range


def test_reporters_cannot_see_the_report(client, reviewed):
    client.force_login(reviewed["reporter"])
    assert client.get(URL, _range()).status_code in (302, 403)
    assert client.get(URL, _range(export="csv")).get("Content-Type", "").startswith("text/csv") is False
