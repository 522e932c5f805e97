from django.apps import AppConfig


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = "Practice Hub"

    def ready(self):
        from . import cache, page_queries

        cache.connect_signals()
        page_queries.install_view_restrictions()
