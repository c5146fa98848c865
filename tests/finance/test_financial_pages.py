"""The financial year's page and the plan overview's financial table, on the live test server."""

from bs4 import BeautifulSoup
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.restapi.testing import RelativeSession

import pytest


@pytest.fixture
def browser(functional):
    session = RelativeSession(functional["portal"].absolute_url())
    yield session
    session.close()


def _page(browser, path):
    answer = browser.get(path, headers={"Accept-Language": "fr"})
    assert answer.status_code == 200, answer.text[:500]
    return BeautifulSoup(answer.text, "html.parser")


def test_year_page_shows_figures_and_contradictions(browser):
    page = _page(browser, f"{SEED_PLAN_ID}/exercice-2019")
    ebitda = page.select_one('tr[data-figure="ebitda"]')
    assert ebitda.select_one(".computed").get_text(strip=True) == "-126\u202f660 €"
    assert ebitda.select_one(".printed").get_text(" ", strip=True).startswith("-515\u202f660 €")
    assert "table-warning" in ebitda["class"]
    growth = page.select_one('tr[data-figure="revenue_growth"]')  # printed as a whole percent
    assert [td.get_text(" ", strip=True) for td in growth.select("td")[1:]] == ["14 %", "13 % en désaccord"]
    software = page.select_one('tr[data-figure="revenue_software"] .computed').get_text(strip=True)
    assert software == "2\u202f539\u202f222,45 €"  # printed with cents
    coverage = page.select_one('tr[data-figure="coverage_rate"]')
    assert coverage.select_one(".computed").get_text(strip=True) == "90,3 %"  # §8.8's figure
    roots = [row.select("td")[0].get_text(" ", strip=True) for row in page.select("tr.contradiction-root")]
    assert roots == [
        "Variation n/n-1 « Accompagnement organisationnel » (« Variation n/n-1 »)",
        "Produits et services",
        "EBITDA",
    ]
    follows = page.select("tr.contradiction-follows")
    ebit = next(row for row in follows if row.select("td")[0].get_text(strip=True) == "EBIT")
    assert "découle de EBITDA 2019" in ebit.get_text(" ", strip=True)
    # the lines themselves
    assert len(page.select(".revenue-lines tbody tr")) == 13
    assert len(page.select(".charge-lines tbody tr")) == 15


def test_a_year_without_contradiction(browser):
    page = _page(browser, f"{SEED_PLAN_ID}/exercice-2022")
    assert page.select_one("#contradictions") is None
    assert page.select_one('tr[data-figure="result"] .computed').get_text(strip=True) == "38\u202f554 €"
    assert page.select_one('tr[data-figure="result"] .printed').get_text(strip=True) == "38\u202f554 €"


def test_overview_lists_years_with_their_figures_and_contradictions(browser):
    page = _page(browser, SEED_PLAN_ID)
    rows = {row.select_one("td a").get_text(strip=True): row for row in page.select(".plan-years tbody tr")}
    assert list(rows) == [str(year) for year in range(2012, 2023)]
    assert rows["2022"].select_one(".year-coverage").get_text(strip=True) == "100,9 %"
    assert rows["2022"].select_one(".year-contradictions").get_text(strip=True) == "aucun"
    assert " ".join(rows["2019"].select_one(".year-contradictions").get_text().split()) == "12 (3 à la racine)"
