"""Production logs are JSON lines: each request's `request_finished` carries its request id, the user's id
(never the name), the path with secrets redacted, the status and the duration; Django's own lines are
JSON too. Formatted by the formatter production uses (CYMUNED_LOG_FORMAT=json)."""

import io
import json
import logging
import uuid

import pytest

from cymuned.log_redaction import RedactLinkTokens
from cymuned.structured_logs import logging_config


@pytest.fixture
def json_lines():
    spec = dict(logging_config("json", "WARNING")["formatters"]["json"])
    factory = spec.pop("()")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(factory(**spec))
    handler.addFilter(RedactLinkTokens())
    root, requests = logging.getLogger(), logging.getLogger("django_structlog")
    level = requests.level
    root.addHandler(handler)
    requests.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    root.removeHandler(handler)
    requests.setLevel(level)


def test_request_line_has_id_user_id_redacted_path_status_and_duration(client, world, json_lines):
    client.force_login(world.viewer)
    client.get("/provide/SECRET-LINK-TOKEN-123/")
    client.get("/?code=OIDC-CODE-456&state=OIDC-STATE-789&year=2024-25")
    lines = json_lines()
    text = json.dumps(lines)
    assert "SECRET-LINK-TOKEN-123" not in text and "OIDC-CODE-456" not in text and "OIDC-STATE-789" not in text
    assert world.viewer.username not in text

    finished = [line for line in lines if line["event"] == "request_finished"]
    assert [line["request"] for line in finished] == [
        "GET /provide/[redacted]/",
        "GET /?code=[redacted]&state=[redacted]&year=2024-25",
    ]
    for line in finished:
        uuid.UUID(line["request_id"])
        assert line["user_id"] == world.viewer.pk
        assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
        assert "timestamp" in line
    assert (finished[0]["code"], finished[0]["level"]) == (404, "warning")  # django-structlog: 4xx warn
    assert (finished[1]["code"], finished[1]["level"]) == (200, "info")
    assert finished[0]["request_id"] != finished[1]["request_id"]

    # Django's own warning for the provider link's answer is a JSON line too, redacted
    django_lines = [line for line in lines if line.get("logger") == "django.request"]
    assert [line["event"] for line in django_lines] == ["Not Found: /provide/[redacted]/"]
