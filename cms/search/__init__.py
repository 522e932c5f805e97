"""Site search: the Whoosh backend for modelsearch (``cms.search.backends.whoosh``) and its
Celery tasks (``cms.search.tasks``). Every Whoosh import in the project lives in this package."""
