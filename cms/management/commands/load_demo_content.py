"""Build a believable demo site. Safe to run again: what exists is left as it is."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo_content import DEMO_PASSWORD, credentials

PROJECT_APPS = ("cms", "practice", "surgeries")


class Command(BaseCommand):
    help = "Create the demo page tree, content and one user for each role. Idempotent."

    def handle(self, *args, **options):
        self.stdout.write("Loading demo content…")
        for app_config in apps.get_app_configs():
            if app_config.name not in PROJECT_APPS:
                continue
            try:
                module = import_module(f"{app_config.name}.demo_content")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.demo_content":
                    raise
                continue
            with transaction.atomic():
                module.load(self)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        self.stdout.write("")
        self.stdout.write("Sign in at http://127.0.0.1:8000/admin/ (editors) or /accounts/login/ (members):")
        for username, role in credentials():
            self.stdout.write(f"  {role:<12} {username}@practicehub.localhost   password: {DEMO_PASSWORD}")
