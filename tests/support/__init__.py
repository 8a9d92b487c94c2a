"""Helpers shared by the tests of every app: one definition each, imported, never copied.

- ``net``: free ports for servers the tests start (gunicorn, nginx, redis-server).
- ``stores``: the configured statistics counter store, installed for one test.
- ``users``: staff users in their groups.
- ``documents``, ``polls``: a library document with its files; voting as a reader does.
- ``stats``: the statistics clock, browser user agents and the counts read back.
"""
