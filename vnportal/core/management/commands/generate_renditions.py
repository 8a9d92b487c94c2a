"""``vnportal manage generate_renditions``: make the image sizes the templates use, ahead of time.

New images get them when uploaded and pages when published (vnportal.core.renditions);
this command catches up the images that were there before, or after a size changed.
Running it again makes nothing twice.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from vnportal.core import renditions
from vnportal.core.models import SiteSettings

# Without a terminal (logs, cron), one progress line per this many images.
LINE_EVERY = 100


class Command(BaseCommand):
    help = _("Make the image sizes the pages use for every image that lacks them (safe to run again).")

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help=_("do not show progress"))

    def handle(self, *args, no_progress=False, **options):
        images = get_image_model().objects.order_by("pk")
        total = images.count()
        emblems = set(SiteSettings.objects.exclude(emblem=None).values_list("emblem_id", flat=True))
        made = present = 0
        failed = []
        progress = self._progress(total, quiet=no_progress or options["verbosity"] < 1)
        for index, image in enumerate(images.iterator(chunk_size=200), 1):
            names = renditions.UPLOADED + (renditions.EMBLEM if image.pk in emblems else ())
            try:
                new, old = renditions.ensure(image, names)
            except Exception as exc:  # noqa: BLE001  (one unreadable file must not stop the rest)
                failed.append(image)
                self.stderr.write(
                    _("Image %(id)s (%(title)s): %(error)s") % {"id": image.pk, "title": image.title, "error": exc}
                )
                continue
            finally:
                progress(index)
            made += new
            present += old
        progress(None)
        self.stdout.write(
            _("Renditions: %(made)d made, %(present)d already there, for %(images)d images.")
            % {"made": made, "present": present, "images": total}
        )
        if failed:
            raise CommandError(
                _("%(count)d images could not be resized (their files are missing or unreadable); the others are done.")
                % {"count": len(failed)}
            )

    def _progress(self, total, quiet):
        """A callable taking the number of images done (None at the end)."""
        if quiet or total == 0:
            return lambda done: None
        if sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(total=total, unit=_("image"), file=sys.stderr, dynamic_ncols=True)

            def update(done):
                if done is None:
                    bar.close()
                else:
                    bar.update(done - bar.n)

            return update

        def line(done):
            if done is not None and (done % LINE_EVERY == 0 or done == total):
                self.stdout.write(_("Images: %(done)d/%(total)d") % {"done": done, "total": total})

        return line
