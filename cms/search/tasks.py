"""Celery tasks that write to the Whoosh index.

Used when the backend's ``INDEX_WRITES`` is ``"celery"``: ``add()``/``delete()`` then send one of
these jobs when the surrounding transaction commits, instead of writing in the web process.
Settings route ``cms.search.*`` to the ``search-index`` queue, which production runs with a
single worker, so writes are serialised there; eagerly (no broker) they run in-process and wait
for the index lock like any other write. Jobs carry primary keys, not objects, and read the
object's current state when they run, so running one twice, or late, is harmless.

Workers find these tasks only if this module is imported: Celery's autodiscovery looks for
``<app>.tasks`` of installed apps, and ``cms.search`` is not one, so the settings list it in
``CELERY_IMPORTS``.
"""

from functools import partial

from celery import shared_task
from django.apps import apps
from django.db import transaction

from cms.search.backends.whoosh import LockError, WhooshSearchBackend


def _backend(params):
    return WhooshSearchBackend({**params, "INDEX_WRITES": "direct"})


@shared_task(
    name="cms.search.tasks.index_objects",
    autoretry_for=(LockError, OSError),
    retry_backoff=True,
    max_retries=8,
)
def index_objects(backend_params, app_label, model_name, pks):
    """(Re)index the objects of the model with these primary keys, as they are now.

    Objects that no longer exist or are not in the model's ``get_indexed_objects()`` are skipped,
    as modelsearch's own ``insert_or_update_object`` does; deletions come as ``delete_objects``.
    """
    model = apps.get_model(app_label, model_name)
    objects = list(model.get_indexed_objects().filter(pk__in=pks))
    if objects:
        _backend(backend_params).get_index_for_model(model).add_items(model, objects)
    return len(objects)


@shared_task(
    name="cms.search.tasks.delete_objects",
    autoretry_for=(LockError, OSError),
    retry_backoff=True,
    max_retries=8,
)
def delete_objects(backend_params, app_label, model_name, pks):
    """Remove the documents with these primary keys from the model's index."""
    model = apps.get_model(app_label, model_name)
    _backend(backend_params).get_index_for_model(model).delete_pks(pks)
    return len(pks)


def send_index_job(backend, action, model, pks):
    """Send an index or delete job for ``pks`` of ``model`` once the transaction commits."""
    task = index_objects if action == "index" else delete_objects
    args = (backend.task_params, model._meta.app_label, model._meta.model_name, [str(pk) for pk in pks])
    delay_on_commit = getattr(task, "delay_on_commit", None)
    if delay_on_commit is not None:
        delay_on_commit(*args)
    else:
        transaction.on_commit(partial(task.delay, *args))
