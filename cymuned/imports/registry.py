"""Every importer, by the name people type: `cymuned import practices PATH`."""

from django.utils.module_loading import import_string

from .base import Importer

# Each capability owns its importers; this list only says where to find them.
IMPORTERS: dict[str, str] = {
    "practices": "cymuned.organisation.importers.PracticeImporter",
    "projects": "cymuned.portfolio.importers.ProjectImporter",
    "returns": "cymuned.portfolio.importers.ReturnImporter",
    "budgets": "cymuned.finance.importers.BudgetImporter",
    "spend": "cymuned.finance.importers.SpendImporter",
    "wimd": "cymuned.geography.importers.WimdImporter",
    "practice-lsoa": "cymuned.geography.importers.PracticeLsoaImporter",
    "measure-values": "cymuned.outcomes.importers.MeasureValueImporter",
    "registers": "cymuned.indicators.importers.RegisterImporter",
    "list-sizes": "cymuned.indicators.importers.ListSizeImporter",
    "risks": "cymuned.risks.importers.RiskImporter",
    "workforce": "cymuned.workforce.importers.WorkforceImporter",
    "maturity": "cymuned.maturity.importers.MaturityImporter",
    "criteria": "cymuned.proposals.importers.CriterionImporter",
    "proposals": "cymuned.proposals.importers.ProposalImporter",
    "assessments": "cymuned.proposals.importers.AssessmentImporter",
}


def register(kind: str, dotted_path: str) -> None:
    IMPORTERS[kind] = dotted_path


def importer_class(kind: str) -> type[Importer]:
    try:
        return import_string(IMPORTERS[kind])
    except KeyError:
        raise KeyError(kind) from None


def kinds() -> list[str]:
    return sorted(IMPORTERS)
