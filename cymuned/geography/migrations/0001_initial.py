"""The LSOA, practice–LSOA and decile-weight models move here from `finance`. Their tables (and the
history table of the weights) keep their names and data: this migration only tells Django's state
that the models now belong to `geography`; `finance.0002_geography_moved_out` removes them from the
state of `finance`. Nothing is written to the database, so it works the same on SQLite and PostgreSQL."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("orgs", "0001_initial"),
        ("finance", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="DecileWeight",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "decile",
                    models.PositiveSmallIntegerField(
                        unique=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(10),
                        ],
                        verbose_name="decile",
                    ),
                ),
                (
                    "weight",
                    models.DecimalField(
                        decimal_places=3,
                        max_digits=6,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="weight",
                    ),
                ),
            ],
            options={
                "verbose_name": "decile weight",
                "verbose_name_plural": "decile weights",
                "ordering": ["decile"],
                "db_table": "finance_decileweight",
            },
        ),
        migrations.CreateModel(
            name="Lsoa",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=12, unique=True, verbose_name="LSOA code")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("local_authority", models.CharField(max_length=100, verbose_name="local authority")),
                ("wimd_rank", models.PositiveIntegerField(verbose_name="WIMD 2019 rank")),
                ("decile", models.PositiveSmallIntegerField(verbose_name="decile")),
                ("synthetic", models.BooleanField(default=False, verbose_name="synthetic")),
            ],
            options={
                "verbose_name": "LSOA",
                "verbose_name_plural": "LSOAs",
                "ordering": ["wimd_rank"],
                "db_table": "finance_lsoa",
            },
        ),
        migrations.CreateModel(
            name="HistoricalDecileWeight",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "decile",
                    models.PositiveSmallIntegerField(
                        db_index=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(10),
                        ],
                        verbose_name="decile",
                    ),
                ),
                (
                    "weight",
                    models.DecimalField(
                        decimal_places=3,
                        max_digits=6,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="weight",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical decile weight",
                "verbose_name_plural": "historical decile weights",
                "db_table": "finance_historicaldecileweight",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PracticeLsoa",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("lsoa_code", models.CharField(max_length=12, verbose_name="LSOA code")),
                ("patients", models.PositiveIntegerField(verbose_name="patients")),
                (
                    "practice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lsoa_patients",
                        to="orgs.orgunit",
                    ),
                ),
            ],
            options={
                "verbose_name": "practice patients by LSOA",
                "verbose_name_plural": "practice patients by LSOA",
                "db_table": "finance_practicelsoa",
                "constraints": [
                    models.UniqueConstraint(fields=("practice", "lsoa_code"), name="one_count_per_practice_lsoa")
                ],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])]
