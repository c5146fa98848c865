"""The report through the site (@@evaluation-report.pdf) and REST (@evaluation-report)."""

from datetime import date
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession
from pypdf import PdfReader

import io
import pytest
import transaction


def _session(portal, accept=None, owner=True):
    session = RelativeSession(portal.absolute_url())
    session.headers.update({"Accept-Language": "fr"})
    if accept:
        session.headers.update({"Accept": accept})
    if owner:
        session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    return session


@pytest.fixture
def browser(functional):
    session = _session(functional["portal"])
    yield session
    session.close()


@pytest.fixture
def api(functional):
    session = _session(functional["portal"], accept="application/json")
    yield session
    session.close()


def _default_year():
    """The plan covers 2020-2022: this year while it runs, else 2022."""
    this_year = date.today().year
    return this_year if 2020 <= this_year <= 2022 else 2022


def test_browser_view(browser):
    answer = browser.get(f"{SEED_PLAN_ID}/@@evaluation-report.pdf?year=2021")
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="rapport-evaluation-{SEED_PLAN_ID}-2021.pdf"'
    )
    assert "Rapport d'évaluation annuel 2021" in PdfReader(io.BytesIO(answer.content)).pages[0].extract_text()


def test_browser_view_default_year(browser):
    answer = browser.get(f"{SEED_PLAN_ID}/@@evaluation-report.pdf")
    assert answer.status_code == 200
    assert f"-{_default_year()}.pdf" in answer.headers["Content-Disposition"]


@pytest.mark.parametrize("year", ["abc", "1899", "2201"])
def test_browser_view_bad_year(browser, year):
    answer = browser.get(f"{SEED_PLAN_ID}/@@evaluation-report.pdf", params={"year": year})
    assert answer.status_code == 400
    assert answer.text == f"year : année entre 1900 et 2200 attendue, reçu {year}"


def test_rest_answers_the_pdf_to_a_json_client(api):
    answer = api.get(f"{SEED_PLAN_ID}/@evaluation-report?year=2020")
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    assert f"rapport-evaluation-{SEED_PLAN_ID}-2020.pdf" in answer.headers["Content-Disposition"]
    assert len(PdfReader(io.BytesIO(answer.content)).pages) > 10


def test_rest_bad_year(api):
    answer = api.get(f"{SEED_PLAN_ID}/@evaluation-report?year=abc")
    assert answer.status_code == 400
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.json()["error"] == {
        "type": "BadRequest",
        "field": "year",
        "message": "year : année entre 1900 et 2200 attendue, reçu abc",
    }


def test_anonymous_on_a_private_plan(functional):
    from tests.workflows.helpers import set_state

    set_state(functional["portal"][SEED_PLAN_ID], "draft")
    transaction.commit()
    anonymous = _session(functional["portal"], accept="application/json", owner=False)
    assert anonymous.get(f"{SEED_PLAN_ID}/@evaluation-report?year=2020").status_code == 401
    page = anonymous.get(
        f"{SEED_PLAN_ID}/@@evaluation-report.pdf?year=2020", allow_redirects=False, headers={"Accept": "text/html"}
    )
    assert page.status_code in (302, 401)
    anonymous.close()
