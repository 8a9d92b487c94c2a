from wagtail import hooks


@hooks.register("vnportal_demo_content", order=95)
def index_demo_content(stdout):
    """Pages published before the search app was installed are indexed too (idempotent)."""
    from .indexer import rebuild

    rebuild(stdout)
