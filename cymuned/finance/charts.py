"""Finance charts: cumulative spend against a straight-line budget profile."""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cymuned import charts, periods
from cymuned.periods import FinancialYear


def month_labels() -> list[str]:
    """The financial year's months, April first, in the page's language ("Ebr" … "Maw" in Welsh)."""
    language = get_language() or "en"
    return [periods.month_name((m + 2) % 12 + 1, language, short=True) for m in range(1, 13)]


def cumulative_rows(budget: Decimal, monthly: list[Decimal]) -> list[dict]:
    """Month by month: spend so far and the budget profile (a twelfth of the budget a month)."""
    rows, spent, labels = [], Decimal(0), month_labels()
    for month, amount in enumerate(monthly, start=1):
        spent += amount
        rows.append(
            {
                "month": month,
                "label": labels[month - 1],
                "spend": float(spent),
                "profile": float(budget * month / 12),
            }
        )
    return rows


def cumulative_spend(
    name: str, year: FinancialYear, budget: Decimal, monthly: list[Decimal], synthetic: bool = False
) -> dict:
    """The chart of a cluster's spend; a synthetic spend is named so in its title and description."""
    rows = cumulative_rows(budget, monthly)
    series = [_("Cumulative spend"), _("Budget profile")]
    values = [
        {"month": r["month"], "label": r["label"], "series": name, "amount": r[key]}
        for r in rows
        for key, name in (("spend", series[0]), ("profile", series[1]))
    ]
    return charts.spec(
        {
            "title": f"{name} {year} ({_('synthetic spend')})" if synthetic else f"{name} {year}",
            "data": {"values": values},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "label", "type": "ordinal", "sort": month_labels(), "title": _("Month")},
                "y": {
                    "field": "amount",
                    "type": "quantitative",
                    "title": _("£"),
                    "axis": {"format": ",.0f"},
                },
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "legend": {"orient": "bottom"},
                    "scale": {"domain": series, "range": [charts.NHS_BLUE, charts.NHS_GREY]},
                },
                "strokeDash": {
                    "field": "series",
                    "type": "nominal",
                    "scale": {"domain": series, "range": [[1, 0], [6, 4]]},
                },
                "tooltip": [
                    {"field": "label", "title": _("Month")},
                    {"field": "series"},
                    {"field": "amount", "format": ",.2f"},
                ],
            },
        },
        description=_(
            "Cumulative spend of %(name)s in %(year)s against a straight-line profile of its budget of £%(budget)s."
        )
        % {"name": name, "year": year, "budget": f"{budget:,.0f}"}
        + (" " + _("The spend is synthetic: made up for the demonstration.") if synthetic else ""),
        height=220,
    )
