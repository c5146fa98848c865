"""Numbers as the plan's pages, exports and report write them (plan/numbers.py), without a Plone layer."""

from imio.strategicplan.plan.finance import format_amount
from imio.strategicplan.plan.numbers import format_number

import pytest


NNBSP = "\u202f"


@pytest.mark.parametrize(
    "value, kw, expected",
    [
        (1066797, {}, f"1{NNBSP}066{NNBSP}797"),
        (-1066797.4, {"decimals": 0}, f"-1{NNBSP}066{NNBSP}797"),
        (9.5, {}, "9,5"),  # as many decimals as needed, up to two
        (9.50001, {}, "9,5"),
        (2.125, {"suffix": "%"}, "2,12 %"),
        (1234.0, {"suffix": "nombre"}, f"1{NNBSP}234 nombre"),
        (89.66, {"suffix": "%", "decimals": 1}, "89,7 %"),
        (None, {}, "—"),
        (None, {"empty": ""}, ""),
    ],
)
def test_format_number(value, kw, expected):
    assert format_number(value, **kw) == expected


def test_amounts_are_numbers_in_euros_or_percent():
    assert format_amount(-1066797.2) == f"-1{NNBSP}066{NNBSP}797 €"
    assert format_amount(89.66, "%", 1) == "89,7 %"
    assert format_amount(1430362.07, decimals=2) == f"1{NNBSP}430{NNBSP}362,07 €"
    assert format_amount(None) == "—"
