"""An indicator's status and staleness (plan/indicators.py), without a Plone layer."""

from datetime import date
from imio.strategicplan.plan.indicators import is_stale
from imio.strategicplan.plan.indicators import Limits
from imio.strategicplan.plan.indicators import reached
from imio.strategicplan.plan.indicators import status

import pytest


LIMITS = Limits(on_track=0.9, at_risk=0.6)


def data(baseline=None, target=None, latest=None, direction="higher", frequency="yearly", on="2021-06-30"):
    return {
        "unit": "nombre",
        "direction": direction,
        "baseline": baseline,
        "baseline_year": 2019,
        "frequency": frequency,
        "targets": {} if target is None else {"2021": target},
        "latest": None if latest is None else {"date": on, "value": latest},
    }


@pytest.mark.parametrize(
    "summary, expected",
    [
        (data(target=None, latest=5), "no_target"),
        (data(target=10), "no_data"),
        (data(baseline=0, target=10, latest=9), "on_track"),  # 90 % of the way
        (data(baseline=0, target=10, latest=6), "at_risk"),
        (data(baseline=0, target=10, latest=5.9), "off_track"),
        (data(baseline=20, target=10, latest=11, direction="lower"), "on_track"),  # from 20 down to 10
        (data(target=10, latest=3, direction="lower"), "on_track"),  # no baseline: below the ceiling
    ],
)
def test_status(summary, expected):
    assert status(summary, 2021, LIMITS) == expected


def test_reached_is_the_share_of_the_way():
    assert reached(data(baseline=100, target=200, latest=150), 2021) == 0.5
    assert reached(data(baseline=100, target=200, latest=250), 2021) == 1.5
    assert reached(data(baseline=100, target=200, latest=150), 2022) is None  # no target that year


@pytest.mark.parametrize(
    "frequency, last, stale",
    [
        ("yearly", "2021-01-01", False),
        ("yearly", "2020-06-01", True),
        ("quarterly", "2021-10-01", False),
        ("quarterly", "2021-08-01", True),
    ],
)
def test_staleness_follows_the_frequency(frequency, last, stale):
    assert is_stale(data(target=1, latest=1, frequency=frequency, on=last), date(2021, 12, 31)) is stale


def test_never_measured_is_stale():
    assert is_stale(data(target=1), date(2021, 12, 31)) is True
