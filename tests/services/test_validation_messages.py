"""A wrong field answers 400 naming the field, with its message in the request's language."""

from imio.strategicplan.testing import SEED_PLAN_ID
from tests.workflows.helpers import add_user
from tests.workflows.helpers import session

import ast
import pytest
import transaction


MESSAGES = {
    "required": {"fr": "Champ obligatoire", "en": "Required input is missing."},
    "year": {"fr": "nombre entier attendu, reçu « deux mille »", "en": "expected a whole number, got 'deux mille'"},
    "baseline": {"fr": "nombre attendu, reçu « beaucoup »", "en": "expected a number, got 'beaucoup'"},
    "date": {
        "fr": "date attendue au format AAAA-MM-JJ, reçu « 2020-13-45 »",
        "en": "expected a date YYYY-MM-DD, got '2020-13-45'",
    },
    "decision": {"fr": "obligatoire pour cette transition", "en": "required for this transition"},
    "body": {"fr": "Le corps de la requête doit être un objet JSON.", "en": "The request body must be a JSON object."},
    "frozen": {
        "fr": "Vous ne pouvez pas modifier title de cet élément maintenant",
        "en": "You may not change title of this item now",
    },
}


def _field_errors(response):
    """plone.restapi's 400 of a content POST/PATCH: {field: message} (its message is a list's repr)."""
    assert response.status_code == 400, response.text
    return {e["field"]: e["message"] for e in ast.literal_eval(response.json()["message"])}


@pytest.mark.parametrize("lang", ["fr", "en"])
class TestValidationMessages:
    def test_missing_required_fields(self, manager, lang):
        errors = _field_errors(manager.post(SEED_PLAN_ID, json={"@type": "Pillar"}, headers={"Accept-Language": lang}))
        assert errors == {name: MESSAGES["required"][lang] for name in ("code", "number", "title")}

    def test_wrong_numbers_and_dates(self, manager, lang):
        headers = {"Accept-Language": lang}
        errors = _field_errors(
            manager.post(
                SEED_PLAN_ID,
                headers=headers,
                json={"@type": "FinancialYear", "title": "2023", "kind": "forecast", "year": "deux mille"},
            )
        )
        assert errors == {"year": MESSAGES["year"][lang]}
        objective = f"{SEED_PLAN_ID}/valeur-cooperation/objectif-soutenir-les-communautes-du-logiciel-libre"
        errors = _field_errors(
            manager.post(
                objective,
                headers=headers,
                json={"@type": "Indicator", "title": "Contributions", "baseline": "beaucoup"},
            )
        )
        assert errors == {"baseline": MESSAGES["baseline"][lang]}
        errors = _field_errors(manager.patch(objective, headers=headers, json={"planned_end": "2020-13-45"}))
        assert errors == {"planned_end": MESSAGES["date"][lang]}
        assert manager.get(objective).json()["planned_end"] is None  # nothing written

    def test_decision_and_body(self, manager, lang):
        headers = {"Accept-Language": lang}
        response = manager.post(f"{SEED_PLAN_ID}/@workflow/amend", headers=headers, json={})
        assert response.status_code == 400
        assert response.json()["error"]["fields"] == {"comment": MESSAGES["decision"][lang]}
        response = manager.post(f"{SEED_PLAN_ID}/@follow-up-reviews", headers=headers, json=["2020-06-30"])
        assert (response.status_code, response.json()["error"]["message"]) == (400, MESSAGES["body"][lang])
        response = manager.post(f"{SEED_PLAN_ID}/@follow-up-reviews", headers=headers, json={})
        assert response.json()["error"]["fields"] == {
            "date": {"fr": "obligatoire", "en": "required"}[lang],
            "decision_reference": {"fr": "obligatoire", "en": "required"}[lang],
        }
        assert manager.get(f"{SEED_PLAN_ID}/@follow-up-reviews").json()["items"] == []

    def test_frozen_commitment(self, functional, lang):
        staff = session(functional["portal"], add_user(functional["portal"], "Editor"))
        transaction.commit()
        response = staff.patch(
            f"{SEED_PLAN_ID}/pilier-1", json={"title": "Autre titre"}, headers={"Accept-Language": lang}
        )
        assert response.status_code == 403
        assert response.json()["message"].startswith(MESSAGES["frozen"][lang])
        staff.close()
