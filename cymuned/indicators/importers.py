"""`cymuned import registers|list-sizes PATH`: published disease registers and registered patients by
age band. Both are national data, changed by national administrators only."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.imports.base import Importer, Reference
from cymuned.imports.fields import Choice, Code, Column, Date, Integer, Parsed, RowReader, Text
from cymuned.imports.references import units
from cymuned.imports.upsert import Upsert
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear

from .definitions import normalised
from .denominators import AGE_BANDS, band_of
from .models import IndicatorDefinition, PatientCount, RegisterCount

YEAR = Parsed(FinancialYear.parse, gettext_lazy("“%(value)s” is not a financial year like 2024-25"), max_length=10)
WALES_CODES = ("W92000004",)  # the ONS code StatsWales gives Wales; the reference organisation's own code also reads
AREA_KINDS = (Kind.PRACTICE, Kind.CLUSTER, Kind.HEALTH_BOARD, Kind.NATION)
MEASURES = {  # normalised spellings of the measure dimension; a blank measure is the register
    "patientsonregister": RegisterCount.Measure.REGISTER,
    "register": RegisterCount.Measure.REGISTER,
    "denominator": RegisterCount.Measure.DENOMINATOR,
    "": RegisterCount.Measure.REGISTER,
}


def register_names() -> dict[str, str]:
    """Every spelling an import may use for a register → the register's id."""
    found: dict[str, str] = {}
    for definition in IndicatorDefinition.objects.filter(numerator__kind="register").order_by("-version"):
        register = definition.numerator.get("register", definition.code)
        for name in definition.names:
            found.setdefault(name, register)
    return found


def areas(codes: set[str]) -> dict[str, OrgUnit]:
    """Practices, clusters, boards and Wales by the codes a file uses (W92000004 for Wales)."""
    wanted = {c for c in codes if c not in WALES_CODES}
    found = {u.code: u for u in OrgUnit.objects.filter(kind__in=AREA_KINDS, code__in=wanted)}
    if codes & set(WALES_CODES):
        nation = OrgUnit.objects.filter(kind=Kind.NATION).order_by("pk").first()
        if nation is not None:
            found.update(dict.fromkeys(WALES_CODES, nation))
    return found


class Measure:
    """The measure dimension: “Patients on register” (also when blank) or “Denominator”, spelled any
    way that reads the same without case, spaces or punctuation."""

    def __call__(self, reader: RowReader, column: str, required: bool) -> str:
        text = reader.text(column, required=required, max_length=60) or ""
        found = MEASURES.get(normalised(text))
        if found is None:
            reader.fault(column, _("“%(value)s” is not “Patients on register” or “Denominator”") % {"value": text})
            return text
        return str(found)


class AgeBand:
    """A five-year age band in any usual spelling (“0 to 4”, “85 and over”), kept as 0-4 … 85+."""

    def __call__(self, reader: RowReader, column: str, required: bool) -> str:
        text = reader.text(column, required=required, max_length=20) or ""
        band = band_of(text)
        if text and band is None:
            reader.fault(
                column, _("“%(value)s” is not an age band (%(bands)s)") % {"value": text, "bands": ", ".join(AGE_BANDS)}
            )
        return band or text


@dataclass(frozen=True)
class RegisterRow:
    data_values: int
    year: str
    area_code: str
    register: str  # as written; matched to a definition's register by its normalised spelling
    measure: str
    notes: str

    @property
    def register_name(self) -> str:
        return normalised(self.register)


def _registers(user, codes: set) -> dict:
    names = register_names()
    return {code: names[code] for code in codes if code in names}


def _areas(user, codes: set) -> dict:
    return areas(codes)


class RegisterImporter(Importer):
    """The StatsWales long layout: `Data values` and one column per dimension."""

    kind = "registers"
    national = True
    label = gettext_lazy("Disease registers (StatsWales)")
    columns = (
        Column("data_values", Integer(minimum=0, maximum=10_000_000), aliases=("data_value", "value", "values")),
        Column("year", YEAR, aliases=("financial_year", "period", "year_code")),
        Column(
            "area_code",
            Code(max_length=12),
            aliases=("area", "code", "organisation_code", "ods_code", "area_code_ods"),
        ),
        Column(
            "register", Text(max_length=100), aliases=("disease_register", "register_name", "indicator", "condition")
        ),
        Column("measure", Measure(), required=False, aliases=("measure_name", "measure_type")),
        Column("notes", Text(max_length=500), required=False),
    )
    row_type = RegisterRow
    key = ("register_name", "year", "area_code", "measure")
    key_column = "data_values"
    references = (
        Reference(
            "register",
            _registers,
            gettext_lazy("“%(register)s” is not a known register"),
            code=lambda row: row.register_name or None,
        ),
        Reference(
            "area_code", _areas, gettext_lazy("“%(code)s” is not a known practice, cluster, health board or Wales code")
        ),
    )
    upsert = Upsert(RegisterCount, key=("register", "year", "area", "measure"), fields=("value", "notes", "synthetic"))
    example = (
        {"data_values": 1834, "year": "2024-25", "area_code": "W90001", "register": "Hypertension"},
        {
            "data_values": 12138,
            "year": "2024-25",
            "area_code": "W90001",
            "register": "Hypertension",
            "measure": "Denominator",
        },
        {"data_values": 125050, "year": "2024-25", "area_code": "W92000004", "register": "Diabetes", "notes": ""},
    )

    def values(self, row):
        area = self.resolved("area_code", row)
        return {
            "register": self.found["register"][row.register_name],
            "year": row.year,
            "area": area,
            "measure": row.measure or RegisterCount.Measure.REGISTER,
            "value": row.data_values,
            "notes": row.notes,
            "synthetic": area.synthetic or "synthetic" in row.notes.lower(),
        }


SEX_NAMES = {"male": "male", "m": "male", "males": "male", "female": "female", "f": "female", "females": "female"}


class ListSizeImporter(Importer):
    kind = "list-sizes"
    national = True
    label = gettext_lazy("Registered patients by age band and sex")
    columns = (
        Column("practice_code", Code(max_length=10), aliases=("ods_code", "practice")),
        Column("date", Date(), aliases=("as_of", "list_size_date")),
        Column("age_band", AgeBand()),
        Column("sex", Choice(SEX_NAMES)),
        Column("patients", Integer(minimum=0, maximum=200_000)),
    )
    key = ("practice_code", "date", "age_band", "sex")
    key_column = "patients"
    references = (
        units("practice_code", Kind.PRACTICE, gettext_lazy("“%(code)s” is not a known practice"), national=True),
    )
    upsert = Upsert(PatientCount, key=("practice", "as_of", "age_band", "sex"), fields=("patients",))
    example = (
        {"practice_code": "W90001", "date": "2025-01-01", "age_band": "0-4", "sex": "female", "patients": 301},
        {"practice_code": "W90001", "date": "2025-01-01", "age_band": "85+", "sex": "male", "patients": 97},
    )

    def values(self, row):
        practice = self.resolved("practice_code", row)
        return {
            "practice": practice,
            "as_of": row.date,
            "age_band": row.age_band,
            "sex": row.sex,
            "patients": row.patients,
            "synthetic": practice.synthetic,
        }
