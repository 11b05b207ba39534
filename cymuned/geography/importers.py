"""`cymuned import practice-lsoa|wimd PATH`: where patients live and how deprived it is."""

from django.utils.translation import gettext_lazy

from cymuned.imports.base import Importer, Reference, by_code
from cymuned.imports.fields import Code, Column, Integer, Text
from cymuned.imports.references import units
from cymuned.imports.upsert import Upsert
from cymuned.orgs.models import Kind

from .models import Lsoa, PracticeLsoa
from .wimd import WIMD_2019_LSOAS, decile_from_rank


class WimdImporter(Importer):
    """The published WIMD 2019 layout; headers are matched ignoring case and spacing."""

    kind = "wimd"
    national = True
    label = gettext_lazy("Welsh Index of Multiple Deprivation (LSOA ranks)")
    columns = (
        Column("lsoa_code", Code(max_length=12), aliases=("lsoa11cd", "lsoa")),
        Column("lsoa_name_eng", Text(), aliases=("lsoa_name", "lsoa11nm", "lsoa_name_english")),
        Column("local_authority_name_eng", Text(), aliases=("local_authority_name", "local_authority", "la_name")),
        # WIMD 2019 ranks all 1,909 Welsh LSOAs; a rank outside them is an error, not a new decile scale
        Column(
            "wimd_2019_overall_rank",
            Integer(minimum=1, maximum=WIMD_2019_LSOAS),
            aliases=("wimd_2019_rank", "overall_rank", "wimd_rank"),
        ),
        Column(
            "wimd_2019_overall_decile",
            Integer(minimum=1, maximum=10),
            required=False,
            aliases=("wimd_2019_decile", "overall_decile", "decile"),
        ),
        # published beside the decile; not kept (a quintile follows from the rank)
        Column(
            "wimd_2019_overall_quintile",
            Text(),
            required=False,
            aliases=("wimd_2019_quintile", "overall_quintile", "quintile"),
        ),
    )
    key = ("lsoa_code",)
    upsert = Upsert(Lsoa, key=("code",), fields=("name", "local_authority", "wimd_rank", "decile", "synthetic"))
    example = (
        {
            "lsoa_code": "W01000001",
            "lsoa_name_eng": "Example 1A",
            "local_authority_name_eng": "Carmarthenshire",
            "wimd_2019_overall_rank": 1200,
        },
    )

    def values(self, row):
        return {
            "code": row.lsoa_code,
            "name": row.lsoa_name_eng,
            "local_authority": row.local_authority_name_eng,
            "wimd_rank": row.wimd_2019_overall_rank,
            # a published decile is kept as given; without one it is worked out from the rank against
            # all 1,909 LSOAs of Wales (never against the rows of this file, which may be a subset)
            "decile": row.wimd_2019_overall_decile or decile_from_rank(row.wimd_2019_overall_rank),
            "synthetic": row.lsoa_name_eng.lower().startswith("synthetic"),
        }


class PracticeLsoaImporter(Importer):
    kind = "practice-lsoa"
    national = True
    label = gettext_lazy("Practice patients by LSOA")
    columns = (
        Column("practice_code", Code(max_length=10)),
        Column("lsoa_code", Code(max_length=12)),
        Column("patients", Integer(minimum=0, maximum=200_000)),
    )
    key = ("practice_code", "lsoa_code")
    key_column = "lsoa_code"
    references = (
        # national data: every practice is read, whoever imports
        units("practice_code", Kind.PRACTICE, gettext_lazy("“%(code)s” is not a known practice"), national=True),
        Reference(
            "lsoa_code",
            by_code(lambda: Lsoa.objects.all()),
            gettext_lazy("“%(code)s” is not in the WIMD data; import it first"),
        ),
    )
    upsert = Upsert(PracticeLsoa, key=("practice", "lsoa_code"), fields=("patients",))
    example = ({"practice_code": "W90001", "lsoa_code": "W01000001", "patients": 412},)

    def values(self, row):
        return {
            "practice": self.resolved("practice_code", row),
            "lsoa_code": row.lsoa_code,
            "patients": row.patients,
        }
