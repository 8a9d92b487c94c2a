"""The statistics dashboard's charts draw in Chromium (issue 13): in Vietnamese, 19.2 printed as "19,2" made
every bar invisible, and no test had looked."""

import datetime

import pytest

from vnportal.stats import clock
from vnportal.stats.models import DailySiteCount, Metric

pytestmark = pytest.mark.django_db(transaction=True)

VISITS = {1: 7, 3: 19, 4: 2, 10: 13}  # days ago → visits (the other days have none)


def test_the_dashboard_chart_has_visible_bars_for_days_with_visits(live_server, browser_page, admin_user, site):
    today = clock.local_date()
    for ago, n in VISITS.items():
        day = today - datetime.timedelta(days=ago)
        DailySiteCount.objects.create(site_id=site.pk, day=day, metric=Metric.VISITS, count=n)
        DailySiteCount.objects.create(site_id=site.pk, day=day, metric=Metric.PAGEVIEWS, count=n * 3)
    admin_user.set_password("mat-khau-kiem-thu-123")
    admin_user.save()
    page = browser_page
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "mat-khau-kiem-thu-123")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/quan-tri/")
    page.goto(live_server.url + "/quan-tri/thong-ke/?days=30")
    charts = page.locator("svg.bar-chart")
    assert charts.count() == 2
    for index in range(2):
        chart = charts.nth(index)
        assert chart.is_visible()
        bars = chart.locator("rect")
        assert bars.count() == 30
        drawn = {}
        for i in range(30):
            box = bars.nth(i).bounding_box()
            title = bars.nth(i).locator("title").text_content()
            drawn[title.split(":")[0]] = box
        for ago in VISITS:
            label = (today - datetime.timedelta(days=ago)).strftime("%d/%m/%Y")
            box = drawn[label]
            # A bar you can see: some pixels wide and high, inside the chart.
            assert box is not None and box["width"] >= 5 and box["height"] >= 3, (label, box)
        # Bars are as tall as their figures: the 19-visit day is the tallest, the 2-visit day the shortest.
        heights = {ago: drawn[(today - datetime.timedelta(days=ago)).strftime("%d/%m/%Y")]["height"] for ago in VISITS}
        assert heights[3] > heights[10] > heights[1] > heights[4] > 0
        empty_day = (today - datetime.timedelta(days=2)).strftime("%d/%m/%Y")
        assert drawn[empty_day]["height"] < 1
