"""A value's and an objective's page show their rolled-up progress and its parts (docs/progress.md)."""

from bs4 import BeautifulSoup
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession

import pytest


VALUE = f"{SEED_PLAN_ID}/valeur-cooperation"
INDICATOR = f"{VALUE}/indicateur-nombre-de-reunions-avec-les-membres"


@pytest.fixture
def owner(functional):
    session = RelativeSession(functional["portal"].absolute_url())
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    yield session
    session.close()


def _progress(session, path, **params):
    answer = session.get(path, params=params, headers={"Accept-Language": "fr"})
    assert answer.status_code == 200
    return BeautifulSoup(answer.text, "html.parser").select_one("section.plan-progress")


def test_value_page_shows_the_rollup(owner):
    response = owner.patch(
        INDICATOR,
        headers={"Accept": "application/json"},
        json={
            "baseline": 2,
            "targets": [{"year": 2021, "value": 10}],
            "measurements": [{"date": "2021-06-30", "value": 9.5, "comment": None}],
        },
    )
    assert response.status_code == 204, response.text
    section = _progress(owner, VALUE, year=2021)
    assert section.select_one("h2").get_text(" ", strip=True) == "Avancement 2021 : 10,4 %"  # 93.75 / 9
    rows = {
        tr.select("td")[0].get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")[1:]]
        for tr in section.select("tbody tr")
    }
    assert len(rows) == 13  # 8 objectives and 5 indicators
    assert rows["Nombre de réunions avec les membres"] == ["93,8 %", "1", "mesuré"]
    assert rows["Nombre de missions d'audit auprès des Pouvoirs locaux"] == ["—", "1", "pas de mesure"]
    # the plan's default year is its last one (2022) once the plan is over: no target then
    assert _progress(owner, VALUE).select_one("h2").get_text(" ", strip=True) == "Avancement 2022 : 0,0 %"


def test_objective_page_shows_its_recorded_progress(owner):
    objective = f"{VALUE}/objectif-soutenir-les-communautes-du-logiciel-libre"
    section = _progress(owner, objective, year=2020)
    assert "Avancement 2020 : 0,0 %" in section.get_text(" ", strip=True)
    assert "avancement encodé" in section.get_text(" ", strip=True)


def test_overview_shows_the_plan_and_value_progress(owner):
    response = owner.patch(
        INDICATOR,
        headers={"Accept": "application/json"},
        json={
            "baseline": 2,
            "targets": [{"year": 2022, "value": 10}],
            "measurements": [{"date": "2022-06-30", "value": 9.5, "comment": None}],
        },
    )
    assert response.status_code == 204, response.text
    answer = owner.get(SEED_PLAN_ID, headers={"Accept-Language": "fr"})
    page = BeautifulSoup(answer.text, "html.parser")
    # the seed plan is over: its last year, 2022; 93.75 % / 9 parts of the value / 6 values
    assert (
        page.select_one(".plan-progress-total")
        .get_text(" ", strip=True)
        .startswith("Avancement consolidé 2022 : 1,7 %")
    )
    percents = [p.get_text(strip=True) for p in page.select(".value-progress-percent")]
    assert sorted(percents) == ["0,0 %"] * 5 + ["10,4 %"]


def test_overview_links_to_the_evaluation_report(owner):
    page = BeautifulSoup(owner.get(SEED_PLAN_ID, headers={"Accept-Language": "fr"}).text, "html.parser")
    link = page.select_one("a.evaluation-report")
    assert link.get_text(" ", strip=True) == "Rapport d'évaluation 2022 (PDF)"
    answer = owner.get(link["href"])
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
