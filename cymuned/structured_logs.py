"""Logs a machine can read: one JSON object a line in production (`CYMUNED_LOG_FORMAT=json`, the default
unless CYMUNED_DEV), plain text in development. django-structlog's request middleware gives every line of
a request its `request_id` (a proxy's X-Request-ID is not trusted) and the person's `user_id` — the number,
never the name — and ends each request with `request_finished`: `request` (method and path, secrets
redacted), `code` (the status) and `duration_ms`. Lines from Django's and other libraries' loggers go
through the same formatter (those written while a view runs carry the request id; Django's "Not Found"
comes after the request line and does not). Secrets (provider-link tokens, the OpenID
Connect callback's code and state) are taken out of every value by `cymuned.log_redaction`.
"""

from typing import Any

import structlog
from structlog.typing import Processor

from .log_redaction import redact


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    return value


def redact_event(logger: Any, method: str, event_dict: dict) -> dict:
    return {key: _redacted(value) for key, value in event_dict.items()}


SHARED: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.stdlib.PositionalArgumentsFormatter(),
    structlog.processors.StackInfoRenderer(),
]


def logging_config(fmt: str, level: str) -> dict:
    """settings.LOGGING: every record through one handler, redacted, formatted as `fmt` (json or text)."""
    structlog.configure(
        processors=[structlog.stdlib.filter_by_level, *SHARED, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    end = [structlog.processors.format_exc_info, redact_event]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact_link_tokens": {"()": "cymuned.log_redaction.RedactLinkTokens"}},
        "formatters": {
            "json": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    *end,
                    structlog.processors.JSONRenderer(),
                ],
                "foreign_pre_chain": SHARED,
            },
            "text": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    *end,
                    structlog.dev.ConsoleRenderer(colors=False),
                ],
                "foreign_pre_chain": SHARED,
            },
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["redact_link_tokens"], "formatter": fmt}
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "django.server": {"handlers": [], "level": "INFO", "propagate": True},
            # one `request_finished` line per request (`request_started` is at DEBUG)
            "django_structlog": {"handlers": [], "level": "INFO" if fmt == "json" else level, "propagate": True},
            "django_tasks": {"handlers": [], "level": "INFO", "propagate": True},
        },
    }
