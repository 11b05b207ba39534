"""Conditional GET, a shared response cache and gzip for the heavy read-only views.

A response is named by the **data version** (the latest history id of every recorded table: any
change anywhere makes a new version), the release (`cymuned.release`: a deployment that changes a
page makes it anew), the person's **visibility** (the units they may see, and those
they may change), the language and the full request path. That name is the ETag: a repeated request
answers 304 without running the view. JSON responses are kept in the shared cache (`CACHE_URL`) and
sent gzipped to clients that accept it. A rendered page is kept for its person only (the name also
holds the person): its form tokens and script nonce are taken out before it is kept and the asking
request's own put back when it is served, so no token or nonce is ever served twice. A page with a
one-off message is never kept.
"""

import functools
import gzip
import hashlib
import re
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connections, router
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from cymuned.accounts.rules import grants_of
from cymuned.release import code_version

from .periods import local_date

# The views whose responses are named and kept: URL name → whether the body is the same for
# everyone with the same visibility (JSON) or belongs to one person (a rendered page).
CACHED_VIEWS = {
    "api-1.0.0:summary": "shared",
    "portfolio:index": "personal",
    "portfolio:quarter": "personal",
    "portfolio:project": "personal",
    "outcomes:index": "personal",
    "orgs:unit": "personal",
    "audit:index": "personal",
    "indicators:dashboard": "personal",
}
GZIP_MIN_BYTES = 1024
T = TypeVar("T")


@functools.cache
def _history_tables() -> tuple[tuple[str, str], ...]:
    """(table, id column) of every history table, the clusters-of-a-project history among them (the
    models are fixed once Django is set up, so this is worked out once per process)."""
    from django.apps import apps

    return tuple(
        sorted(
            (model._meta.db_table, model._meta.pk.column)
            for model in apps.get_models()
            if model.__name__.startswith("Historical") and hasattr(model, "instance_type")
        )
    )


def _version_query(connection) -> str:
    quote = connection.ops.quote_name
    parts = ", ".join(f"(SELECT MAX({quote(column)}) FROM {quote(table)})" for table, column in _history_tables())
    return f"SELECT {parts}"


# On PostgreSQL the version is read through a statement prepared once per connection: planning its
# four dozen look-ups costs more than running them (measured on the national bench data set: 6.3 ms
# planned each time, 0.9 ms prepared; every kept page and 304 asks for it). Not behind PgBouncer in
# transaction pooling (DATABASE_POOLED), where a prepared statement would not follow the connection.
PREPARED_NAME = "cymuned_data_version"
_PREPARED_FLAG = "_cymuned_data_version_prepared"


@receiver(connection_created)
def _forget_prepared(sender, connection, **kwargs) -> None:
    """A new connection has no prepared statement yet."""
    setattr(connection, _PREPARED_FLAG, False)


def _prepares(connection) -> bool:
    return connection.vendor == "postgresql" and not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")


def data_version(using: str | None = None) -> str:
    """The latest history id of every recorded table, in one query of index look-ups: it changes
    whenever anything is saved, imported or deleted through the models."""
    from django.apps import apps

    alias = using or router.db_for_read(apps.get_model("portfolio", "MonitoringReturn"))
    connection = connections[alias]
    with connection.cursor() as cursor:
        if _prepares(connection):
            if not getattr(connection, _PREPARED_FLAG, False):
                cursor.execute(f"PREPARE {PREPARED_NAME} AS {_version_query(connection)}")
                setattr(connection, _PREPARED_FLAG, True)
            cursor.execute(f"EXECUTE {PREPARED_NAME}")
        else:
            cursor.execute(_version_query(connection))
        row = cursor.fetchone()
    return ".".join("0" if value is None else str(value) for value in row)


def visibility_key(user) -> str:
    """Superusers share one key; anyone else is keyed on the units their roles are granted on. What
    they may see follows from those and the organisation on the day, and a change to the organisation
    changes the data version, so the grants name it without working out every unit beneath them (for a
    national administrator, every unit in Wales)."""
    if user.is_superuser:
        return "all"
    return hashlib.sha256(",".join(map(str, sorted(grants_of(user)))).encode()).hexdigest()


def change_key(user) -> str:
    """The roles themselves (a page shows its buttons by what the person may change)."""
    if user.is_superuser:
        return "all"
    return hashlib.sha256(repr(sorted(grants_of(user).items())).encode()).hexdigest()


def kept(user, name: str, compute: Callable[[], T], *parts: object) -> T:
    """A value a page works out from the data (its option lists, its coverage line), kept once per
    data version for everyone who sees the same units, in the page's language and on the day: a new
    filter or page of a list is then a new page to render but not new counting to do. The value must
    pickle (lists and dataclasses, not querysets)."""
    cache = caches[settings.CYMUNED_RESPONSE_CACHE]
    key = (
        "kept:"
        + hashlib.sha256(
            "\x1f".join(
                [
                    name,
                    code_version(),
                    data_version(),
                    visibility_key(user),
                    get_language() or "",
                    str(local_date()),
                    *map(str, parts),
                ]
            ).encode()
        ).hexdigest()
    )
    found = cache.get(key)
    if found is not None:
        return found[0]
    value = compute()
    cache.set(key, (value,), settings.CYMUNED_CACHE_SECONDS)
    return value


# Per-request values a kept page must not carry: the masked form token (a new one per request) and the
# script nonce; each is replaced by a mark when the page is kept and by the request's own when served.
TOKEN_MARK = "__cymuned_csrf_token__"
NONCE_MARK = "__cymuned_csp_nonce__"
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')


def _keepable_page(body: str, nonce: str | None) -> str:
    body = _TOKEN.sub(rf"\g<1>{TOKEN_MARK}\g<2>", body)
    return body.replace(f'nonce="{nonce}"', f'nonce="{NONCE_MARK}"') if nonce else body


def _served_page(entry: dict, request) -> HttpResponse:
    body = entry["body"].replace(TOKEN_MARK, get_token(request))
    if NONCE_MARK in body:
        body = body.replace(NONCE_MARK, str(request.csp_nonce))
    response = HttpResponse(body, content_type=entry["content_type"])
    if entry.get("language"):
        response["Content-Language"] = entry["language"]
    return response


def _accepts_gzip(request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _finish(response, etag: str) -> HttpResponse:
    response["ETag"] = etag
    # Browsers and proxies keep it for this person only and ask again each time (the 304 is cheap).
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Cookie", "Accept-Encoding", "Accept-Language"))
    return response


def _body_response(entry: dict, request) -> HttpResponse:
    if entry["gzip"] is not None and _accepts_gzip(request):
        response = HttpResponse(entry["gzip"], content_type=entry["content_type"])
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(entry["body"], content_type=entry["content_type"])
    return response


def _etags(request) -> list[str]:
    return parse_etags(request.headers.get("If-None-Match", ""))


def _is_page(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html") and not response.has_header("Content-Disposition")


def _pending_messages(request) -> bool:
    return bool(len(get_messages(request)))


class ConditionalCacheMiddleware:
    """ETag / 304 and the shared cache for the views in CACHED_VIEWS (after authentication,
    locale and messages in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kind = self._kind(request)
        if kind is None:
            return self.get_response(request)
        user = request.user
        parts = [
            kind,
            code_version(),  # a new release renders the page afresh, whatever the data
            data_version(),
            visibility_key(user),
            get_language() or "",
            str(local_date()),  # the organisation on another day may differ
            request.get_full_path(),
        ]

        def name_of(csrf: str) -> tuple[str, str]:
            extra = [str(user.pk), csrf] if kind == "personal" else []
            name = hashlib.sha256("\x1f".join(parts + extra).encode()).hexdigest()
            return name, f'W/"{name[:40]}"'  # weak: the same data may go gzipped or not

        name, etag = name_of(request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""))
        if kind == "personal" and _pending_messages(request):
            return self.get_response(request)  # a one-off message: never named, never 304
        asked = {f"W/{tag.removeprefix('W/')}" for tag in _etags(request)}
        if etag in asked or "W/*" in asked:
            not_modified = _finish(HttpResponseNotModified(), etag)
            # The browser keeps the page's own policy with its own nonce: a new policy on the 304
            # would replace it and block the page's scripts.
            not_modified._csp_exempt = True
            return not_modified
        cache = caches[settings.CYMUNED_RESPONSE_CACHE]
        if kind == "personal":
            page_key = (
                "page:" + hashlib.sha256("\x1f".join([*parts, str(user.pk), change_key(user)]).encode()).hexdigest()
            )
            entry = cache.get(page_key)
            if entry is not None:
                response = _served_page(entry, request)
            else:
                response = self.get_response(request)
                if response.status_code != 200 or response.streaming or response.cookies:
                    return response
                if not _is_page(response):
                    return response  # a download (CSV, a workbook) of the same view: sent as it is
                if getattr(getattr(request, "_messages", None), "added_new", False):
                    return response  # it shows a message the view has just given: a one-off, never kept
                body = response.content.decode(response.charset)
                entry = {
                    "body": _keepable_page(body, getattr(request, "_csp_nonce", None)),
                    "content_type": response.get("Content-Type", ""),
                    "language": response.get("Content-Language", ""),
                }
                cache.set(page_key, entry, settings.CYMUNED_CACHE_SECONDS)
            # named by the form token the browser will hold after this response
            return _finish(response, name_of(request.META.get("CSRF_COOKIE", ""))[1])
        key = f"response:{name}"
        entry = cache.get(key)
        if entry is not None:
            return _finish(_body_response(entry, request), etag)
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        content_type = response.get("Content-Type", "")
        body = response.content
        packed = None
        if content_type.startswith("application/json") and len(body) >= GZIP_MIN_BYTES:
            packed = gzip.compress(body, compresslevel=5, mtime=0)
        cache.set(key, {"body": body, "gzip": packed, "content_type": content_type}, settings.CYMUNED_CACHE_SECONDS)
        finished = _body_response({"body": body, "gzip": packed, "content_type": content_type}, request)
        for header in ("Content-Language", "Content-Disposition"):
            if header in response:
                finished[header] = response[header]
        return _finish(finished, etag)

    @staticmethod
    def _kind(request) -> str | None:
        if request.method not in ("GET", "HEAD"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.GET.get("download"):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return CACHED_VIEWS.get(match.view_name)


class JsonGzipMiddleware:
    """Gzip for JSON responses (the API's bodies carry no form token, so compressing them is safe
    from BREACH-style guessing); pages are left as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("application/json")
            or len(response.content) < GZIP_MIN_BYTES
        ):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not _accepts_gzip(request):
            return response
        response.content = gzip.compress(response.content, compresslevel=5, mtime=0)
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        return response
