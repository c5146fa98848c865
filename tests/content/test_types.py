"""Each type: its FTI, schema, add permission and containment."""

from datetime import date
from imio.strategicplan.content.financial_year import IFinancialYear
from imio.strategicplan.content.indicator import IIndicator
from imio.strategicplan.content.objective import IObjective
from imio.strategicplan.content.pillar import IPillar
from imio.strategicplan.content.priority_project import IPriorityProject
from imio.strategicplan.content.strategic_plan import IStrategicPlan
from imio.strategicplan.content.value import IValue
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import createObject
from zope.component import queryUtility
from zope.interface import Invalid

import pytest


TYPES = {
    "StrategicPlan": (IStrategicPlan, ["Pillar", "Value", "PriorityProject", "FinancialYear"]),
    "Pillar": (IPillar, []),
    "Value": (IValue, ["Objective", "Indicator"]),
    "Objective": (IObjective, ["Objective", "Indicator"]),
    "Indicator": (IIndicator, []),
    "PriorityProject": (IPriorityProject, []),
    "FinancialYear": (IFinancialYear, []),
}
FIELDS = {
    "StrategicPlan": {
        "reference",
        "first_year",
        "last_year",
        "legal_basis",
        "adopted_by",
        "adoption_date",
        "vision",
        "vision_statements",
        "key_figures_year",
        "key_figures",
        "members_date",
        "members",
        "tariff_categories",
        "tariff_notes",
    },
    "Pillar": {"code", "number"},
    "Value": {"motto", "explanation", "weight"},
    "Objective": {"kind", "pillars", "responsible", "planned_start", "planned_end", "health", "progress", "weight"},
    "Indicator": {"unit", "direction", "baseline", "baseline_year", "targets", "frequency", "measurements", "weight"},
    "PriorityProject": {"details", "served", "lead", "status", "start", "end", "budget", "weight", "progress"},
    "FinancialYear": {
        "year",
        "kind",
        "revenue_lines",
        "charge_lines",
        "subsidy_lines",
        "printed_figures",
        "exceptional_lines",
        "notes",
    },
}


class TestTypes:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    @pytest.mark.parametrize("portal_type", TYPES)
    def test_fti(self, portal_type):
        fti = queryUtility(IDexterityFTI, name=portal_type)
        schema, allowed = TYPES[portal_type]
        assert fti.lookupSchema() is schema
        assert fti.add_permission == f"imio.strategicplan.Add{portal_type}"
        assert list(fti.allowed_content_types) == allowed
        assert fti.filter_content_types
        assert schema.providedBy(createObject(fti.factory))

    @pytest.mark.parametrize("portal_type", TYPES)
    def test_schema_fields(self, portal_type):
        schema = TYPES[portal_type][0]
        assert set(schema.names()) == FIELDS[portal_type]

    @pytest.mark.parametrize("portal_type", TYPES)
    def test_add_permission_granted_to_contributors(self, portal_type):
        roles = {
            r["name"] for r in self.portal.rolesOfPermission(f"imio.strategicplan: Add {portal_type}") if r["selected"]
        }
        assert {"Manager", "Site Administrator", "Contributor", "Owner"} <= roles
        assert "Member" not in roles and "Anonymous" not in roles

    def test_build_a_plan_by_hand(self):
        plan = api.content.create(
            self.portal,
            "StrategicPlan",
            title="Plan 2023-2025",
            reference="IMIO2023/2025-V1.0",
            first_year=2023,
            last_year=2025,
        )
        pillar = api.content.create(plan, "Pillar", title="Mutualiser", code="P1", number=1)
        value = api.content.create(plan, "Value", title="Coopération", motto="Ensemble.")
        objective = api.content.create(value, "Objective", title="Fédérer")
        operational = api.content.create(objective, "Objective", title="Ateliers", kind="operational")
        indicator = api.content.create(operational, "Indicator", title="Nombre d'ateliers")
        assert (objective.kind, objective.health, objective.progress) == ("strategic", "on_track", 0)
        assert operational.kind == "operational"
        assert (indicator.direction, indicator.frequency, indicator.measurements) == ("higher", "yearly", [])
        assert IPillar.providedBy(pillar)

    @pytest.mark.parametrize(
        "container_type,child_type",
        [
            ("Value", "Pillar"),
            ("Value", "FinancialYear"),
            ("Objective", "Value"),
            ("Objective", "Pillar"),
            ("StrategicPlan", "Objective"),
            ("StrategicPlan", "Indicator"),
        ],
    )
    def test_containment_refused(self, container_type, child_type):
        [brain, *_] = api.content.find(portal_type=container_type)
        with pytest.raises((ValueError, api.exc.InvalidParameterError)):
            api.content.create(brain.getObject(), child_type, title="Mal placé")

    @pytest.mark.parametrize("portal_type", [t for t in TYPES if t != "StrategicPlan"])
    def test_only_the_plan_at_the_site_root(self, portal_type):
        with pytest.raises((ValueError, api.exc.InvalidParameterError)):
            api.content.create(self.portal, portal_type, title="Hors plan")

    def test_invariants(self):
        class Data:
            first_year, last_year = 2022, 2020

        with pytest.raises(Invalid):
            IStrategicPlan.validateInvariants(Data())

        class Dates:
            planned_start, planned_end = date(2021, 1, 1), date(2020, 1, 1)

        with pytest.raises(Invalid):
            IObjective.validateInvariants(Dates())
