"""Issue 10, item 13: the token of a provider link never reaches a log line."""

import io
import logging

from django.urls import reverse

from cymuned.log_redaction import redact


def test_the_request_log_does_not_hold_the_token(client, db):
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]
    stream = io.StringIO()
    previous = [h.setStream(stream) for h in handlers if type(h) is logging.StreamHandler]
    try:
        client.get(reverse("provide", args=["SECRET-token-abc123"]))
        logging.getLogger("django.server").info('"GET /provide/SECRET-token-abc123/ HTTP/1.1" 404 0')
        logging.getLogger("cymuned").error("failed at %s", "/provide/SECRET-token-abc123/?x=1")
    finally:
        for handler, old in zip([h for h in handlers if type(h) is logging.StreamHandler], previous, strict=True):
            handler.setStream(old)
    written = stream.getvalue()
    assert "/provide/[redacted]/" in written
    assert "SECRET-token-abc123" not in written


def test_redaction_of_text():
    assert redact("Not Found: /provide/abc-DEF_123/") == "Not Found: /provide/[redacted]/"
    assert redact("see https://x.example/provide/abc?y") == "see https://x.example/provide/[redacted]?y"
    assert redact("/projects/AG-PAIN/") == "/projects/AG-PAIN/"
