from wagtail import hooks

from .indexer import rebuild


@hooks.register("vnportal_demo_content", order=95)
def index_demo_content(stdout):
    """Pages published before the search app was installed are indexed too (idempotent)."""
    rebuild(stdout)
