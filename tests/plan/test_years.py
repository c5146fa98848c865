"""The one year rule (plan/years.py), without a Plone layer: plain objects stand for plans."""

from datetime import date
from imio.strategicplan.plan.years import current_year
from imio.strategicplan.plan.years import FIRST_YEAR
from imio.strategicplan.plan.years import LAST_YEAR
from imio.strategicplan.plan.years import parse_year
from imio.strategicplan.plan.years import year_from
from imio.strategicplan.plan.years import YearError
from types import SimpleNamespace
from zope.i18n import translate

import pytest


PLAN = SimpleNamespace(first_year=2020, last_year=2022)


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2019, 6, 1), 2020),  # before it starts: its first year
        (date(2020, 1, 1), 2020),
        (date(2021, 12, 31), 2021),  # while it runs: this year
        (date(2022, 7, 1), 2022),
        (date(2026, 12, 8), 2022),  # once it is over: its last year
    ],
)
def test_current_year(today, expected):
    assert current_year(PLAN, today) == expected


def test_current_year_of_a_plan_without_years():
    assert current_year(SimpleNamespace(), date(2031, 3, 3)) == 2031
    assert current_year(SimpleNamespace(first_year=None, last_year=None), date(2031, 3, 3)) == 2031


@pytest.mark.parametrize(
    "value, expected",
    [("2021", 2021), (" 2021 ", 2021), (2021, 2021), (str(FIRST_YEAR), FIRST_YEAR), (str(LAST_YEAR), LAST_YEAR)],
)
def test_parse_year(value, expected):
    assert parse_year(value) == expected


@pytest.mark.parametrize(
    "value",
    ["abc", "20201", "2020.5", "", str(FIRST_YEAR - 1), str(LAST_YEAR + 1), ["2020", "2021"], None, True, 2020.0],
)
def test_parse_year_refuses(value):
    with pytest.raises(YearError) as raised:
        parse_year(value)
    french = translate(raised.value.message, target_language="fr")
    assert french.startswith(f"year : année entre {FIRST_YEAR} et {LAST_YEAR} attendue, reçu ")


def test_repeated_parameter_is_shown_whole():
    with pytest.raises(YearError) as raised:
        parse_year(["2020", "2021"])
    assert translate(raised.value.message, target_language="fr").endswith("reçu 2020, 2021")


def test_year_from_a_form():
    today = date(2026, 12, 8)
    assert year_from({}, PLAN, today) == 2022
    assert year_from({"year": ""}, PLAN, today) == 2022
    assert year_from({"year": "2021"}, PLAN, today) == 2021
    assert year_from({"year": "2030"}, PLAN, today) == 2030  # any year in range may be asked for
    with pytest.raises(YearError):
        year_from({"year": "x"}, PLAN, today)
