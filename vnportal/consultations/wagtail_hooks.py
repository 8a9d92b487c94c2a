from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from vnportal.core.text import format_short_date

from . import admin_views, moderation, privacy, signals, window
from .demo import build
from .models import Comment, Draft
from .sitemaps import DraftSitemap

moderation.connect()


class DraftViewSet(SnippetViewSet):
    model = Draft
    icon = "doc-empty-inverse"
    menu_label = _("Drafts for comment")
    list_display = [
        "title",
        "unit",
        Column("closes_at", label=_("Comments close"), accessor=lambda d: format_short_date(d.closes_at)),
    ]
    list_filter = ["unit", "is_public"]
    search_fields = ["title", "summary"]
    ordering = ["-closes_at"]

    def get_queryset(self, request):
        return Draft.objects.for_user(request.user).select_related("unit")


class CommentsArriveFromThePublic(ModelPermissionPolicy):
    """Comments are written by the public form only: nobody adds one in the admin (its form has
    no draft or text to fill in), not even a superuser."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments inbox")
    list_display = [
        "excerpt",
        "draft",
        Column("created_at", label=_("Received"), accessor=lambda c: format_short_date(c.created_at)),
        Column("target", label=_("Commented on"), accessor=lambda c: c.target_label),
        "status",
        # A boolean column would print "False": say "Có" or nothing.
        Column("held", label=_("Without the browser check"), accessor=lambda c: gettext("Yes") if c.held else ""),
    ]
    list_filter = ["status", "held", "draft"]
    search_fields = ["content"]
    ordering = ["-created_at"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("draft", read_only=True), FieldPanel("article", read_only=True)],
            heading=_("Comment text"),
        ),
        FieldPanel("content", read_only=True),
        MultiFieldPanel(
            [
                FieldPanel("kind", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("address", read_only=True),
            ],
            heading=_("Contact details (never shown publicly)"),
        ),
        FieldPanel("status"),
    ]

    @property
    def permission_policy(self):
        return CommentsArriveFromThePublic(self.model)

    def get_queryset(self, request):
        return Comment.objects.for_user(request.user).select_related("draft", "article")


class ConsultationsGroup(SnippetViewSetGroup):
    menu_label = _("Drafts for comment")
    menu_icon = "comment"
    menu_order = 260
    items = (DraftViewSet, CommentViewSet)


register_snippet(ConsultationsGroup)


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def only_own_units(request, instance):
    """The edit and delete views, reached by URL, honour the same unit rule as the lists."""
    instances = instance if isinstance(instance, list) else [instance]
    for item in instances:
        if isinstance(item, Draft) and not Draft.objects.for_user(request.user).filter(pk=item.pk).exists():
            raise PermissionDenied
        if isinstance(item, Comment) and not Comment.objects.for_user(request.user).filter(pk=item.pk).exists():
            raise PermissionDenied


@hooks.register("register_snippet_listing_buttons")
def summary_button(snippet, user, next_url=None):
    if isinstance(snippet, Draft):
        yield ListingButton(
            gettext("Summary of comments"),
            reverse("consultations_summary", args=[snippet.pk]),
            icon_name="list-ul",
            priority=15,
        )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def reindex_draft(request, instance):
    # The draft's own post_save ran before its questions and articles were saved: index again with them.
    if isinstance(instance, Draft):
        signals.draft_saved(Draft, instance)


@hooks.register("after_edit_snippet")
def remember_moderator(request, instance):
    if isinstance(instance, Comment) and instance.moderated_at and instance.moderated_by_id != request.user.pk:
        Comment.objects.filter(pk=instance.pk).update(moderated_by=request.user)


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("gop-y-du-thao/<int:pk>/tong-hop/", admin_views.draft_summary, name="consultations_summary"),
        path("gop-y-du-thao/du-lieu-ca-nhan/", admin_views.personal_data, name="consultations_personal_data"),
    ]


@hooks.register("vnportal_demo_content", order=40)
def demo_drafts(stdout):
    build(stdout)


@hooks.register("vnportal_main_menu_items", order=16)
def drafts_menu_item():
    return gettext("Drafts for comment"), "consultations:index"


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [{"title": _("Drafts for comment"), "url": reverse("consultations:index"), "order": 25}]


@hooks.register("vnportal_scheduled_jobs")
def consultation_jobs():
    return [
        # Purge the stored list and draft pages when a comment period opens or closes.
        ("consultations_window", 60, window.purge_window_changes),
        # Erase contact details once they are no longer needed.
        ("consultations_erase", 3600, privacy.erase_due),
    ]


@hooks.register("vnportal_sitemaps")
def drafts_in_sitemap():
    return {"gop-y-du-thao": DraftSitemap}
