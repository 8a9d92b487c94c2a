"""The definitions every app shares have one home in core (DESIGN.md, issue 11)."""

import threading

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from vnportal.core import memo, pagecache, paths, sitetree
from vnportal.stats import capture


class FakeTimer:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_memo_forgets_after_its_ttl_and_remembers_none():
    timer = FakeTimer()
    cache = memo.TTLMemo(maxsize=10, ttl=30, timer=timer)
    calls = []

    def compute():
        calls.append(1)
        return None

    assert cache.get_or_set("a", compute) is None
    assert cache.get_or_set("a", compute) is None and len(calls) == 1  # None is a value, not a miss
    timer.now += 29
    cache.get_or_set("a", compute)
    assert len(calls) == 1
    timer.now += 2
    cache.get_or_set("a", compute)
    assert len(calls) == 2
    cache.clear()
    cache.get_or_set("a", compute)
    assert len(calls) == 3


def test_a_memo_is_bounded_and_safe_across_threads():
    cache = memo.TTLMemo(maxsize=50, ttl=60)
    errors = []

    def work(offset):
        try:
            for n in range(2000):
                key = (n * 7 + offset) % 200
                assert cache.get_or_set(key, lambda key=key: key * 2) == key * 2
        except Exception as exc:  # a KeyError from an unlocked TTLCache would land here
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(cache._cache) <= 50


def test_one_list_of_paths_that_are_never_pages(db):
    # The URLconf mounts the admin where the list says it is.
    assert reverse("wagtailadmin_home") == paths.ADMIN_PREFIX
    for path in (
        "/quan-tri/pages/",
        "/django-admin/",
        "/api/stats/",
        "/documents/1/a.pdf",
        "/static/x.css",
        "/media/a.jpg",
    ):
        assert not paths.is_page_path(path), path
        assert not paths.may_be_shared(path), path
        assert not pagecache.shareable_request({"REQUEST_METHOD": "GET", "PATH_INFO": path}), path
    # Member pages are page views, but personal: counted, never shared.
    assert paths.is_page_path("/thanh-vien/dang-nhap/")
    assert not pagecache.shareable_request({"REQUEST_METHOD": "GET", "PATH_INFO": "/thanh-vien/dang-nhap/"})
    for path in ("/", "/tin-tuc/bai-viet/", "/binh-chon/", "/van-ban/"):
        assert paths.is_page_path(path) and pagecache.shareable_request({"REQUEST_METHOD": "GET", "PATH_INFO": path})


@pytest.mark.parametrize(
    "cache_control, shareable",
    [
        ("", False),
        ("public, max-age=0", True),
        ("max-age=60, s-maxage=60", True),
        ("max-age=60", False),
        ("public, no-cache", False),
        ("private, max-age=60", False),
        ("no-store", False),
    ],
)
def test_one_answer_to_is_this_response_shareable(cache_control, shareable):
    response = HttpResponse("x")
    if cache_control:
        response["Cache-Control"] = cache_control
    assert pagecache.shared_cacheable(response) is shareable
    # The statistics ask the same function (beacon or count at render).
    assert capture.shared_cacheable is pagecache.shared_cacheable


def test_is_public_follows_restrictions_on_the_page_and_its_ancestors(article, section):
    from wagtail.models import PageViewRestriction

    assert sitetree.is_public(article) and sitetree.is_public(section)
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert not sitetree.is_public(section) and not sitetree.is_public(article)
    assert sitetree.is_public(section.get_parent())
    # The structure cache's copy of the rule agrees.
    access = sitetree.Access({section.path: [restriction.pk]}, set())
    assert access.is_private(article.path) and access.is_private(section.path)
    assert not access.is_private(section.get_parent().path)


def test_site_ids_are_remembered_per_host(db, site, django_assert_num_queries):
    capture.forget_sites()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    first = capture.site_id_for(request)
    assert first == site.pk
    with django_assert_num_queries(0):
        assert capture.site_id_for(RequestFactory().get("/x/", HTTP_HOST="localhost")) == first
    capture.forget_sites()
