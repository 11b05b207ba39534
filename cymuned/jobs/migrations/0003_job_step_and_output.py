import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_job_arguments_worker_file"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="step",
            field=models.CharField(blank=True, max_length=20, verbose_name="step"),
        ),
        migrations.CreateModel(
            name="JobOutput",
            fields=[
                (
                    "job",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="output",
                        serialize=False,
                        to="jobs.job",
                    ),
                ),
                ("name", models.CharField(max_length=255)),
                ("content_type", models.CharField(max_length=255)),
                ("data", models.BinaryField()),
                ("size", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "job output",
                "verbose_name_plural": "job outputs",
            },
        ),
    ]
