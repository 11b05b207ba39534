"""Conditional GET, a shared response cache and gzip for the heavy read-only views.

A response is named by the **data version** (the latest history id of every recorded table: any
change anywhere makes a new version), the person's **visibility** (the units they may see), the
language and the full request path. That name is the ETag: a repeated request answers 304 without
running the view. JSON responses are also kept in the shared cache (`CACHE_URL`) and sent gzipped
to clients that accept it. A rendered page carries the person's own header, form token and script
nonce, so it is never kept on the server: its name also holds the person and their CSRF cookie, and
only the 304 is answered from it.
"""

import gzip
import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connections, router
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from cymuned.accounts.rules import visible_unit_ids

from .periods import local_date

# The views whose responses are named and kept: URL name → whether the body is the same for
# everyone with the same visibility (JSON) or belongs to one person (a rendered page).
CACHED_VIEWS = {
    "api-1.0.0:summary": "shared",
    "portfolio:index": "personal",
    "portfolio:quarter": "personal",
}
GZIP_MIN_BYTES = 1024


def _history_tables() -> list[tuple[str, str]]:
    """(table, id column) of every history table, the clusters-of-a-project history among them."""
    from django.apps import apps

    return sorted(
        (model._meta.db_table, model._meta.pk.column)
        for model in apps.get_models()
        if model.__name__.startswith("Historical") and hasattr(model, "instance_type")
    )


def data_version(using: str | None = None) -> str:
    """The latest history id of every recorded table, in one query of index look-ups: it changes
    whenever anything is saved, imported or deleted through the models."""
    from django.apps import apps

    alias = using or router.db_for_read(apps.get_model("portfolio", "MonitoringReturn"))
    connection = connections[alias]
    quote = connection.ops.quote_name
    parts = ", ".join(f"(SELECT MAX({quote(column)}) FROM {quote(table)})" for table, column in _history_tables())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        row = cursor.fetchone()
    return ".".join("0" if value is None else str(value) for value in row)


def visibility_key(user) -> str:
    """Everyone who may see all of Wales shares one key; anyone else is keyed on exactly the units
    they may see today."""
    visible = visible_unit_ids(user)
    if visible is None:
        return "all"
    return hashlib.sha256(",".join(map(str, sorted(visible))).encode()).hexdigest()


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
        if kind == "personal":
            response = self.get_response(request)
            if response.status_code == 200 and not response.streaming:
                # named by the form token the browser will hold after this response
                _finish(response, name_of(request.META.get("CSRF_COOKIE", ""))[1])
            return response
        cache = caches[settings.CYMUNED_RESPONSE_CACHE]
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
