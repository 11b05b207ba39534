"""The error responses every API endpoint documents, so the schema tells the whole truth."""

from typing import Any

from ninja import Schema


class Error(Schema):
    detail: Any


def documented(schema) -> dict:
    """An endpoint's responses: its schema, or an error with a detail."""
    return {200: schema, 401: Error, 403: Error, 404: Error, 422: Error}
