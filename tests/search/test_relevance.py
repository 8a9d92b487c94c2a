"""Relevance on our own Vietnamese set: every expected item in the top 5 for every query.

The set (tests/search/relevance.json) has 64 items — articles, and documents with
a number — and 50 queries written with and without diacritics, old and new tone
placement, and document numbers. Items go in through the real publishing path
(page publish / document save signals), so the indexer is tested with the ranking.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.utils import timezone

from vnportal.search.backends import search

SET = json.loads((Path(__file__).parent / "relevance.json").read_text(encoding="utf-8"))


@pytest.fixture
def relevance_set(make_article, make_document):
    ids = {}
    base = timezone.make_aware(datetime.datetime(2024, 1, 1))
    for index, item in enumerate(SET["documents"]):
        if "number" in item:
            document = make_document(
                item["number"],
                item["title"],
                doc_type="Văn bản",
                content=item["body"],
                issued_on=(base - datetime.timedelta(days=index)).date(),
            )
            ids[("document", document.pk)] = item["key"]
        else:
            article = make_article(item["title"], lead=item["body"], display_date=base - datetime.timedelta(days=index))
            ids[("article", article.pk)] = item["key"]
    return ids


def test_the_set_is_big_enough():
    queries = SET["queries"]
    assert len(SET["documents"]) >= 60 and len(queries) >= 40
    from vnportal.core.text import fold

    plain = [q for q in queries if fold(q["q"]) == q["q"].lower()]
    assert len(plain) >= 15 and len(queries) - len(plain) >= 15  # with and without diacritics


def test_every_expected_item_is_in_the_top_five(relevance_set):
    failures = []
    for query in SET["queries"]:
        top = [relevance_set.get((entry.kind, entry.object_id)) for entry in search(query["q"])[:5]]
        missing = [key for key in query["expected"] if key not in top]
        if missing:
            failures.append(f"{query['q']!r}: missing {missing}, top 5 = {top}")
    assert not failures, "\n".join(failures)


def test_whole_matches_come_before_partial_ones_and_partial_ones_are_labelled(relevance_set):
    """Cases with an "order": a phrase match, then every syllable (with its marks), then syllables that only
    match without their marks ("dài hỏi đáng bộ" for "đại hội đảng bộ"), which the search page labels."""
    cases = [query for query in SET["queries"] if "order" in query]
    assert len(cases) >= 2
    failures = []
    for query in cases:
        entries = search(query["q"])[:200]
        keys = [relevance_set.get((entry.kind, entry.object_id)) for entry in entries]
        partial = {relevance_set.get((entry.kind, entry.object_id)) for entry in entries if entry.partial}
        positions = [keys.index(key) if key in keys else None for key in query["order"]]
        if None in positions or positions != sorted(positions):
            failures.append(f"{query['q']!r}: order {query['order']} at positions {positions}")
        if not set(query["partial"]) <= partial or set(query["full"]) & partial:
            failures.append(f"{query['q']!r}: partial {sorted(k for k in partial if k)}")
        # Within a tier, every whole match is listed before the partial ones.
        for i, earlier in enumerate(entries):
            later = [e for e in entries[i + 1 :] if e.tier == earlier.tier and not e.partial]
            if earlier.partial and later:
                failures.append(f"{query['q']!r}: a whole match after the partial {keys[i]}")
                break
    assert not failures, "\n".join(failures)
