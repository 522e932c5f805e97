"""Fixtures of the practice app's tests. Each area defines its fixtures beside its factories
(e.g. knowledge_factories.py) and they are made available here."""

from tests.practice.knowledge_factories import barrier, clear_rate_limits, knowledge_base  # noqa: F401
