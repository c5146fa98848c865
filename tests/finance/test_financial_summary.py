"""GET <plan>/@financial-summary: the same numbers as the pages, and the contradictions."""

from imio.strategicplan.plan.finance import check
from imio.strategicplan.plan.finance import plan_years
from imio.strategicplan.plan.finance import trajectory
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.restapi.testing import RelativeSession


def test_years_by_figures_as_computed(functional):
    portal = functional["portal"]
    session = RelativeSession(portal.absolute_url())
    session.headers.update({"Accept": "application/json", "Accept-Language": "fr"})
    answer = session.get(f"{SEED_PLAN_ID}/@financial-summary")
    session.close()
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["years"] == list(range(2012, 2023))
    years = plan_years(portal[SEED_PLAN_ID])
    expected = trajectory(years)
    assert data["values"]["2019"]["coverage_rate"] == expected[2019]["coverage_rate"]
    assert data["values"]["2022"]["result"] == 38554
    assert data["values"]["2012"]["revenue_growth"] is None
    titles = {f["name"]: (f["title"], f["unit"]) for f in data["figures"]}
    assert titles["ebitda"] == ("EBITDA", "EUR")
    assert titles["coverage_rate"] == ("Taux de couverture en recette propre (%)", "%")
    assert len(data["contradictions"]) == len(check(years))
    assert {"figure": "ebitda", "year": 2019, "kind": "root"}.items() <= next(
        c for c in data["contradictions"] if (c["figure"], c["year"]) == ("ebitda", 2019)
    ).items()
