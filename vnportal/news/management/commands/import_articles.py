"""``vnportal import FILE``: articles from an old portal (JSON Lines or WordPress WXR)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from vnportal.news.importing import sources
from vnportal.news.importing.importer import Importer


class ImportRefused(CommandError):
    """Something in the file was refused: the rest is imported, but the exit status says so (2)."""

    def __init__(self, message):
        super().__init__(message, returncode=2)


class Command(BaseCommand):
    help = _("Import articles from a JSON Lines file (docs/import.md) or a WordPress WXR export.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--format",
            choices=["auto", "jsonl", "wxr"],
            default="auto",
            help=_("file format (default: guessed from the content)"),
        )
        parser.add_argument(
            "--images-dir", help=_("folder that relative image paths start from (default: the file's folder)")
        )
        parser.add_argument(
            "--visits-offset",
            type=int,
            default=None,
            help=_("also set the all-time visits carried over from the old portal"),
        )
        parser.add_argument("--no-progress", action="store_true", help=_("do not show a progress bar"))
        parser.add_argument(
            "--max-line-mb",
            type=int,
            default=sources.DEFAULT_MAX_LINE_BYTES // (1024 * 1024),
            help=_("JSON Lines: refuse a line longer than this many megabytes, without reading it (default: 8)"),
        )

    def handle(
        self, file, format="auto", images_dir=None, visits_offset=None, no_progress=False, max_line_mb=None, **options
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        if visits_offset is not None and visits_offset < 0:
            raise CommandError(_("The visits offset must be a whole number ≥ 0."))
        if max_line_mb is None:
            max_line_mb = sources.DEFAULT_MAX_LINE_BYTES // (1024 * 1024)
        if max_line_mb < 1:
            raise CommandError(_("The longest line must be at least 1 megabyte."))
        max_line = max_line_mb * 1024 * 1024
        kind = self._format(path) if format == "auto" else format
        if kind == "wxr":
            items, total, label = sources.wxr_items(path), None, _("Post %s")
        else:
            items, total, label = sources.read_jsonl(path, max_line), sources.count_lines(path, max_line), _("Line %s")

        importer = Importer(images_dir or path.parent)
        progress = self._progress(items, total, disable=no_progress)
        report = importer.run(progress, label)
        if hasattr(progress, "close"):
            progress.close()

        for place, message in report.errors:
            self.stderr.write(f"{place}: {message}")
        for place, message in report.warnings:
            self.stderr.write(f"{place}: {message}")
        self.stdout.write(
            _("Imported: %(created)d new, %(updated)d updated, %(skipped)d skipped.")
            % {"created": report.created, "updated": report.updated, "skipped": report.skipped}
        )
        if visits_offset is not None:
            from django.core.management import call_command

            call_command("set_visits_offset", str(visits_offset), stdout=self.stdout)
        if report.skipped:
            # Scripts and cron jobs must see that the import was not complete.
            raise ImportRefused(_("%(skipped)d item(s) refused: see the messages above.") % {"skipped": report.skipped})
        return None

    @staticmethod
    def _format(path):
        if path.suffix.lower() in (".xml", ".wxr"):
            return "wxr"
        with open(path, "rb") as handle:
            start = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
        return "wxr" if start.startswith(b"<") else "jsonl"

    @staticmethod
    def _progress(items, total, disable):
        from tqdm import tqdm

        # On a terminal, long imports show a bar on stderr; in logs and tests it stays quiet.
        return tqdm(
            items,
            total=total,
            unit=_("article"),
            file=sys.stderr,
            disable=disable or not sys.stderr.isatty(),
            dynamic_ncols=True,
        )
