"""The evaluation report of 2020 for the seed plan, generated once and read back with pypdf."""

from datetime import date
from imio.strategicplan.followup.reviews import record_review
from imio.strategicplan.reporting import report
from imio.strategicplan.reporting.financial_year import YearTables
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from pypdf import PdfReader

import io
import pytest


VALUES = (
    "Intégrité et éthique",
    "Ouverture et transparence",
    "Coopération",
    "Maîtrise",
    "Innovation",
    "Efficacité et qualité",
)
HEADINGS = (
    "Synthèse du plan",
    "Valeurs, objectifs et indicateurs",
    "Projets prioritaires",
    "Trajectoire financière",
    "Graphiques",
    "Décisions de l'année 2020",
)
BOARD_DECISION = "CA-2020-03-10/4"  # approve_by_board, run below
REVIEW = "CA-2020-06-30/2"  # a follow-up review


def _record_decisions(portal, plan):
    """Back through the board in 2020 (a decision of the year) and a follow-up review."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    workflow = api.portal.get_tool("portal_workflow")
    workflow.doActionFor(plan, "amend", comment="Révision du plan.")
    workflow.doActionFor(plan, "submit_to_board")
    workflow.doActionFor(
        plan, "approve_by_board", comment="Approuvé.", decision_date="2020-03-10", decision_reference=BOARD_DECISION
    )
    record_review(plan, {"date": "2020-06-30", "decision_reference": REVIEW, "comment": "Suivi du premier semestre."})


def _measure(value):
    """The first indicator of ``value``: baseline 4, target 12 for 2020, measured 10 (75 % of the way: at risk)."""
    indicator = next(o for o in value.objectValues() if o.portal_type == "Indicator")
    indicator.baseline = 4.0
    indicator.targets = [{"year": 2020, "value": 12.0}, {"year": 2021, "value": 16.0}]
    indicator.measurements = [{"date": date(2020, 11, 30), "value": 10.0, "comment": None}]
    return indicator


@pytest.fixture(scope="class")
def made(portal_class, integration_class):
    portal, request = portal_class, integration_class["request"]
    request["HTTP_ACCEPT_LANGUAGE"] = "fr"
    plan = portal[SEED_PLAN_ID]
    value = next(o for o in plan.objectValues() if o.portal_type == "Value" and o.title == "Ouverture et transparence")
    indicator = _measure(value)
    _record_decisions(portal, plan)
    body = report.pdf(plan, request, 2020)
    year_2020 = next(y for y in plan.objectValues() if y.portal_type == "FinancialYear" and y.year == 2020)
    figures = {row["name"]: row["value"] for row in YearTables(year_2020, request).figures()}
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]
    return {"body": body, "pages": pages, "plan": plan, "value": value, "indicator": indicator, "figures": figures}


class TestEvaluationReport:
    @pytest.fixture(autouse=True)
    def _setup(self, made):
        self.made = made
        self.pages = made["pages"]
        self.text = "\n".join(self.pages)

    def _page_of(self, heading):
        return next(i for i, page in enumerate(self.pages) if heading in page.splitlines()[:2])

    def test_a_pdf_that_opens(self):
        assert self.made["body"].startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(self.made["body"]))
        assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=0.5)  # A4, in points
        assert reader.pages[0].mediabox.height == pytest.approx(841.9, abs=0.5)

    def test_pages(self):
        # 14 pages in DejaVu Sans, counted once: title 1, summary 2 (the vision's statements are long),
        # values with their objectives and indicators 5, projects 1, finance 1, charts 3 (the revenue
        # chart fills one; the two other financial charts; the indicator's), decisions 1. The sections
        # of fixed size are checked below; a line more or less in the long ones may move one page.
        assert 13 <= len(self.pages) <= 15
        assert "Page 2 / " in self.pages[1] and "Page 1 /" not in self.pages[0]  # no footer on the title page

    def test_title_page(self):
        first = self.pages[0]
        assert "Plan Stratégique 2020-2022" in first
        assert "Rapport d'évaluation annuel 2020" in first
        assert date.today().strftime("%d/%m/%Y") in first

    def test_sections_in_order_each_on_its_page(self):
        starts = [self._page_of(heading) for heading in HEADINGS]
        assert starts == sorted(starts) and len(set(starts)) == len(HEADINGS)
        assert starts[0] == 1  # after the title page
        sizes = dict(zip(HEADINGS, [b - a for a, b in zip(starts, [*starts[1:], len(self.pages)])]))
        assert sizes["Projets prioritaires"] == sizes["Trajectoire financière"] == 1
        assert sizes["Graphiques"] == 3 and sizes["Décisions de l'année 2020"] == 1

    def test_summary(self):
        summary = self.pages[self._page_of("Synthèse du plan")]
        assert "La mutualisation au service des pouvoirs locaux." in summary
        assert "P1 Mutualiser les besoins" in self.text

    def test_each_value_and_an_objective(self):
        values = "\n".join(self.pages[self._page_of(HEADINGS[1]) : self._page_of(HEADINGS[2])])
        flat = " ".join(values.split())
        for title in VALUES:
            assert title in values
        assert "Établir une charte éthique" in flat
        assert "Avancement consolidé de la valeur" in flat

    def test_an_indicator_with_its_target(self):
        values = " ".join("\n".join(self.pages[self._page_of(HEADINGS[1]) : self._page_of(HEADINGS[2])]).split())
        title = " ".join(self.made["indicator"].title.split())
        assert title in values
        after = values[values.index(title) :]
        # baseline, target of 2020, latest measurement with its date, status
        assert after.index("4 nombre") < after.index("12 nombre") < after.index("10 nombre") < after.index("À risque")
        assert "30/11/2020" in after
        assert "Cible 2020" in values

    def test_a_financial_figure_as_on_the_year_page(self):
        finance_page = self.pages[self._page_of("Trajectoire financière")]
        assert "Total général des recettes" in finance_page
        assert self.made["figures"]["revenue_total_851"] in finance_page
        assert self.made["figures"]["ebitda"] in finance_page

    def test_charts(self):
        charts = "\n".join(self.pages[self._page_of("Graphiques") : self._page_of(HEADINGS[-1])])
        assert "Recettes par produit" in charts
        assert "Taux de couverture en recette propre" in charts
        assert "Indicateurs : mesures et cibles" in charts

    def test_decisions_of_the_year(self):
        decisions = " ".join(self.pages[self._page_of(HEADINGS[-1])].split())
        assert BOARD_DECISION in decisions and REVIEW in decisions
        assert "Conseil d'Administration" in decisions
        assert decisions.index("10/03/2020") < decisions.index("30/06/2020")
        assert "12/12/2019" not in decisions  # the adoption, a decision of 2019
