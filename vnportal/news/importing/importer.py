"""Write checked records as articles: sections on demand, idempotent, one transaction per article."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Site

from vnportal.core.text import fold, slugify

from ..models import ArticlePage, SectionPage
from .html import html_to_blocks, plain_text
from .images import ImageLoader, ImageUnavailable
from .sources import InvalidItem

LEAD_WORDS = 60


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)  # (where, message)
    warnings: list = field(default_factory=list)  # (where, message)


class Importer:
    def __init__(self, base_dir, fetcher=None, site=None):
        self.site = site or Site.objects.get(is_default_site=True)
        self.home = self.site.root_page.specific
        self.images = ImageLoader(base_dir, fetcher=fetcher)
        self.sections = {}
        self.report = Report()

    def run(self, items, where_label):
        """``items``: iterable of ``(where, record | InvalidItem)``; ``where_label`` e.g. "Dòng %s"."""
        for where, item in items:
            place = where_label % where if where != "" else _("Whole file")
            if isinstance(item, InvalidItem):
                self.report.skipped += 1
                self.report.errors.append((place, str(item)))
                continue
            try:
                with transaction.atomic():
                    self.import_record(item, place)
            except (InvalidItem, ValidationError) as exc:
                # The article's transaction was rolled back, sections it created included.
                self.sections.clear()
                self.report.skipped += 1
                message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.report.errors.append((place, message))
        return self.report

    # --- one article -------------------------------------------------------------------

    def import_record(self, record, place):
        section = self.section_for(record["section"])
        slug = slugify(record["slug"] or record["title"])[:255]
        if not slug:
            raise InvalidItem(_("the title gives an empty address (slug)"))
        key = f"id:{record['source_id']}" if record["source_id"] else f"slug:{slug}"
        existing = (
            ArticlePage.objects.filter(import_key=key).first()
            or ArticlePage.objects.child_of(section).filter(slug=slug).first()
        )
        if existing is not None:
            # Re-running an import never duplicates nor rewrites edited articles;
            # only the carried-over view count follows the file.
            changed = existing.imported_views != record["views"] or existing.import_key != key
            if changed:
                ArticlePage.objects.filter(pk=existing.pk).update(imported_views=record["views"], import_key=key)
                self.report.updated += 1
            return existing
        body, hero, caption = self._body(record, place)
        lead = record["lead"] or _first_words(plain_text(record["body_html"]), LEAD_WORDS)
        article = ArticlePage(
            title=record["title"],
            slug=slug,
            lead=plain_text(lead) if "<" in lead else lead,
            body=body,
            signoff=record["signoff"][:100],
            author=record["author"][:255],
            display_date=record["published_at"],
            imported_views=record["views"],
            import_key=key,
            hero_image=hero,
            hero_caption=caption[:500],
        )
        section.add_child(instance=article)
        if record["tags"]:
            article.tags.add(*[tag[:100] for tag in record["tags"]])
        revision = article.save_revision(clean=False, log_action=False)
        revision.publish(log_action=False)
        # The article was published long ago on the old portal: say so.
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=record["published_at"], last_published_at=record["published_at"]
        )
        self.report.created += 1
        return article

    def _body(self, record, place):
        blocks, hero, caption = [], None, ""
        sources = list(record["images"])
        for source in sources:
            image = self._image(source, record["title"], place)
            if image is None:
                continue
            if hero is None:
                hero, caption = image, record["title"]
            else:
                blocks.append(("image", {"image": image, "caption": "", "credit": ""}))
        for kind, value in html_to_blocks(record["body_html"]):
            if kind == "paragraph":
                blocks.append(("paragraph", value))
            elif kind == "image":
                image = self._image(value["src"], value["caption"] or record["title"], place)
                if image is not None:
                    blocks.append(("image", {"image": image, "caption": value["caption"], "credit": ""}))
            elif kind == "table" and value["rows"]:
                blocks.append(
                    (
                        "table",
                        {
                            "caption": value["caption"],
                            "table": {
                                "data": value["rows"],
                                "first_row_is_table_header": value["header"],
                                "first_col_is_header": False,
                                "table_caption": "",
                            },
                        },
                    )
                )
        return blocks, hero, caption

    def _image(self, source, title, place):
        try:
            return self.images.load(source, title)
        except ImageUnavailable as exc:
            self.report.warnings.append(
                (place, _("image %(source)s skipped: %(reason)s") % {"source": source, "reason": exc})
            )
            return None

    # --- sections ----------------------------------------------------------------------

    def section_for(self, path):
        """ "Tin tức/Hoạt động" → that section under the home page, created (published) if missing."""
        parts = [part.strip() for part in path.replace("\\", "/").split("/") if part.strip()]
        if not parts:
            raise InvalidItem(_("“section” is missing or empty"))
        parent = self.home
        for depth, title in enumerate(parts):
            cache_key = (parent.pk, fold(title))
            section = self.sections.get(cache_key)
            if section is None:
                section = self._find_child_section(parent, title)
                if section is None:
                    section = SectionPage(title=title, slug=slugify(title), show_in_menus=(depth == 0))
                    parent.add_child(instance=section)
                    section.save_revision(log_action=False).publish(log_action=False)
                self.sections[cache_key] = section
            parent = section
        return parent

    def _find_child_section(self, parent, title):
        wanted_slug, wanted = slugify(title), fold(title)
        for child in SectionPage.objects.child_of(parent):
            if child.slug == wanted_slug or fold(child.title) == wanted:
                return child
        return None


def _first_words(text, count):
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
