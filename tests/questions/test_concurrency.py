"""Two staff acting on one request at once, each on its own database connection: one wins, the
other gets the Vietnamese "someone else has just handled it" message; nothing is written twice.

Runs on SQLite (IMMEDIATE transactions serialise the writers) and on PostgreSQL when
DATABASE_URL names one (``select_for_update`` serialises them there)."""

import threading

import pytest
from django.db import connections

from vnportal.questions import handling
from vnportal.questions.models import Event, Question

pytestmark = pytest.mark.django_db(transaction=True)


def _parallel(actions):
    outcomes, lock = [], threading.Lock()
    start = threading.Barrier(len(actions))

    def run(action):
        start.wait()
        try:
            action()
            result = "ok"
        except handling.TransitionError as exc:
            result = f"refused: {exc}"
        except Exception as exc:  # anything else (a lock error, a 500) is a bug
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_staff_answering_at_once_give_one_answer(submit, unit, coordinator, unit_staff):
    from tests.support.users import staff_user

    colleague = staff_user("dongnghiep", "Cán bộ đơn vị")
    unit.staff.add(colleague)
    q = handling.assign(submit(), unit, coordinator)
    stale = [Question.objects.get(pk=q.pk) for _ in range(2)]  # both opened the page while it was assigned
    outcomes = _parallel(
        [
            lambda: handling.answer(stale[0], "<p>Trả lời của cán bộ A.</p>", unit_staff),
            lambda: handling.answer(stale[1], "<p>Trả lời của cán bộ B.</p>", colleague),
        ]
    )
    assert sorted(o.split(":")[0] for o in outcomes) == ["ok", "refused"], outcomes
    refused = next(o for o in outcomes if o.startswith("refused"))
    assert "người khác vừa xử lý" in refused
    q.refresh_from_db()
    assert q.status == Question.Status.ANSWERED
    assert q.answer in ("<p>Trả lời của cán bộ A.</p>", "<p>Trả lời của cán bộ B.</p>")
    assert Event.objects.filter(question=q, status="answered").count() == 1


def test_many_parallel_transitions_keep_one_history(submit, unit, coordinator, unit_staff):
    q = handling.answer(handling.assign(submit(), unit, coordinator), "<p>a</p>", unit_staff)
    stale = [Question.objects.get(pk=q.pk) for _ in range(8)]
    actions = [lambda s=s: handling.publish(s, unit_staff) for s in stale[:4]]
    actions += [lambda s=s: handling.close(s, unit_staff) for s in stale[4:]]
    outcomes = _parallel(actions)
    assert outcomes.count("ok") == 1 and not any(o.startswith("error") for o in outcomes), outcomes
    q.refresh_from_db()
    finished = Event.objects.filter(question=q, status__in=["published", "closed"])
    assert finished.count() == 1 and finished.get().status == q.status


def test_parallel_submissions_get_unique_codes(field):
    outcomes = _parallel(
        [
            lambda n=n: handling.submit(
                name="Người gửi",
                email=f"n{n}@example.vn",
                field=field,
                title=f"Câu hỏi {n}",
                content="Nội dung câu hỏi.",
            )
            for n in range(12)
        ]
    )
    assert outcomes == ["ok"] * 12
    assert Question.objects.count() == 12
    assert len(set(Question.objects.values_list("code", flat=True))) == 12
