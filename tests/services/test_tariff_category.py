"""Tariff categories (§8.5.2): tariffs.tariff_category and GET <plan>/@tariff-category."""

from imio.strategicplan.tariffs import tariff_category
from imio.strategicplan.tariffs import TariffError
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.restapi.testing import RelativeSession

import pytest


@pytest.mark.parametrize("body, size, category", [
    ("commune", 0, "Cat 1"), ("commune", 5000, "Cat 1"), ("commune", 5001, "Cat 2"),
    ("cpas", 12000, "Cat 3"), ("commune", 100000, "Cat 6"), ("commune", 100001, "Cat 7"),
    ("commune", 250000, "Cat 7"),
    ("intercommunale", 25, "Cat 1"), ("rca", 26, "Cat 2"), ("intercommunale", 100, "Cat 4"),
    ("intercommunale", 101, "Cat 5"), ("rca", 5000, "Cat 5"),
    ("rescue_zone", 0, "Cat 3"), ("rescue_zone", 100000, "Cat 3"), ("rescue_zone", 100001, "Cat 4"),
    ("rescue_zone", 400000, "Cat 4"), ("rescue_zone", 400001, "Cat 5"),
    ("police_zone", 45000, "Cat 6"), ("province", None, "Provinces"),
])
def test_categories_of_the_seed_plan(integration, body, size, category):
    assert tariff_category(integration["portal"][SEED_PLAN_ID], body, size) == category


def test_the_plans_own_table_is_read(integration):
    plan = integration["portal"][SEED_PLAN_ID]
    rows = [dict(row) for row in plan.tariff_categories]
    rows[0]["inhabitants_max"] = 6000
    rows[1]["inhabitants_min"] = 6001
    plan.tariff_categories = rows
    assert tariff_category(plan, "commune", 5500) == "Cat 1"


@pytest.mark.parametrize("body, size, field", [
    ("village", 10, "body"), ("commune", None, "size"), ("commune", -1, "size"), ("commune", "beaucoup", "size"),
])
def test_questions_the_table_cannot_answer(integration, body, size, field):
    with pytest.raises(TariffError) as raised:
        tariff_category(integration["portal"][SEED_PLAN_ID], body, size)
    assert raised.value.name == field and raised.value.message.startswith(field + " :")


def test_no_category_for_agents_of_a_body_without_the_column(integration):
    plan = integration["portal"][SEED_PLAN_ID]
    plan.tariff_categories = [dict(row, agents_min=None, agents_max=None) for row in plan.tariff_categories]
    with pytest.raises(TariffError, match="aucune catégorie"):
        tariff_category(plan, "rca", 10)


@pytest.fixture
def anonymous(functional):
    session = RelativeSession(functional["portal"].absolute_url())
    session.headers.update({"Accept": "application/json"})
    yield session
    session.close()


def test_rest_answers_anonymous_on_the_adopted_plan(anonymous):
    answer = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params={"body": "commune", "size": 12000})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"@id": answer.json()["@id"], "body": "commune", "size": 12000,
                             "category": "Cat 3", "basis": "inhabitants"}
    province = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params={"body": "province"}).json()
    assert province["category"] == "Provinces" and "size" not in province


@pytest.mark.parametrize("params, field, language, words", [
    ({"body": "village", "size": 10}, "body", "fr", "type d'organisme inconnu"),
    ({"body": "commune"}, "size", "fr", "nombre entier positif attendu"),
    ({"body": "commune", "size": "x"}, "size", "en", "whole number"),
    ([("body", "commune"), ("body", "cpas"), ("size", 10)], "body", "fr", "type d'organisme inconnu"),
])
def test_rest_400_names_the_parameter(anonymous, params, field, language, words):
    answer = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params=params,
                           headers={"Accept-Language": language})
    assert answer.status_code == 400
    assert list(answer.json()["fields"]) == [field]
    assert words in answer.json()["message"]
