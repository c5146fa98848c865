"""iMio's 2020-2022 plan, imported through the import path users have, is all there."""

from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api

import pytest


# Counts read off the source document (plan-strategique-imio-2020-2022.txt):
# six pillars (§2), six values (§6.1-6.6) with 2+3+8+4+5+3 objectives and
# 0+3+5+4+2+2 indicators, four priority projects (§7.1-7.4), years 2012-2022 (§8.5.1, §8.9).
EXPECTED_COUNTS = {
    "StrategicPlan": 1,
    "Pillar": 6,
    "Value": 6,
    "Objective": 25,
    "Indicator": 16,
    "PriorityProject": 4,
    "FinancialYear": 11,
}
OBJECTIVES_PER_VALUE = {
    "Intégrité et éthique": (2, 0),
    "Ouverture et transparence": (3, 3),
    "Coopération": (8, 5),
    "Maîtrise": (4, 4),
    "Innovation": (5, 2),
    "Efficacité et qualité": (3, 2),
}


class TestSeedImport:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        self.plan = self.portal[SEED_PLAN_ID]
        self.path = "/".join(self.plan.getPhysicalPath())

    def _count(self, portal_type):
        return len(api.content.find(path=self.path, portal_type=portal_type))

    @pytest.mark.parametrize("portal_type,count", EXPECTED_COUNTS.items())
    def test_counts(self, portal_type, count):
        assert self._count(portal_type) == count

    def test_plan_fields(self):
        plan = self.plan
        assert plan.title == "Plan Stratégique 2020-2022"
        assert plan.reference == "IMIO2020/2022-V1.0"
        assert (plan.first_year, plan.last_year) == (2020, 2022)
        assert plan.adopted_by == "Assemblée Générale"
        assert plan.adoption_date.isoformat() == "2019-12-12"
        assert "Code de la Démocratie Locale" in plan.legal_basis
        assert len(plan.vision_statements) == 6
        assert plan.members_date.isoformat() == "2019-10-25"
        # §5.6: the seven categories add up to the printed TOTAL of 304.
        assert len(plan.members) == 7
        assert sum(row["count"] for row in plan.members) == 304
        assert [row["category"] for row in plan.tariff_categories][-1] == "Provinces"
        assert len(plan.tariff_categories) == 8

    def test_pillars_in_order_with_codes(self):
        pillars = [p for p in self.plan.contentValues() if p.portal_type == "Pillar"]
        assert [p.code for p in pillars] == ["P1", "P2", "P3", "P4", "P5", "P6"]
        assert pillars[2].title.startswith("Mettre en place un cadre d'interopérabilité")

    @pytest.mark.parametrize("title,counts", OBJECTIVES_PER_VALUE.items())
    def test_value_objectives_and_indicators(self, title, counts):
        [value] = [v for v in self.plan.contentValues() if v.portal_type == "Value" and v.title == title]
        kinds = [c.portal_type for c in value.contentValues()]
        assert (kinds.count("Objective"), kinds.count("Indicator")) == counts
        assert value.motto.startswith("Parce que")

    def test_financial_years(self):
        years = {y.year: y for y in self.plan.contentValues() if y.portal_type == "FinancialYear"}
        assert sorted(years) == list(range(2012, 2023))
        assert {y: years[y].kind for y in (2018, 2019, 2020)} == {2018: "actual", 2019: "partial", 2020: "forecast"}
        site_internet_2012 = [r for r in years[2012].revenue_lines if r["product_line"] == "Site Internet"]
        assert site_internet_2012 == [
            {"activity": "software", "product_line": "Site Internet", "amount": 159680.77, "source": "§8.5.1"}
        ]
        salaries_2012 = [
            r["amount"] for r in years[2012].charge_lines if r["label"] == "Rémunérations et charges sociales"
        ]
        assert salaries_2012 == [-1235897.0]

    def test_every_item_names_its_source(self):
        brains = api.content.find(path=self.path)
        assert all(b.getObject().source for b in brains)

    def test_accents_intact(self):
        [value] = api.content.find(path=self.path, portal_type="Value", Title="Intégrité")
        assert value.Title == "Intégrité et éthique"
