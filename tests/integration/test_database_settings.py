"""The database and cache settings the project sets itself (docs/scaling.md)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from cymuned.settings import cache_from_url


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL connection option")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_cache_url_chooses_the_shared_cache():
    assert cache_from_url("file:///srv/cymuned/cache") == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/srv/cymuned/cache",
    }
    assert cache_from_url("db://cymuned_cache")["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache_from_url("redis://cache:6379/0") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache:6379/0",
    }
    with pytest.raises(ImproperlyConfigured, match="memcache"):
        cache_from_url("memcache://somewhere")
