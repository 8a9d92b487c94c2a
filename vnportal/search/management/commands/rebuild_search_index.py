from django.core.management.base import BaseCommand

from vnportal.search import indexer


class Command(BaseCommand):
    help = "Rebuild the search index from every live page and every document."

    def handle(self, *args, **options):
        indexer.rebuild(self.stdout)
