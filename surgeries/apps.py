from django.apps import AppConfig


class SurgeriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surgeries"
    verbose_name = "Social media surgeries"

    def ready(self):
        from . import signals  # noqa: F401
