from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from vnportal.core import scheduler


class Command(BaseCommand):
    help = _("Chạy các tác vụ định kỳ (xuất bản theo lịch, thống kê …).")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help=_("Chạy mỗi tác vụ một lần rồi thoát."))

    def handle(self, *args, once=False, **options):
        if once:
            scheduler.run_once()
        else:
            scheduler.run_forever()
