"""Voting as a reader does it: the choices of a poll, and a POST to its vote endpoint."""


def ids(poll):
    return [c.pk for c in poll.choices.all()]


def vote(client, poll, choices, json=True, **extra):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(f"/binh-chon/{poll.pk}/vote/", {"choice": [str(c) for c in choices]}, **headers, **extra)
