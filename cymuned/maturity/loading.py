"""Loading a framework file (JSON) into the tables: all or nothing, every fault named by file and field.

A file holds one version of one framework: `code`, `version`, `effective_from`, `first_cycle`, English
and Welsh names, `stages` (number, names) and `domains` (code, group, names, a descriptor in each
language for every stage, and the minimum stage per programme year). Loading the same version again
changes nothing; a changed file needs a new version number, so past cycles keep what they were rated
against.
"""

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from cymuned.periods import FinancialYear

from .models import Descriptor, Domain, Framework, MinimumExpectation, Stage

SHIPPED = sorted((Path(__file__).parent / "frameworks").glob("*.json"))


class FrameworkError(ValueError):
    pass


def _need(data: dict, key: str, where: str, kind: type = str):
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise FrameworkError(f"{where}: “{key}” is missing or not a {kind.__name__}")
    return value


def parse(text: str, name: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FrameworkError(f"{name}: not JSON (line {error.lineno}, column {error.colno})") from None
    if not isinstance(data, dict):
        raise FrameworkError(f"{name}: the file must hold one object")
    _need(data, "code", name)
    _need(data, "version", name, int)
    _need(data, "name_en", name)
    _need(data, "name_cy", name)
    try:
        dt.date.fromisoformat(_need(data, "effective_from", name))
        FinancialYear.parse(_need(data, "first_cycle", name))
    except ValueError as error:
        raise FrameworkError(f"{name}: {error}") from None
    stages = _need(data, "stages", name, list)
    numbers = []
    for i, stage in enumerate(stages, 1):
        where = f"{name}, stages[{i}]"
        numbers.append(_need(stage, "stage", where, int))
        _need(stage, "name_en", where)
        _need(stage, "name_cy", where)
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        raise FrameworkError(f"{name}: stages must be numbered 1, 2, 3… without gaps")
    codes: set[str] = set()
    for i, domain in enumerate(_need(data, "domains", name, list), 1):
        where = f"{name}, domains[{i}]"
        code = _need(domain, "code", where)
        if code in codes:
            raise FrameworkError(f"{where}: the code “{code}” appears twice")
        codes.add(code)
        _need(domain, "name_en", where)
        _need(domain, "name_cy", where)
        described = set()
        for j, descriptor in enumerate(_need(domain, "descriptors", where, list), 1):
            at = f"{where}, descriptors[{j}]"
            described.add(_need(descriptor, "stage", at, int))
            _need(descriptor, "en", at)
            _need(descriptor, "cy", at)
        if described != set(numbers):
            raise FrameworkError(f"{where}: needs one descriptor for each stage {sorted(numbers)}")
        for j, minimum in enumerate(domain.get("minimum", []), 1):
            at = f"{where}, minimum[{j}]"
            if _need(minimum, "programme_year", at, int) < 1 or _need(minimum, "stage", at, int) not in numbers:
                raise FrameworkError(f"{at}: programme_year must be 1 or more and stage one of {sorted(numbers)}")
    if not codes:
        raise FrameworkError(f"{name}: a framework needs at least one domain")
    return data


@transaction.atomic
def load(data: dict) -> tuple[Framework, bool]:
    """Write a parsed framework; (framework, created). An existing version is left as it is."""
    existing = Framework.objects.filter(code=data["code"], version=data["version"]).first()
    if existing:
        return existing, False
    framework = Framework.objects.create(
        code=data["code"],
        version=data["version"],
        name_en=data["name_en"],
        name_cy=data["name_cy"],
        effective_from=dt.date.fromisoformat(data["effective_from"]),
        first_cycle=str(FinancialYear.parse(data["first_cycle"])),
        about=data.get("_about", ""),
    )
    Stage.objects.bulk_create(
        Stage(framework=framework, number=s["stage"], name_en=s["name_en"], name_cy=s["name_cy"])
        for s in data["stages"]
    )
    for order, d in enumerate(data["domains"]):
        domain = Domain.objects.create(
            framework=framework,
            code=d["code"],
            group=d.get("group", ""),
            name_en=d["name_en"],
            name_cy=d["name_cy"],
            order=order,
        )
        Descriptor.objects.bulk_create(
            Descriptor(domain=domain, stage=x["stage"], text_en=x["en"], text_cy=x["cy"]) for x in d["descriptors"]
        )
        MinimumExpectation.objects.bulk_create(
            MinimumExpectation(domain=domain, programme_year=m["programme_year"], stage=m["stage"])
            for m in d.get("minimum", [])
        )
    return framework, True


def load_file(path: Path) -> tuple[Framework, bool]:
    return load(parse(path.read_text(encoding="utf-8"), path.name))


def load_shipped() -> list[tuple[Framework, bool]]:
    return [load_file(path) for path in SHIPPED]
