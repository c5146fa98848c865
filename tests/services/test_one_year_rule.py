"""One year rule (plan/years.py): for the seed plan, over since 2022, every way of reading it answers
for 2022 when no year is asked for — REST, pages, follow-up lists, exports and the report."""

from datetime import date
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession
from pypdf import PdfReader

import csv
import io
import pytest
import transaction


YEAR = 2022  # the seed plan covers 2020-2022; it is over, so its current year is its last one


@pytest.fixture
def client(functional):
    session = RelativeSession(functional["portal"].absolute_url())
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    session.headers.update({"Accept-Language": "fr"})
    yield session
    session.close()


def _json(client, path):
    answer = client.get(path, headers={"Accept": "application/json"})
    assert answer.status_code == 200, answer.text[:300]
    return answer.json()


def test_rest_answers_for_the_plans_current_year(functional, client):
    # the seed gives no figures as targets: give one indicator a target for 2021 and for 2022
    plan = functional["portal"][SEED_PLAN_ID]
    indicator = next(
        i
        for v in plan.objectValues()
        if v.portal_type == "Value"
        for i in v.objectValues()
        if i.portal_type == "Indicator"
    )
    indicator.targets = [{"year": 2021, "value": 5.0}, {"year": YEAR, "value": 10.0}]
    indicator.measurements = [{"date": date(2022, 6, 30), "value": 9.5, "comment": None}]
    indicator.reindexObject()
    transaction.commit()
    assert _json(client, f"{SEED_PLAN_ID}/@progress")["year"] == YEAR
    indicators = _json(client, f"{SEED_PLAN_ID}/@indicators")
    assert indicators["year"] == YEAR
    [item] = [i for i in indicators["items"] if i["id"] == indicator.getId()]
    assert (item["target"], item["status"]) == (10.0, "on_track")


def test_pages_answer_for_the_plans_current_year(client):
    overview = client.get(SEED_PLAN_ID).text
    assert f"Avancement consolidé {YEAR}" in overview
    assert f"@@evaluation-report.pdf?year={YEAR}" in overview
    assert f"@progress?year={YEAR}" in overview
    value = client.get(f"{SEED_PLAN_ID}/valeur-cooperation").text
    assert f"Avancement {YEAR}" in " ".join(value.split())


def test_exports_and_report_answer_for_the_plans_current_year(client):
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"{SEED_PLAN_ID}/@@indicators-export.csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert f"Cible {YEAR}" in rows[0]
    report = client.get(f"{SEED_PLAN_ID}/@@evaluation-report.pdf")
    assert f"-{YEAR}.pdf" in report.headers["Content-Disposition"]
    assert f"Rapport d'évaluation annuel {YEAR}" in PdfReader(io.BytesIO(report.content)).pages[0].extract_text()
    rest = client.get(f"{SEED_PLAN_ID}/@evaluation-report", headers={"Accept": "application/json"})
    assert f"-{YEAR}.pdf" in rest.headers["Content-Disposition"]


def test_follow_up_lists_use_the_plans_current_year(functional):
    from imio.strategicplan.followup.lists import PlanFollowUp

    assert PlanFollowUp(functional["portal"][SEED_PLAN_ID]).year == YEAR
