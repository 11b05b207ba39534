"""LSOAs, practice–LSOA rows and decile weights moved from `finance` to `geography` without touching
their tables: data written before the move is read through the new app after it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_move_are_kept():
    executor = MigrationExecutor(connection)
    before = [("finance", "0001_initial")]
    after = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before + [("geography", None)])
        old = MigrationExecutor(connection).loader.project_state(before).apps
        orgunit = old.get_model("orgs", "OrgUnit").objects.create(code="W99999", kind="practice", name_en="P")
        old.get_model("finance", "Lsoa").objects.create(
            code="W01000001", name="A 1", local_authority="Carmarthenshire", wimd_rank=12, decile=1
        )
        old.get_model("finance", "PracticeLsoa").objects.create(practice=orgunit, lsoa_code="W01000001", patients=7)
        old.get_model("finance", "DecileWeight").objects.create(decile=1, weight="1.400")
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = MigrationExecutor(connection).loader.project_state(after).apps
        assert list(new.get_model("geography", "Lsoa").objects.values_list("code", "decile")) == [("W01000001", 1)]
        assert new.get_model("geography", "PracticeLsoa").objects.get().patients == 7
        assert str(new.get_model("geography", "DecileWeight").objects.get().weight) == "1.400"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
