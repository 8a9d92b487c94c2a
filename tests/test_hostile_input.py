"""Issue 12, point 7: bad input never gives a 500 and is never reflected unescaped.

A corpus of hostile strings goes through every public GET parameter (found with
``grep -rn "GET\\[\\|GET.get\\|request.GET" vnportal``), every public POST form, the URL path
and every request header the portal reads. Each answer must be 200, a redirect or a 4xx,
and the raw markup must never come back unescaped. Runs on SQLite and on PostgreSQL
(``DATABASE_URL=postgres://…``): a NUL byte or an over-long value fails differently there.

Failures are collected and reported together, so one run names every bad spot.
"""

import datetime
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

MARKUP = '"><script>hostile()</script><img src=x onerror=hostile()>'
# What must never come back: the tags as typed (escaped they read &lt;script&gt;).
RAW_MARKERS = (b"<script>hostile()", b"<img src=x onerror")

# (name, value as text, raw query/path form or None to percent-encode the text)
CORPUS = [
    ("paren", "(", None),
    ("quote", '"', None),
    ("apostrophe", "'", None),
    ("star", "*", None),
    ("near", "NEAR(a b", None),
    ("question", "?", None),
    ("fts-syntax", '" OR 1=1 -- {title} : ^a* AND (', None),
    ("sql", "'; DROP TABLE wagtailcore_page; --", None),
    ("backslash", "\\", None),
    ("percent", "%", None),
    ("markup", MARKUP, None),
    ("control", "a\x08b\x1b[31mc\x7f\x01", None),
    ("nul", "a\x00b", None),
    ("malformed-utf8", None, "%C3%28"),
    ("invalid-byte", None, "%FF"),
    ("overlong-utf8", None, "%C0%AF"),
    ("surrogate-escape", None, "%ED%B3%BF"),
    ("long", "a" * 10_000, None),
    ("long-words", "đảng " * 2_000, None),
    ("rtl-override", "\u202etxt.exe\u202c", None),
    ("zero-width", "a\u200bb\u200c\u200d\ufeffc", None),
    ("combining", "e" + "\u0301" * 50, None),
    ("emoji", "🇻🇳👨‍👩‍👧😀", None),
    ("number-like", "57-NQ/TW/" * 30, None),
    ("negative", "-1", None),
    ("huge-number", "9" * 40, None),
    ("float", "1e309", None),
    ("date-extreme", "9999-12-31", None),
    ("date-ancient", "0001-01-01", None),
]

# Parameters that are free text get the whole corpus; the others (numbers, choices, dates,
# page numbers) the strings that differ in kind, which keeps the run within a few minutes.
CORE = {
    "paren",
    "quote",
    "markup",
    "control",
    "nul",
    "malformed-utf8",
    "invalid-byte",
    "surrogate-escape",
    "long",
    "rtl-override",
    "emoji",
    "negative",
    "huge-number",
    "float",
    "date-extreme",
    "date-ancient",
}
FREE_TEXT = {
    *("q", "username", "password", "email", "next", "other", "r", "t", "suffix", "text", "comment", "started"),
    *("subject", "message", "title", "content", "code"),
}


def corpus_for(name):
    return CORPUS if name in FREE_TEXT else [item for item in CORPUS if item[0] in CORE]


def query_value(text, raw):
    return raw if raw is not None else quote(text, safe="")


def header_value(text, raw):
    """A header as a WSGI server hands it to Django: bytes decoded as Latin-1."""
    if raw is not None:
        return bytes.fromhex(raw.replace("%", "")).decode("latin-1")
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def form_value(text, raw):
    # Undecodable bytes cannot be put in a str form field; they are sent as raw bodies below.
    if raw is not None:
        return bytes.fromhex(raw.replace("%", "")).decode("latin-1")
    return text


class Problems:
    def __init__(self):
        self.found = []

    def check(self, label, response):
        status = response.status_code
        if not (status == 200 or status in (201, 204, 301, 302, 303, 304) or 400 <= status < 500):
            self.found.append(f"{label}: status {status}")
        body = b"" if getattr(response, "streaming", False) else response.content
        for marker in RAW_MARKERS:
            if marker in body:
                self.found.append(f"{label}: markup reflected unescaped ({marker!r})")

    def request(self, label, send):
        try:
            response = send()
        except Exception as exc:  # the test client re-raises what would have been a 500
            self.found.append(f"{label}: {type(exc).__name__}: {str(exc)[:200]}")
            return None
        self.check(label, response)
        return response

    def assert_none(self):
        assert not self.found, f"{len(self.found)} problem(s):\n" + "\n".join(self.found[:80])


@pytest.fixture
def portal(db, home, section, make_article, settings):
    """One of everything the public pages show, so every filter has real choices."""
    from tests.support.documents import make_document
    from vnportal.polls.models import Choice, Poll

    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]  # so X-Forwarded-For is parsed, not ignored
    article = make_article("Đại hội Đảng bộ tỉnh", tags=["đại hội"])
    document = make_document()
    now = timezone.now()
    poll = Poll.objects.create(
        question="Bạn thấy cổng thông tin thế nào?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        published=True,
        multiple=True,
        max_choices=2,
        results_visibility=Poll.Visibility.ALWAYS,
    )
    for order, text in enumerate(("Tốt", "Bình thường")):
        Choice.objects.create(poll=poll, text=text, sort_order=order)
    album, video = _gallery(home)
    from vnportal.questions import handling
    from vnportal.questions.models import QuestionField

    field = QuestionField.objects.create(name="Giáo dục")
    question = handling.submit(
        name="Người hỏi", email="hoi@example.vn", field=field, title="Lịch thi", content="Xin hỏi lịch thi lớp 10."
    )
    handling.publish(handling.answer(handling.assign(question, _unit(), None), "<p>Tháng 6.</p>", None), None)
    draft = _open_draft(now)
    return {
        "section": section,
        "article": article,
        "document": document,
        "poll": poll,
        "about": about_pages(home),
        "album": album,
        "video": video,
        "question": question,
        "question_field": field,
        "draft": draft,
    }


def about_pages(home):
    """Giới thiệu: the index and a page of each kind that reads records (agency)."""
    from vnportal.agency.models import AboutIndexPage, AboutPage, Person, Unit

    unit = Unit.objects.create(name="Văn phòng Tỉnh ủy", slug="van-phong")
    Person.objects.create(name="Nguyễn Hoàng Long", title="Bí thư Tỉnh ủy", unit=unit, is_leader=True)
    index = AboutIndexPage(title="Giới thiệu", slug="gioi-thieu")
    home.add_child(instance=index)
    index.save_revision().publish()
    pages = [index]
    for kind in (AboutPage.Kind.ORGANISATION, AboutPage.Kind.LEADERSHIP):
        page = AboutPage(title=str(kind.label), slug=kind.value, kind=kind)
        index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def _gallery(home):
    """Thư viện ảnh and video: an album with one photo, an uploaded video with its captions."""
    import io
    import random

    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from vnportal.gallery.demo import HERE
    from vnportal.gallery.demo.drawing import scene_png
    from vnportal.gallery.models import AlbumIndexPage, AlbumPage, AlbumPhoto, VideoIndexPage, VideoPage

    albums, videos = AlbumIndexPage(title="Thư viện ảnh"), VideoIndexPage(title="Video")
    for index in (albums, videos):
        home.add_child(instance=index)
        index.save_revision().publish()
    image = get_image_model().objects.create(
        title="Ảnh", file=ImageFile(io.BytesIO(scene_png(random.Random(1), size=(200, 150))), name="anh.png")
    )
    album = AlbumPage(title="Lễ hội đua thuyền")
    album.photos.add(AlbumPhoto(image=image, alt_text="Thuyền đua", caption="Chú thích"))
    albums.add_child(instance=album)
    album.save_revision().publish()
    video = VideoPage(title="Bình minh trên sông Hà", transcript="Lời.")
    video.video_file.save("song-ha.webm", ContentFile((HERE / "song-ha.webm").read_bytes()), save=False)
    videos.add_child(instance=video)
    video.save_revision().publish()
    return album, video


def _unit():
    from vnportal.agency.models import Unit

    return Unit.objects.create(name="Sở Giáo dục", slug="so-giao-duc")


def _open_draft(now):
    from vnportal.agency.models import Unit
    from vnportal.consultations.models import Draft, DraftArticle, DraftQuestion

    draft = Draft(
        slug="du-thao-mau",
        title="Dự thảo quy định mẫu",
        summary="Tóm tắt",
        unit=Unit.objects.create(name="Sở Tư pháp", slug="so-tu-phap"),
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    draft.articles.add(DraftArticle(label="Điều 1"))
    draft.questions.add(DraftQuestion(text="Câu hỏi?"))
    draft.save()
    return draft


def get_params(portal):
    """Every public GET endpoint with the parameters its code reads."""
    poll, document = portal["poll"], portal["document"]
    section_url = portal["section"].url
    return [
        ("/tim-kiem/", ["q", "section", "kind", "date_from", "date_to", "trang"], {"q": "đảng"}),
        ("/van-ban/", ["q", "type", "issuer", "field", "year", "status", "trang"], {"q": "nghị quyết"}),
        (f"/van-ban/{document.pk}/", ["trang"], {}),
        ("/", ["trang"], {}),
        (section_url, ["trang"], {}),
        (portal["article"].url, ["trang", "danh-gia"], {}),
        ("/danh-gia/", [], {}),
        ("/the/dai-hoi/", ["trang"], {}),
        ("/rss/", ["trang"], {}),
        (f"{section_url}rss/", ["trang"], {}),
        ("/so-do-cong/", ["trang"], {}),
        ("/lien-ket/", ["trang"], {}),
        ("/sitemap.xml", ["p"], {}),
        ("/binh-chon/", ["trang"], {}),
        (f"/binh-chon/{poll.pk}/", ["choice"], {}),
        (f"/binh-chon/{poll.pk}/khoi/", ["suffix", "choice"], {}),
        (f"/binh-chon/{poll.pk}/ket-qua.csv", [], {}),
        ("/api/polls/current/", [], {}),
        (f"/api/polls/{poll.pk}/", [], {}),
        ("/api/stats/", ["days"], {}),
        ("/api/stats/hit.gif", ["t"], {}),
        ("/thanh-vien/dang-nhap/", ["next"], {}),
        ("/thanh-vien/dang-ky/", [], {}),
        ("/thanh-vien/quen-mat-khau/", [], {}),
        ("/lien-he/", [], {}),
        ("/lien-he/da-gui/", ["cho-duyet"], {}),
        ("/lich-cong-tac/", [], {}),
        ("/lich-cong-tac/2026/50/", [], {}),
        ("/lich-cong-tac/lich.ics", [], {}),
        *((page.url, ["trang"], {}) for page in portal["about"]),
        ("/thu-vien-anh/", ["trang"], {}),
        (portal["album"].url, ["trang"], {}),
        ("/video/", ["trang"], {}),
        (portal["video"].url, ["trang"], {}),
        (f"{portal['article'].url}luu-bai/", [], {}),
        (f"/van-ban/{document.pk}/luu-bai/", [], {}),
        ("/hoi-dap/", ["linh_vuc", "trang"], {}),
        (f"/hoi-dap/{portal['question'].pk}/", ["trang"], {}),
        ("/hoi-dap/gui/", [], {}),
        ("/hoi-dap/tra-cuu/", [], {}),
        ("/gop-y-du-thao/", ["trang"], {}),
        (f"/gop-y-du-thao/{portal['draft'].slug}/", ["trang"], {}),
        (f"/gop-y-du-thao/{portal['draft'].slug}/gui-gop-y/", ["x"], {}),
        ("/atom/", ["trang"], {}),
        (f"{section_url}json/", ["trang"], {}),
        # The open-data API (docs/open-data.md): a 400 in JSON for anything malformed.
        ("/api/v1/articles/", ["limit", "offset", "from", "to", "section"], {}),
        ("/api/v1/sections/", ["parent"], {}),
        ("/api/v1/documents/", ["type", "issuer", "field", "number", "status", "from"], {}),
        ("/api/v1/answers/", ["field", "to"], {}),
        ("/api/v1/schedule/", ["leader", "from"], {}),
        (f"/api/v1/documents/{document.pk}/", [], {}),
    ]


@pytest.mark.django_db
def test_every_get_parameter_survives_the_corpus(portal, settings):
    settings.API_RATE_LIMIT = 0  # every request reaches the API's parameter checks, none is a 429
    client, problems = Client(), Problems()
    for path, names, base in get_params(portal):
        for name in names or ["x"]:
            for label, text, raw in corpus_for(name):
                params = [f"{key}={quote(value)}" for key, value in base.items() if key != name]
                params.append(f"{name}={query_value(text, raw)}")
                url = f"{path}?{'&'.join(params)}"
                problems.request(f"GET {path} {name}={label}", lambda url=url: client.get(url))
        # The parameter name itself hostile, and repeated.
        for label, text, raw in CORPUS[10:16]:
            url = f"{path}?{query_value(text, raw)}={query_value(text, raw)}&{names[0] if names else 'x'}=1&trang=2"
            problems.request(f"GET {path} name={label}", lambda url=url: client.get(url))
    problems.assert_none()


@pytest.mark.django_db
def test_hostile_url_paths_are_404_not_500(portal):
    client, problems = Client(), Problems()
    section = portal["section"].url
    for label, text, raw in corpus_for("path"):
        segment = query_value(text, raw)
        for path in (
            f"/the/{segment}/",
            f"/{segment}/",
            f"{section}{segment}/",
            f"{section}{segment}/rss/",
            f"/van-ban/{segment}/",
            f"/binh-chon/{segment}/",
            f"/lien-ket/{segment}/",
            f"/thanh-vien/xac-nhan/{segment}/{segment}/",
            f"/thanh-vien/dat-lai-mat-khau/{segment}/{segment}/",
            f"/tim-kiem/{segment}",
            f"/lien-he/{segment}/",
            f"/lich-cong-tac/{segment}/",
            f"/lich-cong-tac/{segment}/{segment}/",
            f"/lich-cong-tac/lanh-dao/{segment}/",
            f"/lich-cong-tac/lanh-dao/{segment}/lich.ics",
            f"/gioi-thieu/{segment}/",
            f"/gioi-thieu/organisation/{segment}/",
            f"/hoi-dap/{segment}/",
            f"/gop-y-du-thao/{segment}/",
            f"/gop-y-du-thao/{segment}/gui-gop-y/",
            f"/gop-y-du-thao/tep/{segment}/",
            f"/api/v1/{segment}/",
            f"/api/v1/articles/{segment}/",
        ):
            problems.request(f"GET {path[:60]} ({label})", lambda path=path: client.get(path))
    problems.assert_none()


def post_forms(portal):
    """Every public POST form: (path, the fields a real submission has, headers)."""
    from tests.support.guard import guard_data

    poll = portal["poll"]
    choice = str(poll.choices.first().pk)
    password = "mat-khau-rat-dai-2024"
    from vnportal.ratings import items

    rating = {"t": items.sign(f"p:{portal['article'].pk}"), "answer": "yes", "reason": "missing", "text": "Thiếu"}
    survey = {
        "interface": "4",
        "content": "4",
        "quality": "3",
        "support": "5",
        "comment": "Tốt",
        **guard_data("survey", solved=False),  # held, under the stricter limit the test lifts
    }
    return [
        (f"/binh-chon/{poll.pk}/vote/", {"choice": [choice], "other": "x"}, {}),
        (f"/binh-chon/{poll.pk}/vote/", {"choice": [choice], "other": "x"}, {"HTTP_ACCEPT": "application/json"}),
        ("/thanh-vien/dang-nhap/", {"username": "thanhvien", "password": password, "next": "/"}, {}),
        (
            "/thanh-vien/dang-ky/",
            {"username": "moi", "email": "moi@example.vn", "password1": password, "password2": password},
            {},
        ),
        ("/thanh-vien/quen-mat-khau/", {"email": "tv@example.vn"}, {}),
        ("/api/stats/hit", {"t": "x", "r": "https://example.vn/"}, {}),
        ("/danh-gia/y-kien/", rating, {}),
        ("/danh-gia/y-kien/", rating, {"HTTP_ACCEPT": "application/json"}),
        ("/danh-gia/", survey, {}),
        ("/lien-he/", contact_fields(), {}),
        (
            "/hoi-dap/gui/",
            {
                "kind": "question",
                "name": "Người hỏi",
                "email": "hoi@example.vn",
                "phone": "0912 345 678",
                "address": "Sơn Hà",
                "field": str(portal["question_field"].pk),
                "title": "Câu hỏi",
                "content": "Nội dung câu hỏi đủ dài.",
                "name_shown": "initials",
                "consent": "on",
                **guard_data("questions"),
            },
            {},
        ),
        ("/hoi-dap/tra-cuu/", {"code": portal["question"].code, "email": "hoi@example.vn"}, {}),
        (f"/gop-y-du-thao/{portal['draft'].slug}/gui-gop-y/", _comment_fields(portal["draft"]), {}),
    ]


def contact_fields():
    """A real Liên hệ submission without the proof of work (held), shown long enough ago."""
    from tests.support.guard import guard_data
    from vnportal.agency.models import Unit

    unit = Unit.objects.get_or_create(slug="van-phong", defaults={"name": "Văn phòng", "email": "vp@example.vn"})[0]
    return {
        "name": "Nguyễn Văn An",
        "email": "an@example.vn",
        "phone": "0912345678",
        "unit": str(unit.pk),
        "subject": "Hỏi về thủ tục",
        "message": "Nội dung thư",
        "consent": "on",
        **guard_data("contact", solved=False),
    }


def _comment_fields(draft):
    from tests.support.guard import guard_data

    question = draft.questions.first()
    return {
        "kind": "person",
        "name": "Trần Bình",
        "email": "binh@example.vn",
        "phone": "0912",
        "address": "Sơn Hà",
        "article": str(draft.articles.first().pk),
        "content": "Góp ý",
        f"answer_{question.pk}": "Trả lời",
        "consent": "on",
        **guard_data("consultation", solved=False),
    }


@pytest.mark.django_db
def test_every_post_form_survives_the_corpus(portal, django_user_model, settings):
    settings.AXES_ENABLED = True  # failed logins are recorded, as in production (a 300-char username on PG)
    settings.LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 10_000
    settings.GUARD_RATE_LIMIT = settings.GUARD_NOJS_RATE_LIMIT = 100_000  # every hostile value reaches the form
    django_user_model.objects.create_user("thanhvien", "tv@example.vn", "mat-khau-rat-dai-2024")
    problems = Problems()
    for path, fields, headers in post_forms(portal):
        for name in fields:
            for label, text, raw in corpus_for(name):
                client = Client()
                value = form_value(text, raw)
                data = dict(fields, **{name: [value] if isinstance(fields[name], list) else value})
                problems.request(
                    f"POST {path} {name}={label}",
                    lambda client=client, data=data, path=path, headers=headers: client.post(path, data, **headers),
                )
        # Raw, undecodable bodies (what a browser never sends, a script may).
        for label, _, raw in CORPUS:
            if raw is None:
                continue
            body = "&".join(f"{name}={raw}" for name in fields)
            problems.request(
                f"POST {path} raw body ({label})",
                lambda body=body, path=path, headers=headers: Client().post(
                    path, body, content_type="application/x-www-form-urlencoded", **headers
                ),
            )
    # The 300-character username (a PostgreSQL varchar overflow in the failed-login log).
    problems.request(
        "POST login 300-char username",
        lambda: Client().post("/thanh-vien/dang-nhap/", {"username": "u" * 300, "password": "x"}),
    )
    problems.assert_none()
    from vnportal.contact.models import ContactMessage

    # the hostile values reached the Liên hệ form and what it accepted was stored (held: no proof of work)
    assert ContactMessage.objects.filter(held=True).count() > 10
    from vnportal.ratings.models import SurveyResponse

    # the survey too (one answer per visitor and day: the first accepted value, held, the rest a 409)
    assert SurveyResponse.objects.filter(held=True).count() == 1


HEADERS = [
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_REFERER",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT",
    "HTTP_SEC_PURPOSE",
    "HTTP_PURPOSE",
    "HTTP_X_MOZ",
    "HTTP_HOST",
    "HTTP_ORIGIN",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_RANGE",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_AUTHORIZATION",
]
COOKIES = ["sessionid", "csrftoken", "messages", "django_language", "vnportal_polls"]


@pytest.mark.django_db
def test_every_header_and_cookie_survives_the_corpus(portal, page_cache):
    """Headers and cookie values on the pages that read them (statistics, polls, page cache, CSRF)."""
    from vnportal.polls import voting
    from vnportal.ratings import items, rating, views

    cookies = COOKIES + [voting.COOKIE_NAME, rating.COOKIE_NAME, views.SURVEY_COOKIE]
    poll = portal["poll"]
    choice = str(poll.choices.first().pk)
    targets = [
        ("get", portal["article"].url, None),
        ("get", "/tim-kiem/?q=đảng", None),
        ("get", "/api/polls/current/", None),
        ("get", portal["video"].video_file.url, None),  # /media/: the Range header
        ("post", f"/binh-chon/{poll.pk}/vote/", {"choice": [choice]}),
        ("post", "/api/stats/hit", {"t": "x"}),
        ("post", "/danh-gia/y-kien/", {"t": items.sign(f"p:{portal['article'].pk}"), "answer": "no"}),
        ("get", "/danh-gia/", None),
    ]
    problems = Problems()
    for method, path, data in targets:
        for label, text, raw in corpus_for("header"):
            value = header_value(text, raw)
            # Every header at once (Host apart: a bad one stops the request before the others are read).
            requests = [
                ("headers", {header: value for header in HEADERS if header != "HTTP_HOST"}),
                ("host", {"HTTP_HOST": value}),
                ("cookies", {"HTTP_COOKIE": "; ".join(f"{name}={value}" for name in dict.fromkeys(cookies))}),
            ]
            for what, extra in requests:
                send = getattr(Client(REMOTE_ADDR="127.0.0.1"), method)
                problems.request(
                    f"{method.upper()} {path} {what}={label}",
                    lambda send=send, path=path, data=data, extra=extra: send(path, data, **extra),
                )
    # What the statistics kept of those requests (referrers, user agents) must also reach the database.
    from vnportal.stats.stores import get_store

    try:
        get_store().flush()
    except Exception as exc:
        problems.found.append(f"statistics flush: {type(exc).__name__}: {exc}")
    problems.assert_none()
