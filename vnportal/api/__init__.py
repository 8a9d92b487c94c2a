"""The open-data API (``/api/v1/``): read-only JSON of what the portal already publishes.

Articles, sections, official documents (văn bản), published answers of Hỏi đáp and the
leaders' work schedule, each item with its absolute public URL, paginated, filterable,
cached, rate-limited and described by OpenAPI (``/api/v1/openapi.json``). docs/open-data.md
is the reader's guide.

Why a small set of plain Django views and not Wagtail's API v2 (``wagtail.api.v2``, on
Django REST framework): three of the five collections are not pages (documents, answers,
schedule entries), so API v2 would cover only two and we would write DRF viewsets for
the rest anyway; its pages endpoint exposes generic query parameters (``type``, ``fields``,
``child_of``, ``search``…) whose every combination we would have to prove leaks nothing;
its errors are English-only ``{"message"}`` bodies and its pagination has no next/previous
links; and the parts this API must get exactly right — which items are public (live,
unexpired, no view restriction on the page or an ancestor, on the request's site), the
generation-keyed cache with ETag/Last-Modified, the per-address limit, the 400 for every
malformed parameter, the constant number of queries — would be overrides of its internals
rather than a few readable functions. Here each collection is one ``Resource``
(pages.py, records.py) that says what is public, which filters it accepts and what an
item looks like; views.py does everything else once; openapi.py describes the same
resources, so the description cannot drift from the code.

Layer: the top one (DESIGN.md). It reads the content apps; nothing imports it.
"""
