"""Filling the anti-abuse guard's parts of a citizen form the way a browser does (core/guard.py).

``guard_data(scope)`` gives the hidden values of a form shown long enough ago and, unless
``solved=False`` (a browser without JavaScript), a solved proof of work: the ``altcha``
library solves its own challenge, as the widget does in the browser.
"""

import time

import altcha
from django.conf import settings

from vnportal.core import guard


def solve(scope):
    challenge = altcha.Challenge.from_dict(guard.new_challenge(scope))
    solution = altcha.solve_challenge(challenge, timeout=30)
    assert solution is not None, "the test solver found no solution"
    return altcha.Payload(challenge, solution).to_base64()


def guard_data(scope, solved=True, shown_seconds_ago=None):
    ago = settings.GUARD_MIN_FILL_SECONDS + 1 if shown_seconds_ago is None else shown_seconds_ago
    data = {guard.ISSUED: guard.issue_token(scope, now=time.time() - ago), guard.HONEYPOT: ""}
    if solved:
        data[guard.POW] = solve(scope)
    return data
