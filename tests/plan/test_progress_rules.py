"""The progress roll-up (plan/progress.py) on plain data, without a Plone layer: the hand-checked
plan of tests/content/test_progress.py (docs/progress.md)."""

from imio.strategicplan.plan.progress import Node
from imio.strategicplan.plan.progress import Rollup

import pytest


YEAR = 2021


def indicator(uid, parent, baseline, target, value, weight=1.0, direction="higher", year=YEAR):
    summary = {
        "unit": None,
        "direction": direction,
        "baseline": baseline,
        "baseline_year": None,
        "frequency": "yearly",
        "targets": {str(year): target},
        "latest": {"date": f"{YEAR}-06-30", "value": value},
    }
    return Node(uid, "Indicator", parent, weight=weight, summary=summary)


def plan(o1_weight=2.0):
    return [
        Node("plan", "StrategicPlan", None),
        Node("a", "Value", "plan"),
        Node("b", "Value", "plan", weight=3.0),
        Node("c", "Value", "plan"),
        Node("o1", "Objective", "a", weight=o1_weight),
        indicator("i1", "o1", 0, 10, 5),
        indicator("i2", "o1", 0, 100, 120, weight=3.0),
        Node("o2", "Objective", "a", progress=20),
        Node("o3", "Objective", "a", progress=20),
        indicator("i3", "a", 100, 50, 75, direction="lower"),
        Node("o4", "Objective", "b", progress=10),
        indicator("i4", "o4", 0, 10, 5, year=YEAR + 1),
        Node("p1", "PriorityProject", "plan", status="in_progress", progress=40, served=("o2",)),
        Node("p2", "PriorityProject", "plan", status="done", served=("b",)),
        Node("p3", "PriorityProject", "plan", status="cancelled", progress=90, served=("b",)),
    ]


def test_hand_checked():
    r = Rollup(plan(), YEAR)
    assert (r.of("i1"), r.of("i2"), r.of("i3"), r.of("i4")) == (50, 100, 50, None)
    assert (r.of("o1"), r.of("o2"), r.of("o3"), r.of("o4")) == (87.5, 40, 20, 10)
    assert (r.entries["o2"].source, r.entries["o3"].source) == ("parts", "recorded")
    assert (r.of("a"), r.of("b"), r.of("c")) == (57, 55, None)
    assert (r.of("p2"), r.of("p3")) == (100, None)
    assert r.plan == 55.5 and r.of("plan") == 55.5
    # projects first, each value after its parts, the plan last
    order = [node.uid for node, _ in r.items]
    assert order[:3] == ["p1", "p2", "p3"] and order[-1] == "plan"
    assert order.index("o1") < order.index("a") and order.index("o4") < order.index("b")


def test_weight_zero_and_default():
    assert Rollup(plan(o1_weight=0.0), YEAR).of("a") == pytest.approx((40 + 20 + 50) / 3)
    assert Rollup(plan(o1_weight=None), YEAR).of("a") == pytest.approx((87.5 + 40 + 20 + 50) / 4)


def test_another_year_uses_its_targets():
    r = Rollup(plan(), YEAR + 1)
    assert (r.of("i4"), r.of("o4")) == (50, 50)
