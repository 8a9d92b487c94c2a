"""The anti-abuse guard of the citizen forms (core/guard.py): proof of work accepted once,
no-JavaScript submissions held under a stricter limit, honeypot, fill time, sizes, NFC,
and limits shared by every worker, in Redis or (when it fails) in the database."""

import json
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from tests.support.guard import guard_data, solve
from vnportal.core import guard, ratelimit
from vnportal.core.models import RateCounter

ROOT = Path(__file__).resolve().parents[2]


class SampleForm(guard.GuardedForm):
    guard_scope = "sample"
    name = forms.CharField(max_length=50)
    message = forms.CharField(widget=forms.Textarea)


ADDRESS = {}


@pytest.fixture(autouse=True)
def own_address():
    # A fresh address per test: with Redis the counters outlive a test's database.
    ADDRESS["now"] = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def _post(data, address=None):
    return RequestFactory().post("/gui/", data, REMOTE_ADDR=address or ADDRESS["now"])


def _submit(extra, address=None, **fields):
    data = {"name": "Nguyễn Văn An", "message": "Xin hỏi về thủ tục cấp phép.", **extra, **fields}
    request = _post(data, address)
    form = SampleForm(request.POST)
    verdict = guard.check(request, form) if form.is_valid() else None
    return form, verdict


def _errors(form):
    return " ".join(str(e) for e in form.non_field_errors())


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_a_solved_proof_of_work_is_accepted_once_and_a_replay_refused(db):
    data = guard_data("sample")
    form, verdict = _submit(data)
    assert verdict.accepted and not verdict.held and form.is_valid()
    again, replay = _submit(data)
    assert replay.refused and replay.http_status == 400
    assert "Không thể tiếp nhận" in _errors(again)


def test_a_solution_for_another_form_or_a_forged_one_is_refused(db):
    data = guard_data("sample")
    data[guard.POW] = solve("contact")  # solved, but for another form's challenge
    assert _submit(data)[1].refused
    data[guard.POW] = "eyJjaGFsbGVuZ2UiOiB7fX0="  # {"challenge": {}}
    assert _submit(data)[1].refused
    data[guard.POW] = "x" * 5000
    assert _submit(data)[1].refused


def test_without_proof_of_work_held_then_refused_beyond_the_strict_limit(db, settings):
    settings.GUARD_NOJS_RATE_LIMIT = 2
    verdicts = [_submit(guard_data("sample", solved=False))[1] for _ in range(3)]
    assert [v.status for v in verdicts] == ["held", "held", "refused"]
    assert verdicts[2].http_status == 429
    form, verdict = _submit(guard_data("sample", solved=False))
    assert "Quá nhiều" in _errors(form)
    assert 'value="Nguyễn Văn An"' in form.as_p()  # what was typed is kept
    # with the proof of work the same address may still send (the ordinary limit) …
    assert _submit(guard_data("sample"))[1].accepted
    # … and another address without it is held, not refused
    assert _submit(guard_data("sample", solved=False), address="198.51.100.4")[1].held


def test_the_ordinary_limit_stops_solved_submissions_too(db, settings):
    settings.GUARD_RATE_LIMIT = 2
    assert [_submit(guard_data("sample"))[1].status for _ in range(3)] == ["accepted", "accepted", "refused"]


def test_a_filled_honeypot_is_refused_without_saying_why(db):
    form, verdict = _submit(guard_data("sample", solved=False), website="http://spam.example")
    assert verdict is None and not form.is_valid()
    message = _errors(form)
    assert "Không thể tiếp nhận" in message and "trống" not in message and "website" not in message
    assert "Xin hỏi về thủ tục cấp phép." in form.as_p()


def test_too_fast_is_refused_in_vietnamese_keeping_the_text(db):
    form, verdict = _submit(guard_data("sample", shown_seconds_ago=1))
    assert verdict is None
    assert "quá nhanh" in _errors(form)
    html = form.as_p()
    assert "Nguyễn Văn An" in html and "Xin hỏi về thủ tục cấp phép." in html
    # the form shown again carries a fresh issue time, so waiting and sending again works
    assert guard.ISSUED in form.guard_fields()


def test_too_old_or_forged_issue_time_is_refused(db, settings):
    form, _ = _submit(guard_data("sample", shown_seconds_ago=settings.GUARD_MAX_AGE_SECONDS + 10))
    assert "quá lâu" in _errors(form)
    data = guard_data("sample")
    data[guard.ISSUED] = guard.issue_token("sample").replace(":", ";")
    form, _ = _submit(data)
    assert "Không thể tiếp nhận" in _errors(form)
    data[guard.ISSUED] = guard.issue_token("contact", now=0)  # another form's
    assert not _submit(data)[0].is_valid()


def test_sizes_nfc_and_control_characters(db, settings):
    settings.GUARD_TEXT_MAX_LENGTH = 100
    form, _ = _submit(guard_data("sample", solved=False), message="ạ" * 101)
    assert not form.is_valid() and "message" in form.errors
    assert 'maxlength="100"' in str(form["message"])
    form, _ = _submit(guard_data("sample", solved=False), message="nul\x00")
    assert "message" in form.errors  # Django's own refusal, in Vietnamese, not a 500
    decomposed = unicodedata.normalize("NFD", "Phản ánh\x08 về đường\x1b")
    form, verdict = _submit(guard_data("sample", solved=False), message=decomposed)
    assert verdict.held
    assert form.cleaned_data["message"] == "Phản ánh về đường"
    assert unicodedata.is_normalized("NFC", form.cleaned_data["message"])


def test_the_rendered_parts(db):
    html = SampleForm().guard_fields()
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html and 'name="website"' in html
    assert "Để trống ô này" in html
    assert "/static/vnportal/vendor/altcha/altcha.min.js" in html and "/static/vnportal/js/guard.js" in html
    strings = json.loads(html.split('id="guard-strings" type="application/json">', 1)[1].split("</script>", 1)[0])
    assert strings["verified"] == "Đã kiểm tra: bạn có thể gửi biểu mẫu"  # the widget's words, from our catalogue
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    challenge = html.split('challenge="', 1)[1].split('"', 1)[0]
    assert "scope" in challenge.replace("&quot;", '"')


def test_redis_down_counts_and_remembers_in_the_database(db, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.GUARD_NOJS_RATE_LIMIT = 1
    address = ADDRESS["now"]

    class Down:
        def __getattr__(self, name):
            raise ConnectionError("Redis is down")

    monkeypatch.setattr(ratelimit, "cache", Down())
    data = guard_data("sample")
    assert _submit(data)[1].accepted
    assert _submit(data)[1].refused  # the replay is known to the database
    assert [_submit(guard_data("sample", solved=False), address=address)[1].status for _ in range(2)] == [
        "held",
        "refused",
    ]
    assert RateCounter.objects.filter(key__startswith="once:").count() == 1


def test_first_use_is_atomic_and_expires(db):
    token = f"token-{random.random()}"
    assert ratelimit.first_use(token, 60)
    assert not ratelimit.first_use(token, 60)
    assert ratelimit.first_use(token + "b", 60)


WORKER = """
import collections, json, sys, time
import django
django.setup()
from django import forms
from django.test import RequestFactory
from vnportal.core import guard

class SampleForm(guard.GuardedForm):
    guard_scope = "sample"
    message = forms.CharField()

codes = collections.Counter()
for n in range(int(sys.argv[1])):
    data = {"message": f"Gop y {n}", guard.ISSUED: guard.issue_token("sample", now=time.time() - 60)}
    request = RequestFactory().post("/gui/", data, REMOTE_ADDR=sys.argv[2], HTTP_USER_AGENT=f"ua {n}")
    form = SampleForm(request.POST)
    assert form.is_valid(), form.errors
    codes[guard.check(request, form).status] += 1
print(json.dumps(codes))
"""


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_processes_share_one_limit():
    """Two interpreters (as two gunicorn workers are) sending from one address at once."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.base",
        "DATABASE_URL": _database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        "VNPORTAL_DATA_DIR": str(settings.DATA_DIR),
        "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
        "GUARD_NOJS_RATE_LIMIT": "12",
        "GUARD_RATE_LIMIT": "100",
        "STATS_ENABLED": "0",
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, "10", ADDRESS["now"]],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=150)
        assert worker.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    # counted per process each would have held all 10
    assert (sum(r.get("held", 0) for r in results), sum(r.get("refused", 0) for r in results)) == (12, 8), results
