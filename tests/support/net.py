"""Ports for the servers a test starts.

Some servers (nginx from the deploy snippets, gunicorn) are given their port on the command
line, so the test must pick one that is free. ``free_port()`` lets the kernel choose; with
``ports`` it searches a range reserved for a kind of test, so two kinds never race for the
same kernel-chosen number.
"""

import socket

import pytest


def _bindable(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port(ports=None, exclude=()):
    """A port on 127.0.0.1 that nothing listens on now: any (``ports=None``) or one of ``ports``.

    With a range and none free, the test fails: a run that cannot start its servers has
    tested nothing, and saying so is better than a quiet skip."""
    while ports is None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in exclude:
            return port
    for port in ports:
        if port not in exclude and _bindable(port):
            return port
    pytest.fail(f"no free port in {min(ports)}-{max(ports)}")
