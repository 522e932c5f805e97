"""A fixed-window rate limit on Django's cache, for what members do on public pages.

The cache is per process by default (local memory) and shared when Redis is configured, as in
production; either way a member who presses too often is told to wait, and nothing changes.
"""

from django.core.cache import cache


class RateLimited(Exception):
    """Too many actions of one kind in the window; ``str(error)`` says so in plain words."""


def count_action(scope, key, *, limit, window_seconds, message):
    """Count one action by ``key`` (e.g. a member's id) under ``scope``; raise ``RateLimited``
    with ``message`` when this one is over ``limit`` in the current window."""
    cache_key = f"practicehub:ratelimit:{scope}:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    if count > limit:
        raise RateLimited(message)
