"""Indicator definitions as data: the versioned JSON files in `definitions/`, read and checked here,
loaded into the table by `cymuned load-indicators`.

A definition says what is counted (`numerator`), out of whom (`denominator`), in which unit, which way
is better (`polarity`), where the figures come from, and how their uncertainty is shown (`ci_method`).

- numerator kinds: `register` (a disease register, `register`: its id, `register_name`: its published
  English name), `registered` (registered patients aged `min_age` or over), `deprived_fifth` (patients
  living in WIMD 2019 deciles 1–2);
- denominator kinds: `registered` (registered patients aged `min_age` or over), `placed` (patients the
  practice–LSOA data place in a known LSOA), `none` (a count with no rate).
"""

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from cymuned.statistics.comparison import Polarity

DEFINITIONS_DIR = Path(__file__).parent / "definitions"


class Unit(StrEnum):
    PERCENT = "percent"
    PER_1000 = "per_1000"
    PER_100000 = "per_100000"
    COUNT = "count"

    @property
    def multiplier(self) -> int:
        return {"percent": 100, "per_1000": 1000, "per_100000": 100_000, "count": 1}[self.value]


class CiMethod(StrEnum):
    WILSON = "wilson"
    BYAR = "byar"
    NONE = "none"


NUMERATOR_KINDS = ("register", "registered", "deprived_fifth")
DENOMINATOR_KINDS = ("registered", "placed", "none")


@dataclass(frozen=True)
class Definition:
    id: str
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    numerator: dict[str, Any]
    denominator: dict[str, Any]
    unit: Unit
    polarity: Polarity
    source: str
    publication: str
    ci_method: CiMethod
    order: int = 0
    version: int = 1
    effective_from: date = date(2019, 4, 1)
    names: tuple[str, ...] = field(default=())  # the spellings an import may use, normalised

    @property
    def register(self) -> str | None:
        return str(self.numerator["register"]) if self.numerator["kind"] == "register" else None

    @property
    def min_age(self) -> int:
        return int(self.denominator.get("min_age", 0))


def normalised(text: str) -> str:
    """Lower case without spaces or punctuation: "Stroke / TIA" → "stroketia"."""
    return re.sub(r"[^0-9a-z+]", "", text.lower())


class DefinitionError(ValueError):
    pass


def parse(document: dict[str, Any], where: str) -> list[Definition]:
    """The definitions of one file, checked; a fault names the file and the indicator."""
    try:
        version = int(document["version"])
        effective = date.fromisoformat(str(document["effective_from"]))
        items = list(document["indicators"])
    except (KeyError, TypeError, ValueError) as error:
        raise DefinitionError(f"{where}: needs version, effective_from and indicators ({error})") from None
    found: list[Definition] = []
    seen: set[str] = set()
    for order, item in enumerate(items, start=1):
        ident = str(item.get("id", ""))
        label = f"{where}, indicator {order} ({ident or 'no id'})"
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
            raise DefinitionError(f"{label}: the id must be lower case words joined by hyphens")
        if ident in seen:
            raise DefinitionError(f"{label}: the id appears twice")
        seen.add(ident)
        try:
            numerator, denominator = dict(item["numerator"]), dict(item["denominator"])
            definition = Definition(
                id=ident,
                name_en=str(item["name_en"]),
                name_cy=str(item["name_cy"]),
                description_en=str(item["description_en"]),
                description_cy=str(item["description_cy"]),
                numerator=numerator,
                denominator=denominator,
                unit=Unit(item["unit"]),
                polarity=Polarity(item["polarity"]),
                source=str(item["source"]),
                publication=str(item["publication"]),
                ci_method=CiMethod(item["ci_method"]),
                order=order,
                version=version,
                effective_from=effective,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise DefinitionError(f"{label}: {error}") from None
        if numerator.get("kind") not in NUMERATOR_KINDS:
            raise DefinitionError(f"{label}: the numerator kind must be one of {', '.join(NUMERATOR_KINDS)}")
        if denominator.get("kind") not in DENOMINATOR_KINDS:
            raise DefinitionError(f"{label}: the denominator kind must be one of {', '.join(DENOMINATOR_KINDS)}")
        if (denominator["kind"] == "none") != (definition.unit is Unit.COUNT):
            raise DefinitionError(f"{label}: a count has no denominator, and only a count")
        if definition.unit is Unit.PERCENT and definition.ci_method is CiMethod.BYAR:
            raise DefinitionError(f"{label}: a percentage takes Wilson score intervals")
        spellings = {normalised(ident), normalised(definition.name_en)}
        if definition.register:
            spellings |= {normalised(definition.register), normalised(str(numerator.get("register_name", "")))}
        found.append(replace(definition, names=tuple(sorted(s for s in spellings if s))))
    return found


def read(path: Path) -> list[Definition]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DefinitionError(f"{path.name}: {error}") from None
    return parse(document, path.name)


def shipped() -> list[Definition]:
    """The newest shipped file's definitions (the files are named indicators-vN.json)."""
    files = sorted(DEFINITIONS_DIR.glob("indicators-v*.json"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    return read(files[-1])
