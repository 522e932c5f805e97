"""The Celery app.

With no ``CELERY_BROKER_URL`` the settings make every task run eagerly in-process, so the
site needs nothing installed; set the variable and the same tasks go to real workers.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("practicehub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
