"""modelsearch backends owned by the project (load by module path, e.g. ``cms.search.backends.whoosh``)."""
