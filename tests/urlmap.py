"""The URL map as a list of routes, for the tests that sweep every route (access, no server errors,
query budgets): a route added to the site is swept without anyone listing it."""

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver
from django.urls.resolvers import RoutePattern


def walk(patterns, prefix: str = "") -> Iterator[tuple[str, str | None, bool]]:
    """(route, URL name, whether the route is a plain path rather than a regular expression)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, isinstance(entry.pattern, RoutePattern)
