"""The synthetic national data set: 1,250 synthetic clusters shared among the seven health boards,
25,000 projects, 100,000 returns over four quarters, written as the CSV files people would import.
`scale` multiplies the clusters (4: 100,000 projects, 400,000 returns)."""

import csv
import io
import random

NEIGHBOURHOODS = 1250
PROJECTS_PER = 20
PERIODS = ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4"]
QUALITY = ["expected"] * 8 + ["problems", "significant_problems"]
RESOURCES = ["none"] * 8 + ["resolvable", "unresolvable"]
STAKEHOLDERS = ["engaged"] * 8 + ["resistance_addressable", "resistance"]


def neighbourhood_codes(scale: int = 1) -> list[str]:
    return [f"BN{i:04d}" for i in range(NEIGHBOURHOODS * scale)]


def projects_csv(scale: int = 1) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "code",
            "name",
            "clusters",
            "theme",
            "priority_condition",
            "start_date",
            "end_date",
            "annual_budget_gbp",
        ]
    )
    rng = random.Random(1)
    for n, code in enumerate(neighbourhood_codes(scale)):
        for p in range(PROJECTS_PER):
            writer.writerow(
                [
                    f"{code}-P{p:02d}",
                    f"Bench project {n}-{p} (synthetic)",
                    code,
                    rng.choice(["Frailty", "Mental health", "Respiratory", "Diabetes"]),
                    rng.choice(["", "hypertension", "diabetes", "asthma"]),
                    "2025-04-01",
                    "",
                    f"{rng.randint(10, 90) * 1000}",
                ]
            )
    return out.getvalue().encode()


def return_rows(scale: int = 1) -> list[list[str]]:
    rng = random.Random(2)
    rows = []
    for code in neighbourhood_codes(scale):
        for p in range(PROJECTS_PER):
            for period in PERIODS:
                budget = rng.randint(10, 90) * 1000
                rows.append(
                    [
                        f"{code}-P{p:02d}",
                        period,
                        str(rng.choice([90, 96, 100, 104, 110])),
                        f"£{budget:,}.00",
                        str(budget + rng.choice([-2000, 0, 1000, 4000, 8000])),
                        str(rng.choice([0, 1, 3, 5])),
                        rng.choice(QUALITY),
                        rng.choice(RESOURCES),
                        rng.choice(STAKEHOLDERS),
                        "Synthetic benchmark return",
                        "",
                        "",
                    ]
                )
    return rows


RETURN_HEADER = [
    "project_code",
    "period",
    "target_attainment_pct",
    "budget_gbp",
    "forecast_spend_gbp",
    "milestone_delay_weeks",
    "quality",
    "resources",
    "stakeholders",
    "narrative",
    "rag_override",
    "override_reason",
]


def returns_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(RETURN_HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()
