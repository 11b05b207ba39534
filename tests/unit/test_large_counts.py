"""Counts past a thousand are shown with their thousands grouped ("25,000 of 25,043"), in Welsh as in
English (Django's Welsh formats group with a comma), while the plural is still chosen by the number
itself. A national quarter has 25,000 returns; "25000" is hard to read at a glance."""

import pytest
from django.template import Context, Template
from django.utils import translation

from cymuned.portfolio.coverage import Coverage

MISSING = tuple(f"BN{i:04d}-P01" for i in range(60))


def coverage_line(language: str, monitored: int, with_return: int, missing: tuple[str, ...] = ()) -> str:
    template = Template("{% load portfolio_tags %}{% coverage_note c %}")
    with translation.override(language):
        return " ".join(template.render(Context({"c": Coverage(monitored, with_return, missing)})).split())


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "25,000 of 25,060 monitored projects have a return for this quarter; missing: BN0000-P01"),
        # cy: 25,060 takes the plural "o brosiectau" (plural form 2), as 25060 did
        ("cy", "Mae gan 25,000 o 25,060 o brosiectau a fonitrir ffurflen ar gyfer y chwarter hwn; "),
    ],
)
def test_the_coverage_line_groups_thousands(language, said):
    line = coverage_line(language, 25060, 25000, MISSING)
    assert said in line
    assert "25000" not in line and "25060" not in line


@pytest.mark.parametrize(
    ("monitored", "said"),
    [
        # the plural forms still follow the number: 1 → form 0, 2 → form 1 (soft mutation), 1,002 → form 2
        (1, "Mae gan 1 o 1 prosiect a fonitrir"),
        (2, "Mae gan 2 o 2 brosiect a fonitrir"),
        (1002, "Mae gan 1,002 o 1,002 o brosiectau a fonitrir"),
    ],
)
def test_the_welsh_plural_still_follows_the_number(monitored, said):
    assert said in coverage_line("cy", monitored, monitored)


def test_the_english_singular_still_follows_the_number():
    assert "1 of 1 monitored project has a return" in coverage_line("en", 1, 1)
