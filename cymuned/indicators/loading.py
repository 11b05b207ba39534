"""Writing definitions read from a file into the table (one row per id and version)."""

from django.db import transaction

from .definitions import Definition
from .models import IndicatorDefinition


@transaction.atomic
def load(found: list[Definition]) -> tuple[int, int]:
    created = updated = 0
    for d in found:
        _row, made = IndicatorDefinition.objects.update_or_create(
            code=d.id,
            version=d.version,
            defaults={
                "effective_from": d.effective_from,
                "order": d.order,
                "name_en": d.name_en,
                "name_cy": d.name_cy,
                "description_en": d.description_en,
                "description_cy": d.description_cy,
                "numerator": d.numerator,
                "denominator": d.denominator,
                "unit": d.unit.value,
                "polarity": d.polarity.value,
                "source": d.source,
                "publication": d.publication,
                "ci_method": d.ci_method.value,
                "names": list(d.names),
            },
        )
        created, updated = created + made, updated + (not made)
    return created, updated
