"""The OpenAPI 3.1 description of the API (``/api/v1/openapi.json``), built from the same
resources the views serve: every route, parameter and item schema. The item schemas are
closed (``additionalProperties: false``): tests/api/test_openapi.py validates real answers
against them, so a field added to an item without being described — or a private field
leaking into one — fails the test.
"""

from django.conf import settings

from .base import COMMON_PARAMETERS
from .resources import RESOURCES

VERSION = "1.0.0"
LICENCE = (
    "Dữ liệu mở: được tự do sử dụng lại, ghi rõ nguồn (địa chỉ url của từng mục). "
    "Open data: free to reuse with attribution of the source (each item's url)."
)

STRING = {"type": "string"}
TEXT = {"type": "string", "description": "Plain text (may be empty)."}
URL = {"type": "string", "format": "uri"}
DATETIME = {"type": "string", "format": "date-time", "description": "ISO 8601, local time (+07:00)."}
DATE = {"type": "string", "format": "date"}
ID = {"type": "integer", "minimum": 1}


def nullable(schema):
    return {**schema, "type": [schema["type"], "null"]}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable_ref(name):
    return {"oneOf": [ref(name), {"type": "null"}]}


def closed(properties, description=""):
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


ITEM_SCHEMAS = {
    "Named": closed({"id": ID, "name": STRING}),
    "SectionRef": closed({"id": ID, "title": STRING, "url": URL}),
    "Article": closed(
        {
            "id": ID,
            "type": {"const": "article"},
            "title": STRING,
            "kicker": TEXT,
            "summary": {**TEXT, "description": "The lead (sapo)."},
            "url": URL,
            "section": nullable_ref("SectionRef"),
            "published": {**DATETIME, "description": "The date printed on the article (ISO 8601, +07:00)."},
            "first_published_at": nullable(DATETIME),
            "updated": nullable(DATETIME),
            "author": TEXT,
            "signoff": TEXT,
            "tags": {"type": "array", "items": STRING},
            "featured": {"type": "boolean"},
            "language": STRING,
        },
        "A news article; its full text is at `url`.",
    ),
    "Section": closed(
        {
            "id": ID,
            "type": {"const": "section"},
            "title": STRING,
            "summary": TEXT,
            "url": URL,
            "parent": nullable_ref("SectionRef"),
            "updated": nullable(DATETIME),
            "feeds": closed({"rss": URL, "atom": URL, "json": URL}),
            "language": STRING,
        }
    ),
    "Attachment": closed({"title": STRING, "format": STRING, "url": URL}),
    "Document": closed(
        {
            "id": ID,
            "type": ref("Named"),
            "title": STRING,
            "number": STRING,
            "summary": {**TEXT, "description": "Trích yếu."},
            "url": URL,
            "issuer": ref("Named"),
            "field": nullable_ref("Named"),
            "signer_name": TEXT,
            "signer_title": TEXT,
            "issued_on": DATE,
            "effective_from": nullable(DATE),
            "effective_until": nullable(DATE),
            "status": {"type": "string", "enum": ["in_force", "partly_expired", "expired", "not_yet"]},
            "status_label": STRING,
            "updated": DATETIME,
            "attachments": {"type": "array", "items": ref("Attachment")},
        },
        "An official document (văn bản); attachments are downloaded from their `url`.",
    ),
    "Answer": closed(
        {
            "id": ID,
            "kind": {"type": "string", "enum": ["question", "report"]},
            "title": STRING,
            "url": URL,
            "question": TEXT,
            "answer_html": {"type": "string", "description": "The answer as HTML."},
            "asker": {
                "type": ["string", "null"],
                "description": "The name the asker allowed to publish (full, initials), or null.",
            },
            "field": ref("Named"),
            "unit": nullable_ref("Named"),
            "asked_at": DATETIME,
            "answered_at": nullable(DATETIME),
            "published": nullable(DATETIME),
        },
        "A published answer of Hỏi đáp. Contact data is never part of it.",
    ),
    "Leader": closed({"id": ID, "name": STRING, "title": STRING}),
    "ScheduleWeek": closed(
        {
            "year": {"type": "integer"},
            "week": {"type": "integer", "minimum": 1, "maximum": 53},
            "adjustment": {"type": "integer", "minimum": 0, "description": "0, or the number of the last change."},
            "adjusted_at": nullable(DATETIME),
            "url": URL,
        }
    ),
    "ScheduleEntry": closed(
        {
            "id": ID,
            "url": URL,
            "date": DATE,
            "session": {"type": "string", "enum": ["morning", "afternoon", "evening"]},
            "start": nullable(DATETIME),
            "content": STRING,
            "venue": TEXT,
            "participants": TEXT,
            "presiding": nullable_ref("Leader"),
            "preparing_unit": nullable_ref("Named"),
            "week": ref("ScheduleWeek"),
        },
        "One entry of the leaders' work schedule (a published week).",
    ),
}

ERROR = closed(
    {
        "error": {
            "type": "object",
            "properties": {
                "code": STRING,
                "message": {"type": "string", "description": "In Vietnamese."},
                "message_en": {"type": "string", "description": "In English."},
                "parameter": {"type": "string", "description": "The query parameter at fault."},
            },
            "required": ["code", "message", "message_en"],
            "additionalProperties": False,
        }
    }
)


def list_schema(item):
    return closed(
        {
            "count": {"type": "integer", "minimum": 0, "description": "Items matching, on every page."},
            "limit": {"type": "integer", "minimum": 1},
            "offset": {"type": "integer", "minimum": 0},
            "next": nullable(URL),
            "previous": nullable(URL),
            "results": {"type": "array", "items": ref(item)},
        }
    )


def _json(schema_ref, description):
    return {"description": description, "content": {"application/json": {"schema": schema_ref}}}


def _errors(*statuses):
    texts = {
        "400": "A query parameter is not valid (the error names it).",
        "404": "No such public item on this site.",
        "429": "Too many requests from this address; see Retry-After.",
    }
    return {status: _json(ref("Error"), texts[status]) for status in statuses}


NOT_MODIFIED = {"304": {"description": "Not modified (If-None-Match / If-Modified-Since)."}}


def _parameter(parameter, location="query", required=False):
    schema = dict(parameter.schema)
    if parameter.name == "limit":
        schema.update(maximum=settings.API_MAX_PAGE_SIZE, default=settings.API_PAGE_SIZE)
    return {
        "name": parameter.name,
        "in": location,
        "required": required,
        "description": parameter.description,
        "schema": schema,
    }


def document(server_url):
    schemas = dict(ITEM_SCHEMAS)
    schemas["Error"] = ERROR
    schemas["Index"] = closed(
        {
            "name": STRING,
            "version": STRING,
            "openapi": URL,
            "licence": STRING,
            "endpoints": {"type": "object", "additionalProperties": URL},
        }
    )
    paths = {
        "/": {
            "get": {
                "operationId": "index",
                "summary": "The list of endpoints.",
                "responses": {"200": _json(ref("Index"), "The endpoints."), **NOT_MODIFIED, **_errors("400", "429")},
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This description.",
                "responses": {
                    "200": _json({"type": "object"}, "OpenAPI 3.1 document."),
                    **NOT_MODIFIED,
                    **_errors("400", "429"),
                },
            }
        },
    }
    for resource in RESOURCES:
        list_name = resource.schema + "List"
        schemas[list_name] = list_schema(resource.schema)
        paths[f"/{resource.name}/"] = {
            "get": {
                "operationId": f"list_{resource.name}",
                "summary": resource.summary,
                "parameters": [_parameter(p) for p in COMMON_PARAMETERS + resource.parameters],
                "responses": {
                    "200": _json(ref(list_name), "One page of items, in a stable order."),
                    **NOT_MODIFIED,
                    **_errors("400", "429"),
                },
            }
        }
        paths[f"/{resource.name}/{{id}}/"] = {
            "get": {
                "operationId": f"get_{resource.name}",
                "summary": f"One item of {resource.name}.",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "description": "The item's id.", "schema": ID}
                ],
                "responses": {
                    "200": _json(ref(resource.schema), "The item."),
                    **NOT_MODIFIED,
                    **_errors("400", "404", "429"),
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "vnportal open data API",
            "version": VERSION,
            "description": (
                "Read-only JSON of the portal's public content: articles, sections, official documents, "
                "published answers and the work schedule. " + LICENCE
            ),
            "license": {"name": "Open data of the agency: free reuse, citing the source (see docs/open-data.md)"},
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
