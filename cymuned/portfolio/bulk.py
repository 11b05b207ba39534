"""Inserting many new records and their history rows with the driver's executemany.

Django's bulk_create prepares every value of every row through the model's fields and, on SQLite,
sends batches of only a few dozen rows; simple_history's bulk history builds a second model instance
per row. For a national import of 100,000 returns that is most of the time. Here the rows are plain
tuples of values the driver accepts as they are (text, integers, Decimals, None); anything else
(the timestamps) is prepared once through its field. The history rows are what simple_history writes:
the same values with the new id, the time, "+", and who.
"""

from collections.abc import Iterable, Sequence
from operator import itemgetter

from django.db import connection
from django.utils import timezone

CHUNK = 5000  # rows per executemany: bounded memory for the driver's parameter lists


def _insert(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == CHUNK:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)


def insert_with_history(model, fields: Sequence[str], rows: list[tuple], key: Sequence[str], user) -> int:
    """Insert `rows` (values of `fields`, in order) into `model`'s table, then one "+" history row for
    each, as simple_history records a creation. `key` names the fields that identify a row (a
    unique constraint), used to find the ids the database gave. Call inside a transaction."""
    if not rows:
        return 0
    now = timezone.now()
    meta = model._meta
    stamped = [
        f.attname for f in meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    stamp = [meta.get_field(name).get_db_prep_save(now, connection) for name in stamped]
    columns = [meta.get_field(name).column for name in (*fields, *stamped)]
    _insert(meta.db_table, columns, (row + tuple(stamp) for row in rows))

    # the ids the database gave, found by the rows' natural key
    positions = [list(fields).index(name) for name in key]
    first = positions[0]
    wanted = {tuple(row[p] for p in positions) for row in rows}
    ids = {}
    found = model._base_manager.filter(**{f"{key[0]}__in": {row[first] for row in rows}}).values_list("pk", *key)
    for pk, *natural in found.iterator(chunk_size=CHUNK):
        if tuple(natural) in wanted:
            ids[tuple(natural)] = pk

    history = model.history.model._meta
    when = history.get_field("history_date").get_db_prep_save(now, connection)
    user_id = getattr(user, "pk", None)
    # fields left out of the history (derived ones) are left out of its rows
    kept = {f.column for f in history.concrete_fields}
    chosen = [i for i, column in enumerate(columns) if column in kept]
    pick = itemgetter(*chosen) if len(chosen) > 1 else (lambda row: (row[chosen[0]],))
    history_columns = [
        *(columns[i] for i in chosen),
        meta.pk.column,
        "history_date",
        "history_type",
        "history_user_id",
        "history_change_reason",
    ]
    _insert(
        history.db_table,
        history_columns,
        (pick(row + tuple(stamp)) + (ids[tuple(row[p] for p in positions)], when, "+", user_id, None) for row in rows),
    )
    return len(rows)
