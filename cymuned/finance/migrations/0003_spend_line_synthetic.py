"""Spend lines say whether they are synthetic (made up for the demonstration), so that pages and
papers can label the figures made from them; every existing line is taken as real."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0002_geography_moved_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalspendline",
            name="synthetic",
            field=models.BooleanField(db_default=False, default=False, verbose_name="synthetic"),
        ),
        migrations.AddField(
            model_name="spendline",
            name="synthetic",
            field=models.BooleanField(db_default=False, default=False, verbose_name="synthetic"),
        ),
    ]
