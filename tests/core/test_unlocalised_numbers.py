"""Numbers written for machines (SVG geometry, CSS widths, data attributes, JSON) are never localised.

Rendered with LANGUAGE_CODE "vi", Django prints 19.2 as "19,2": an SVG or CSS value with a comma is invalid,
and the chart or bar silently disappears (issue 13).
"""

import datetime
import json
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from vnportal.stats import reports

# A decimal comma inside an attribute value or a style: x="0,0", width: 19,2%, data-max="1,5".
LOCALISED = re.compile(r'(?:="[^"]*\d,\d[^"]*")|(?::\s*\d+,\d+\s*%?)')


def _series():
    start = datetime.date(2026, 11, 1)
    return [
        {"day": start + datetime.timedelta(days=i), "visits": v, "pageviews": v * 3, "bot_hits": 0, "excluded": 0}
        for i, v in enumerate([0, 7, 19, 2, 0, 13, 5])
    ]


def test_the_bar_chart_writes_dot_decimals(settings):
    settings.LANGUAGE_CODE = "vi"
    chart = reports.chart(_series(), "visits", width=720, height=160)
    assert any(isinstance(bar["w"], float) and bar["w"] != int(bar["w"]) for bar in chart["bars"])  # fractions
    with translation.override("vi"):
        svg = render_to_string("stats/includes/bar_chart.html", {"chart": chart})
    geometry = re.findall(r"<rect ([^>]*)>", svg)
    assert geometry and not any(LOCALISED.search("=" + attrs.split("=", 1)[1]) for attrs in geometry), geometry[:2]
    assert 'width="82.29"' in svg  # 720 / 7 * 0.8, with a dot
    assert not LOCALISED.search(svg.split("<title>")[0].split("aria-label")[0])


@pytest.mark.django_db
def test_poll_results_write_dot_decimals_in_css_and_json(client, settings):
    from vnportal.polls.models import Ballot, BallotChoice, Choice, Poll

    settings.LANGUAGE_CODE = "vi"
    now = datetime.datetime.now(datetime.UTC)
    poll = Poll.objects.create(
        question="Câu hỏi?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        published=True,
        is_current=True,
        results_visibility=Poll.Visibility.ALWAYS,
    )
    choices = [Choice.objects.create(poll=poll, text=t, sort_order=i) for i, t in enumerate("ABC")]
    for index, choice in enumerate([0, 0, 1]):
        ballot = Ballot.objects.create(poll=poll, voter=f"g:{index}")
        BallotChoice.objects.create(ballot=ballot, choice=choices[choice])
    html = client.get(f"/binh-chon/{poll.pk}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    styles = re.findall(r'style="([^"]*)"', html)
    assert any("66.7%" in style for style in styles), styles  # 2 of 3, with a dot
    assert not any(LOCALISED.search(": " + style.split(":", 1)[1]) for style in styles if ":" in style)
    data = re.findall(r'data-[a-z-]+="([^"]*)"', html)
    assert not any(re.search(r"\d,\d", value) for value in data), data
    payload = client.get(f"/api/polls/{poll.pk}/").content.decode()
    json.loads(payload)
    assert not re.search(r"\d,\d", payload)
