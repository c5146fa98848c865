"""The XLSX and CSV downloads parse back to the numbers the product computes."""

from imio.strategicplan.plan.finance import check
from imio.strategicplan.plan.finance import plan_years
from imio.strategicplan.plan.finance import trajectory
from imio.strategicplan.testing import SEED_PLAN_ID
from openpyxl import load_workbook
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession

import csv
import io
import pytest


@pytest.fixture
def browser(functional):
    session = RelativeSession(functional["portal"].absolute_url())
    session.headers.update({"Accept-Language": "fr"})
    yield session
    session.close()


def _download(browser, name):
    answer = browser.get(f"{SEED_PLAN_ID}/@@{name}")
    assert answer.status_code == 200, answer.text[:300]
    assert "attachment" in answer.headers["Content-Disposition"]
    return answer


def test_financial_workbook(functional, browser):
    answer = _download(browser, "financial-export.xlsx")
    assert answer.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["Trajectoire financière", "Chiffres en désaccord", "Lignes"]
    table = list(book["Trajectoire financière"].iter_rows(values_only=True))
    assert table[0] == ("Chiffre", "Unité", *range(2012, 2023))
    rows = {row[0]: row for row in table[1:]}
    years = plan_years(functional["portal"][SEED_PLAN_ID])
    expected = trajectory(years)
    assert rows["EBITDA"][2:] == tuple(expected[year]["ebitda"] for year in range(2012, 2023))
    assert rows["Taux de couverture en recette propre (%)"][1] == "%"
    assert rows["Croissance annuelle du chiffre d'affaires (%)"][2] is None  # 2012 has no year before
    disagreements = list(book["Chiffres en désaccord"].iter_rows(values_only=True))[1:]
    assert len(disagreements) == len(check(years))
    assert (2019, "EBITDA", "EBITDA", "§8.9", -515660, -126660, -151660, "à la racine") in disagreements
    lines = list(book["Lignes"].iter_rows(values_only=True))[1:]
    assert (2013, "revenue_lines", "software", "Site Internet", 193817.08, "§8.5.1") in lines


def test_financial_csv(functional, browser):
    answer = _download(browser, "financial-export.csv")
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert table[0] == ["Chiffre", "Unité", *map(str, range(2012, 2023))]
    rows = {row[0]: row for row in table[1:]}
    assert rows["Recettes « Production de logiciels libres en mutualisation »"][2] == "368576,32"
    assert rows["Résultat final"][-1] == "38554"
    coverage = float(rows["Taux de couverture en recette propre (%)"][9].replace(",", "."))
    assert round(coverage, 1) == 90.3  # 2019


def test_indicators_exports(browser):
    book = load_workbook(io.BytesIO(_download(browser, "indicators-export.xlsx?year=2021").content))
    table = list(book["Indicateurs"].iter_rows(values_only=True))
    assert table[0][4] == "Cible 2021"
    assert len(table) == 1 + 16  # the seed's 16 indicators
    assert {row[7] for row in table[1:]} == {"no_target"}  # the seed gives no targets
    text = _download(browser, "indicators-export.csv").content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows) == 17 and rows[1][0] == table[1][0]


def test_overview_links_the_downloads(browser):
    page = browser.get(SEED_PLAN_ID).text
    for name in ("financial-export.xlsx", "financial-export.csv", "indicators-export.xlsx", "indicators-export.csv"):
        assert f"@@{name}" in page


def test_anonymous_cannot_download_a_draft_plan(functional):
    from tests.workflows.helpers import set_state

    import transaction

    set_state(functional["portal"][SEED_PLAN_ID], "draft")
    transaction.commit()
    anonymous = RelativeSession(functional["portal"].absolute_url())
    answer = anonymous.get(f"{SEED_PLAN_ID}/@@financial-export.xlsx", allow_redirects=False)
    assert answer.status_code in (302, 401)
    manager = RelativeSession(functional["portal"].absolute_url())
    manager.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    assert manager.get(f"{SEED_PLAN_ID}/@@financial-export.xlsx").status_code == 200
    anonymous.close()
    manager.close()
