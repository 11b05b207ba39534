"""Provider links are secrets: their tokens are taken out of every log line.

Django's request logger writes the path of a 404 or 500 (`Not Found: /provide/<token>/`), and the
development server writes every request line; a token copied from a log would open the return.
The filter sits on every handler (settings.LOGGING), so it sees records from every logger.
"""

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/provide/)[^/\s?#\"'<>]+")
REDACTED = r"\1[redacted]"
# Query values that are secrets: the OpenID Connect callback's code and state, tokens, passwords.
SECRET_IN_QUERY = re.compile(
    r"([?&](?:code|state|session_state|token|access_token|id_token|refresh_token|password|secret)=)[^&\s#\"'<>]*",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    return SECRET_IN_QUERY.sub(REDACTED, TOKEN_IN_PATH.sub(REDACTED, text))


class RedactLinkTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, dict):  # structlog's event, redacted by cymuned.structured_logs.redact_event
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is left for the handler to report
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if getattr(record, "request", None) is not None:
            # handlers that describe the request (e-mail to admins) would repeat the path
            record.request = None
        return True
