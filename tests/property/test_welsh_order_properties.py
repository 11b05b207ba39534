"""The Welsh alphabet order of names (cymuned.translations.collation) agrees with the database's.

On PostgreSQL the reference is ICU's Welsh collation (`cy-x-icu`, CLDR's tailoring), an independent
implementation; on SQLite the database uses the collation each connection is given, so the test checks
that it is given. Names are drawn from the letters and marks Welsh place names use, including the
digraphs, a circumflex, capitals, spaces, hyphens and apostrophes."""

import json

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cymuned.translations.collation import WELSH_COLLATION, welsh_key

PIECES = [
    *"abcdefghijlmnoprstuwyABCDLMNPRTYâŵŷô",
    "ch",
    "dd",
    "ff",
    "ng",
    "ll",
    "ph",
    "rh",
    "th",
    "Ll",
    " ",
    "-",
    "’",
    "1",
]
names = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)


def database_order(values: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'SELECT n FROM unnest(%s::text[]) n ORDER BY n COLLATE "{WELSH_COLLATION}"', [values])
        else:
            cursor.execute(
                f'SELECT value FROM json_each(%s) ORDER BY value COLLATE "{WELSH_COLLATION}"', [json.dumps(values)]
            )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(names, min_size=2, max_size=12))
def test_the_welsh_order_is_the_databases(values):
    assert sorted(values, key=welsh_key) == database_order(values)
