from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        print("imported")  # ok: LOG001 (a management command)
