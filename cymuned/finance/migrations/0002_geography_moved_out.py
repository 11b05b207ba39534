"""LSOAs, practice–LSOA rows and decile weights now belong to `geography` (see its 0001_initial):
they leave the state of `finance` only; their tables and data stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0001_initial"),
        ("geography", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalDecileWeight"),
                migrations.DeleteModel(name="DecileWeight"),
                migrations.DeleteModel(name="PracticeLsoa"),
                migrations.DeleteModel(name="Lsoa"),
            ],
            database_operations=[],
        )
    ]
