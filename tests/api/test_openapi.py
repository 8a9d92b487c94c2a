"""The OpenAPI description covers every route, and real answers match its schemas."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator, FormatChecker

from vnportal.api import urls as api_urls


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name != "not_found":
            yield prefix + str(pattern.pattern)


def _as_openapi_path(route):
    """``articles/<int:pk>/`` → ``/articles/{id}/``."""
    return "/" + route.replace("<int:pk>", "{id}")


@pytest.fixture
def spec(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _validator(spec, component):
    schema = {"$ref": f"#/components/schemas/{component}", "components": spec["components"]}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_every_route_of_the_api_urlconf_is_described(spec):
    routes = {_as_openapi_path(route) for route in _routes(api_urls.urlpatterns)}
    assert routes == set(spec["paths"]), "routes and OpenAPI paths differ"
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"] == [{"url": "http://testserver/api/v1"}]
    # The project URLconf mounts it where the description says.
    assert get_resolver().resolve("/api/v1/openapi.json").url_name == "openapi"


def test_the_schemas_themselves_are_valid_json_schema(spec):
    for schema in spec["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                Draft202012Validator.check_schema(parameter["schema"])
                assert parameter["description"], (path, parameter["name"])
            for status, answer in operation["responses"].items():
                for media in answer.get("content", {}).values():
                    assert media["schema"], (path, status)


@pytest.fixture
def everything(make_section, make_article, make_document, published_answer):
    from vnportal.agency.models import Person, Unit
    from vnportal.library.models import DocumentAttachment
    from vnportal.schedule.models import Entry, Week

    parent = make_section("Kinh tế")
    child = make_section("Nông nghiệp", parent=parent)
    make_article("Tin có thẻ", parent=child, tags=["nông nghiệp"], author="Thu Hà", kicker="Sơn Hà")
    make_article("Tin không thẻ", parent=parent)
    document = make_document(effective_from=datetime.date(2020, 2, 1), signer_name="Nguyễn Văn A")
    DocumentAttachment.objects.create(document=document, title="Toàn văn", file="van-ban/2020/01/toan-van.pdf")
    make_document(number="12/QĐ-UBND", field=None)
    published_answer()
    published_answer(display_name="", unit=None, answered_at=None)
    leader = Person.objects.create(name="Trần Thị Hòa", title="Chủ tịch", is_leader=True)
    unit = Unit.objects.create(name="Văn phòng", slug="van-phong")
    week = Week.objects.create(year=2026, week=49)
    Entry.objects.create(
        week=week, date=datetime.date(2026, 11, 30), content="Họp", presiding=leader, preparing_unit=unit
    )
    Entry.objects.create(week=week, date=datetime.date(2026, 12, 1), content="Đi cơ sở", time=datetime.time(14, 0))
    week.publish()
    week.save()


@pytest.mark.django_db
def test_real_answers_match_the_described_schemas(client, spec, everything):
    checked = 0
    for path, operations in spec["paths"].items():
        operation = operations["get"]
        success = operation["responses"]["200"]["content"]["application/json"]["schema"]
        component = success.get("$ref", "").rsplit("/", 1)[-1]
        if "{id}" in path:
            listing = client.get("/api/v1" + path.split("{id}")[0]).json()
            assert listing["results"], path
            targets = ["/api/v1" + path.replace("{id}", str(item["id"])) for item in listing["results"]]
        else:
            targets = ["/api/v1" + path]
        for url in targets:
            response = client.get(url)
            assert response.status_code == 200, url
            if component:
                errors = list(_validator(spec, component).iter_errors(response.json()))
                assert not errors, (url, [error.message for error in errors[:3]])
                checked += 1
        for status in ("400", "404", "429"):
            assert status in operation["responses"] or status == "404"
    assert checked > 15
    # Errors match theirs too.
    error = client.get("/api/v1/articles/?limit=0").json()
    assert not list(_validator(spec, "Error").iter_errors(error))


@pytest.mark.django_db
def test_dates_are_iso_8601_in_vietnam_time(client, everything):
    article = client.get("/api/v1/articles/").json()["results"][0]
    assert article["published"].endswith("+07:00")
    datetime.datetime.fromisoformat(article["published"])
    entry = [e for e in client.get("/api/v1/schedule/").json()["results"] if e["start"]][0]
    assert entry["start"] == "2026-12-01T14:00:00+07:00"
