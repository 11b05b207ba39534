"""The request log line (see cymuned.structured_logs): django-structlog's, with the duration added and
secrets taken out of the path."""

import time

import structlog
from django_structlog.middlewares import RequestMiddleware

from .log_redaction import redact


class RequestLogMiddleware(RequestMiddleware):
    """django-structlog's request log with the duration added and secrets taken out of the path."""

    def __call__(self, request):
        request.cymuned_started = time.perf_counter()
        return super().__call__(request)

    def handle_response(self, request, response) -> None:
        started = getattr(request, "cymuned_started", None)
        if started is not None:
            structlog.contextvars.bind_contextvars(duration_ms=round((time.perf_counter() - started) * 1000, 1))
        super().handle_response(request, response)

    @staticmethod
    def format_request(request) -> str:
        return redact(f"{request.method} {request.get_full_path()}")
