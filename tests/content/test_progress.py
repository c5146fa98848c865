"""Progress roll-up (plan/progress.py, read from the catalog by followup/progress.py) on
hand-checked cases; the rule is in docs/progress.md."""

from datetime import date
from imio.strategicplan.followup import progress
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest


YEAR = 2021


def measured(container, id, baseline, target, value, weight=1.0, direction="higher", year=YEAR):
    return api.content.create(
        container,
        "Indicator",
        id=id,
        title=id,
        direction=direction,
        baseline=baseline,
        weight=weight,
        targets=[{"year": year, "value": target}],
        measurements=[{"date": date(YEAR, 6, 30), "value": value, "comment": None}],
    )


class TestRollup:
    """Hand-checked:

    - O1 (weight 2) = I1 50 % (weight 1) and I2 120 % clipped to 100 % (weight 3): (50 + 300) / 4 = 87.5
    - O2 = project P1, in progress at 40 % (O2's recorded 20 % is not used): 40
    - O3 = nothing measured: its recorded 20 %
    - I3 under A directly, "lower is better" 100 → 50, measured 75: half the way, 50
    - A = (87.5 × 2 + 40 + 20 + 50) / 5 = 57
    - O4 = I4 has no target for 2021, so its recorded 10 %
    - B (weight 3) = O4 10, project P2 done 100, project P3 cancelled left out: (10 + 100) / 2 = 55
    - C has nothing: no progress, left out of the plan
    - plan = (57 + 55 × 3) / 4 = 55.5
    """

    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        portal = integration["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        intids = getUtility(IIntIds)
        self.plan = plan = api.content.create(portal, "StrategicPlan", id="plan", title="Plan")
        a = api.content.create(plan, "Value", id="a", title="A", motto="a")
        b = api.content.create(plan, "Value", id="b", title="B", motto="b", weight=3.0)
        self.c = api.content.create(plan, "Value", id="c", title="C", motto="c")
        self.o1 = o1 = api.content.create(a, "Objective", id="o1", title="O1", weight=2.0)
        measured(o1, "i1", 0, 10, 5)
        measured(o1, "i2", 0, 100, 120, weight=3.0)
        o2 = api.content.create(a, "Objective", id="o2", title="O2", progress=20)
        api.content.create(a, "Objective", id="o3", title="O3", progress=20)
        measured(a, "i3", 100, 50, 75, direction="lower")
        o4 = api.content.create(b, "Objective", id="o4", title="O4", progress=10)
        measured(o4, "i4", 0, 10, 5, year=YEAR + 1)
        api.content.create(
            plan,
            "PriorityProject",
            id="p1",
            title="P1",
            status="in_progress",
            progress=40,
            served=[RelationValue(intids.getId(o2))],
        )
        api.content.create(
            plan, "PriorityProject", id="p2", title="P2", status="done", served=[RelationValue(intids.getId(b))]
        )
        api.content.create(
            plan,
            "PriorityProject",
            id="p3",
            title="P3",
            status="cancelled",
            progress=90,
            served=[RelationValue(intids.getId(b))],
        )
        self.a, self.b = a, b

    def test_hand_checked(self):
        r = progress.rollup(self.plan, YEAR)

        def of(*path):
            return r.of(self.plan.restrictedTraverse("/".join(path)))

        assert of("a", "o1", "i1") == 50 and of("a", "o1", "i2") == 100 and of("a", "i3") == 50
        assert of("b", "o4", "i4") is None
        assert of("a", "o1") == 87.5
        assert of("a", "o2") == 40 and r.entries[self.a["o2"].UID()].source == "parts"
        assert of("a", "o3") == 20 and r.entries[self.a["o3"].UID()].source == "recorded"
        assert of("a") == 57
        assert of("b", "o4") == 10
        assert of("p2") == 100 and of("p3") is None
        assert of("b") == 55
        assert of("c") is None
        assert r.plan == 55.5 and r.of(self.plan) == 55.5

    def test_weight_zero_leaves_an_item_out(self):
        self.o1.weight = 0.0
        self.o1.reindexObject()  # as an edit form does: the roll-up reads the catalog
        r = progress.rollup(self.plan, YEAR)
        assert r.of(self.a) == pytest.approx((40 + 20 + 50) / 3)
        self.b.weight = 1.0
        self.b.reindexObject()
        assert progress.rollup(self.plan, YEAR).plan == pytest.approx(((40 + 20 + 50) / 3 + 55) / 2)

    def test_equal_weights_by_default(self):
        for obj in (self.o1, self.o1["i2"], self.b):
            del obj.weight  # as an item made before the field existed: the schema default, 1
            obj.reindexObject()
        r = progress.rollup(self.plan, YEAR)
        assert r.of(self.o1) == 75  # (50 + 100) / 2
        assert r.of(self.a) == pytest.approx((75 + 40 + 20 + 50) / 4)
        assert r.plan == pytest.approx(((75 + 40 + 20 + 50) / 4 + 55) / 2)

    def test_operational_objectives_count_in_their_objective(self):
        o3 = self.a["o3"]
        operational = api.content.create(o3, "Objective", id="o31", title="O3.1", kind="operational", progress=80)
        r = progress.rollup(self.plan, YEAR)
        assert r.of(operational) == 80 and r.of(o3) == 80  # its own recorded 20 % no longer used
        assert r.of(self.a) == (87.5 * 2 + 40 + 80 + 50) / 5

    def test_another_year_uses_its_targets(self):
        r = progress.rollup(self.plan, YEAR + 1)
        assert r.of(self.plan.restrictedTraverse("b/o4/i4")) == 50
        assert r.of(self.plan.restrictedTraverse("b/o4")) == 50  # measured now, recorded 10 % no longer used

    def test_seed_plan(self):
        plan = self.plan.aq_parent[SEED_PLAN_ID]
        r = progress.rollup(plan, 2020)
        # the seed records 0 % on each objective and no measurement; its projects are planned at 0 %
        assert r.plan == 0
        assert all(r.of(v) == 0 for v in plan.objectValues() if v.portal_type == "Value")
