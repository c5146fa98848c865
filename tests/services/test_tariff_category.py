"""Tariff categories (§8.5.2): tariffs.tariff_category and GET <plan>/@tariff-category."""

from imio.strategicplan.plan.tariffs import tariff_category
from imio.strategicplan.plan.tariffs import TariffError
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from tests.workflows.helpers import set_state

import pytest
import transaction


@pytest.mark.parametrize(
    "body, size, category",
    [
        ("commune", 0, "Cat 1"),
        ("commune", 5000, "Cat 1"),
        ("commune", 5001, "Cat 2"),
        ("cpas", 12000, "Cat 3"),
        ("commune", 100000, "Cat 6"),
        ("commune", 100001, "Cat 7"),
        ("commune", 250000, "Cat 7"),
        ("intercommunale", 25, "Cat 1"),
        ("rca", 26, "Cat 2"),
        ("intercommunale", 100, "Cat 4"),
        ("intercommunale", 101, "Cat 5"),
        ("rca", 5000, "Cat 5"),
        ("rescue_zone", 0, "Cat 3"),
        ("rescue_zone", 100000, "Cat 3"),
        ("rescue_zone", 100001, "Cat 4"),
        ("rescue_zone", 400000, "Cat 4"),
        ("rescue_zone", 400001, "Cat 5"),
        ("police_zone", 45000, "Cat 6"),
        ("police_zone", 100001, "Cat 7"),
        ("police_zone", "5000", "Cat 1"),
        ("province", None, "Provinces"),
        ("province", 12, "Provinces"),
    ],
)
def test_categories_of_the_seed_plan(integration, body, size, category):
    assert tariff_category(integration["portal"][SEED_PLAN_ID], body, size) == category


def test_the_plans_own_table_is_read(integration):
    plan = integration["portal"][SEED_PLAN_ID]
    assert tariff_category(plan, "commune", 5500) == "Cat 2"
    rows = [dict(row) for row in plan.tariff_categories]
    rows[0]["inhabitants_max"] = 6000
    rows[1]["inhabitants_min"] = 6001
    rows[-1]["category"] = "Provinces wallonnes"
    plan.tariff_categories = rows
    assert tariff_category(plan, "commune", 5500) == "Cat 1"
    assert tariff_category(plan, "province") == "Provinces wallonnes"


def test_a_gap_left_in_the_table_answers_nothing(integration):
    plan = integration["portal"][SEED_PLAN_ID]
    rows = [dict(row) for row in plan.tariff_categories]
    rows[1]["inhabitants_min"] = 5010
    plan.tariff_categories = rows
    with pytest.raises(TariffError, match="5005") as raised:
        tariff_category(plan, "commune", 5005)
    assert raised.value.name == "size"
    assert tariff_category(plan, "commune", 5010) == "Cat 2"


def test_a_table_without_provinces(integration):
    plan = integration["portal"][SEED_PLAN_ID]
    plan.tariff_categories = [row for row in plan.tariff_categories if row["category"] != "Provinces"]
    with pytest.raises(TariffError, match="provinces") as raised:
        tariff_category(plan, "province")
    assert raised.value.name == "body"


@pytest.mark.parametrize(
    "body, size, field",
    [
        ("village", 10, "body"),
        (None, 10, "body"),
        ("", 10, "body"),
        (["commune"], 10, "body"),
        ("commune", None, "size"),
        ("commune", -1, "size"),
        ("commune", "-1", "size"),
        ("commune", "beaucoup", "size"),
        ("commune", 12.5, "size"),
        ("commune", 12.0, "size"),
        ("commune", True, "size"),
        ("commune", "", "size"),
        ("commune", "1_000", "size"),
        ("commune", " 12", "size"),
        ("commune", "١٢", "size"),
        ("rca", None, "size"),
    ],
)
def test_questions_the_table_cannot_answer(integration, body, size, field):
    with pytest.raises(TariffError) as raised:
        tariff_category(integration["portal"][SEED_PLAN_ID], body, size)
    assert raised.value.name == field and raised.value.message.startswith(field + " :")


def test_no_category_for_agents_of_a_body_without_the_column(integration):
    plan = integration["portal"][SEED_PLAN_ID]
    plan.tariff_categories = [dict(row, agents_min=None, agents_max=None) for row in plan.tariff_categories]
    with pytest.raises(TariffError, match="aucune catégorie"):
        tariff_category(plan, "rca", 10)


def test_rest_answers_anonymous_on_the_adopted_plan(anonymous):
    answer = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params={"body": "commune", "size": 12000})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "@id": answer.json()["@id"],
        "body": "commune",
        "size": 12000,
        "category": "Cat 3",
        "basis": "inhabitants",
    }
    province = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params={"body": "province"}).json()
    assert province["category"] == "Provinces" and "size" not in province
    police = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params={"body": "police_zone", "size": 100001}).json()
    assert (police["category"], police["size"]) == ("Cat 7", 100001)
    assert police["basis"] == "inhabitants of the largest commune"
    rescue = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params={"body": "rescue_zone", "size": 100000}).json()
    assert rescue["category"] == "Cat 3"


@pytest.mark.parametrize(
    "params, field, french, english",
    [
        (
            {"body": "village", "size": 10},
            "body",
            "body : type d'organisme inconnu « village »",
            "body: unknown type of body “village”",
        ),
        (
            [("body", "commune"), ("body", "cpas"), ("size", 10)],
            "body",
            "body : type d'organisme inconnu",
            "body: unknown type of body",
        ),
        ({"body": "commune"}, "size", "size : nombre entier positif attendu", "size: a positive whole number"),
        (
            {"body": "commune", "size": "x"},
            "size",
            "size : nombre entier positif attendu",
            "size: a positive whole number",
        ),
        (
            {"body": "rescue_zone", "size": -3},
            "size",
            "size : nombre entier positif attendu",
            "size: a positive whole number",
        ),
        (
            {"body": "rca", "size": "2.5"},
            "size",
            "size : nombre entier positif attendu",
            "size: a positive whole number",
        ),
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_rest_400_names_the_parameter(anonymous, params, field, french, english, language):
    answer = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params=params, headers={"Accept-Language": language})
    assert answer.status_code == 400
    result = answer.json()["error"]
    assert result["type"] == "BadRequest"
    assert result["message"].startswith(french if language == "fr" else english)
    assert result["field"] == field


@pytest.mark.parametrize("language", ["fr", "en"])
def test_rest_400_without_a_body(anonymous, language):
    answer = anonymous.get(
        f"{SEED_PLAN_ID}/@tariff-category", params={"size": 10}, headers={"Accept-Language": language}
    )
    assert answer.status_code == 400
    expected = {
        "fr": "body : type d'organisme manquant (attendu : commune, cpas",
        "en": "body: the type of body is missing (expected: commune, cpas",
    }[language]
    assert answer.json()["error"]["message"].startswith(expected)
    assert answer.json()["error"]["field"] == "body"


@pytest.mark.parametrize(
    "language, words",
    [
        ("fr", "size : aucune catégorie du plan ne couvre 10 pour ce type d'organisme"),
        ("en", "size: no category of the plan covers 10 for this type of body"),
    ],
)
def test_rest_400_when_no_row_covers_the_size(functional, anonymous, language, words):
    plan = functional["portal"][SEED_PLAN_ID]
    plan.tariff_categories = [dict(row, agents_min=None, agents_max=None) for row in plan.tariff_categories]
    transaction.commit()
    answer = anonymous.get(
        f"{SEED_PLAN_ID}/@tariff-category", params={"body": "rca", "size": 10}, headers={"Accept-Language": language}
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == {"type": "BadRequest", "message": words, "field": "size"}


def test_anonymous_gets_nothing_from_a_plan_not_yet_adopted(functional, anonymous):
    plan = functional["portal"][SEED_PLAN_ID]
    assert api.content.get_state(obj=plan) == "adopted"
    set_state(plan, "submitted_to_board")
    transaction.commit()
    answer = anonymous.get(f"{SEED_PLAN_ID}/@tariff-category", params={"body": "commune", "size": 12000})
    assert answer.status_code == 401
