"""`cymuned import practice-lsoa|wimd PATH`: where patients live and how deprived it is."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cymuned.imports.base import Importer, Outcome
from cymuned.imports.fields import Problem
from cymuned.orgs.models import Kind, OrgUnit

from .models import Lsoa, PracticeLsoa
from .wimd import WIMD_2019_LSOAS, decile_from_rank


@dataclass(frozen=True)
class LsoaRow:
    code: str
    name: str
    local_authority: str
    rank: int


class WimdImporter(Importer):
    """The published WIMD 2019 layout; headers are matched ignoring case and spacing."""

    kind = "wimd"
    national = True
    label = gettext_lazy("Welsh Index of Multiple Deprivation (LSOA ranks)")
    required = ("lsoa_code", "lsoa_name_eng", "local_authority_name_eng", "wimd_2019_overall_rank")
    optional = ("wimd_2019_overall_decile", "wimd_2019_overall_quintile")
    aliases = {
        "lsoa_code": ["lsoa11cd", "lsoa"],
        "lsoa_name_eng": ["lsoa_name", "lsoa11nm", "lsoa_name_english"],
        "local_authority_name_eng": ["local_authority_name", "local_authority", "la_name"],
        "wimd_2019_overall_rank": ["wimd_2019_rank", "overall_rank", "wimd_rank"],
        "wimd_2019_overall_decile": ["wimd_2019_decile", "overall_decile", "decile"],
        "wimd_2019_overall_quintile": ["wimd_2019_quintile", "overall_quintile", "quintile"],
    }
    example = (
        {
            "lsoa_code": "W01000001",
            "lsoa_name_eng": "Example 1A",
            "local_authority_name_eng": "Carmarthenshire",
            "wimd_2019_overall_rank": 1200,
        },
    )

    def parse_row(self, reader):
        code = (reader.text("lsoa_code", max_length=12) or "").upper()
        # WIMD 2019 ranks all 1,909 Welsh LSOAs; a rank outside them is an error, not a new decile scale
        rank = reader.integer("wimd_2019_overall_rank", minimum=1, maximum=WIMD_2019_LSOAS)
        decile = reader.integer("wimd_2019_overall_decile", required=False, minimum=1, maximum=10)
        row = LsoaRow(
            code,
            reader.text("lsoa_name_eng") or "",
            reader.text("local_authority_name_eng") or "",
            rank or 0,
        )
        # a published decile is kept as given; without one it is worked out from the rank against all
        # 1,909 LSOAs of Wales (never against the rows of this file, which may be a subset)
        return (row, decile) if reader.ok else None

    def check_all(self, parsed, problems):
        seen: dict[str, int] = {}
        for line, (row, _decile) in parsed:
            if row.code in seen:
                problems.append(
                    Problem(
                        line,
                        "lsoa_code",
                        _("%(code)s already appears on line %(other)s") % {"code": row.code, "other": seen[row.code]},
                    )
                )
            seen.setdefault(row.code, line)

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        existing = {lsoa.code: lsoa for lsoa in Lsoa.objects.all()}
        new, changed = [], []
        for _line, (row, decile) in parsed:
            decile = decile or decile_from_rank(row.rank)
            values = {
                "name": row.name,
                "local_authority": row.local_authority,
                "wimd_rank": row.rank,
                "decile": decile,
                "synthetic": row.name.lower().startswith("synthetic"),
            }
            current = existing.get(row.code)
            if current is None:
                new.append(Lsoa(code=row.code, **values))
            elif any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                changed.append(current)
            else:
                outcome.unchanged += 1
        # national data: every change is recorded in history, with who made it
        bulk_create_with_history(new, Lsoa, batch_size=2000, default_user=self.user)
        bulk_update_with_history(
            changed,
            Lsoa,
            ["name", "local_authority", "wimd_rank", "decile", "synthetic"],
            batch_size=2000,
            default_user=self.user,
        )
        outcome.created, outcome.updated = len(new), len(changed)
        return outcome


@dataclass(frozen=True)
class PracticeLsoaRow:
    practice_code: str
    lsoa_code: str
    patients: int


class PracticeLsoaImporter(Importer):
    kind = "practice-lsoa"
    national = True
    label = gettext_lazy("Practice patients by LSOA")
    required = ("practice_code", "lsoa_code", "patients")
    example = ({"practice_code": "W90001", "lsoa_code": "W01000001", "patients": 412},)

    def parse_row(self, reader):
        row = PracticeLsoaRow(
            (reader.text("practice_code", max_length=10) or "").upper(),
            (reader.text("lsoa_code", max_length=12) or "").upper(),
            reader.integer("patients", minimum=0, maximum=200_000) or 0,
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        seen: dict[tuple, int] = {}
        for line, row in parsed:
            key = (row.practice_code, row.lsoa_code)
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "lsoa_code",
                        _("%(practice)s %(lsoa)s already appears on line %(other)s")
                        % {
                            "practice": row.practice_code,
                            "lsoa": row.lsoa_code,
                            "other": seen[key],
                        },
                    )
                )
            seen.setdefault(key, line)
        self._practices = {
            u.code: u for u in OrgUnit.objects.filter(kind=Kind.PRACTICE, code__in={r.practice_code for _, r in parsed})
        }
        known = set(Lsoa.objects.filter(code__in={r.lsoa_code for _, r in parsed}).values_list("code", flat=True))
        for line, row in parsed:
            if row.practice_code not in self._practices:
                problems.append(
                    Problem(
                        line,
                        "practice_code",
                        _("“%(code)s” is not a known practice") % {"code": row.practice_code},
                    )
                )
            if row.lsoa_code not in known:
                problems.append(
                    Problem(
                        line,
                        "lsoa_code",
                        _("“%(code)s” is not in the WIMD data; import it first") % {"code": row.lsoa_code},
                    )
                )

    def units_touched(self, parsed):
        return (
            (line, self._practices[row.practice_code]) for line, row in parsed if row.practice_code in self._practices
        )

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        existing = {
            (p.practice_id, p.lsoa_code): p for p in PracticeLsoa.objects.filter(practice__in=self._practices.values())
        }
        new, changed = [], []
        for _line, row in parsed:
            practice = self._practices[row.practice_code]
            current = existing.get((practice.pk, row.lsoa_code))
            if current is None:
                new.append(PracticeLsoa(practice=practice, lsoa_code=row.lsoa_code, patients=row.patients))
            elif current.patients != row.patients:
                current.patients = row.patients
                changed.append(current)
            else:
                outcome.unchanged += 1
        bulk_create_with_history(new, PracticeLsoa, batch_size=2000, default_user=self.user)
        bulk_update_with_history(changed, PracticeLsoa, ["patients"], batch_size=2000, default_user=self.user)
        outcome.created, outcome.updated = len(new), len(changed)
        return outcome
