"""Key findings in sentences, from the comparisons: one for each indicator that differs significantly
from its health board or Wales, in the reader's language."""

from django.utils.translation import gettext as _

from cymuned.statistics.comparison import Significance

from .dashboard import Compared, Dashboard, Row
from .definitions import Unit


def _value(row: Row, value: float | None) -> str:
    text = row.text(value) or "–"
    return f"{text} %" if row.definition.unit is Unit.PERCENT else text


def sentence(row: Row, area: str, compared: Compared) -> str | None:
    outcome = compared.comparison.significance
    if outcome is None or outcome is Significance.SIMILAR:
        return None
    values = {
        "indicator": row.name,
        "area": area,
        "value": _value(row, row.figure.value),
        "lower": row.text(row.figure.lower_95),
        "upper": row.text(row.figure.upper_95),
        "comparator": compared.area.name,
        "theirs": _value(row, compared.figure.value),
    }
    if outcome is Significance.HIGHER:
        text = _(
            "%(indicator)s in %(area)s, %(value)s (%(lower)s–%(upper)s), is significantly higher than %(comparator)s’s %(theirs)s."
        )
    else:
        text = _(
            "%(indicator)s in %(area)s, %(value)s (%(lower)s–%(upper)s), is significantly lower than %(comparator)s’s %(theirs)s."
        )
    judged = compared.comparison.judgement
    if judged is not None and judged.value != "similar":
        text += " " + (_("This is better.") if judged.value == "better" else _("This is worse."))
    return text % values


def key_findings(dashboard: Dashboard) -> list[str]:
    found = []
    for row in dashboard.rows:
        for compared in (row.board, row.wales):
            if compared is not None and (text := sentence(row, dashboard.unit.name, compared)):
                found.append(text)
    withheld = [row.name for row in dashboard.rows if row.figure.suppressed]
    if withheld:
        found.append(_("Withheld because a count is below 5: %(names)s.") % {"names": ", ".join(withheld)})
    return found
