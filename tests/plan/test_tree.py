"""Walking a plan's objects (plan/tree.py), without a Plone layer: plain objects with the two
things the walk reads, ``portal_type`` and ``objectValues()``."""

from imio.strategicplan.plan.tree import children
from imio.strategicplan.plan.tree import indicators_below


class Node:
    def __init__(self, portal_type, name, *items):
        self.portal_type, self.name, self.items = portal_type, name, items

    def objectValues(self):
        return list(self.items)


PLAN = Node(
    "StrategicPlan",
    "plan",
    Node("Pillar", "p1"),
    Node(
        "Value",
        "v1",
        Node("Objective", "o1", Node("Indicator", "i1"), Node("Objective", "o1.1", Node("Indicator", "i2"))),
        Node("Indicator", "i3"),
    ),
    Node("FinancialYear", "2020"),
    Node("Value", "v2", Node("Indicator", "i4")),
    Node("PriorityProject", "pp1"),
)


def test_children_of_a_type_in_folder_order():
    assert [n.name for n in children(PLAN, "Value")] == ["v1", "v2"]
    assert [n.name for n in children(PLAN, "Indicator")] == []


def test_indicators_below_in_the_plans_order():
    assert [n.name for n in indicators_below(PLAN)] == ["i1", "i2", "i3", "i4"]
    assert [n.name for n in indicators_below(PLAN.items[1].items[0])] == ["i1", "i2"]
