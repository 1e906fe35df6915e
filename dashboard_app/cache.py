"""The app's cache: on Redis when REDIS_URL is set, so every worker and machine shares it;
otherwise in the process.

Keys carry the version of whatever they were computed from (see services.insights), so an
entry is never wrong, only unused; an unreachable Redis makes every lookup a miss, not an error.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app
from flask_caching import Cache
from redis.exceptions import RedisError

EXTENSION_KEY = "metrics_tracker.cache"
KEY_PREFIX = "metrics-tracker:"
IN_PROCESS_ENTRIES = 500

log = logging.getLogger(__name__)


class AppCache:
    """get/set that survive the cache being down."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def get(self, key: str) -> Any:
        try:
            return self._cache.get(key)
        except RedisError as exc:
            log.warning("cache unreachable, computing instead: %s", exc)
            return None

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        try:
            return bool(self._cache.set(key, value, timeout=timeout))
        except RedisError as exc:
            log.warning("cache unreachable, result not kept: %s", exc)
            return False


def init_app(server: Flask, redis_url: str | None) -> None:
    """Bind a cache to the app: Redis if configured, else a bounded in-process one."""
    if redis_url:
        config = {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": KEY_PREFIX,
        }
    else:
        config = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": IN_PROCESS_ENTRIES}
    server.extensions[EXTENSION_KEY] = AppCache(Cache(server, config=config))


def get_cache(app: Flask | None = None) -> AppCache:
    """The app's cache."""
    return (app or current_app).extensions[EXTENSION_KEY]
