"""GET <plan>/@progress: the roll-up of docs/progress.md through REST, on the seed plan."""

from imio.strategicplan.testing import SEED_PLAN_ID

import pytest


VALUE = f"{SEED_PLAN_ID}/valeur-cooperation"
INDICATOR = f"{VALUE}/indicateur-nombre-de-reunions-avec-les-membres"


def by_id(answer):
    return {item["@id"].rsplit("/", 1)[-1]: item for item in answer["items"]}


class TestProgress:
    def test_seed_plan(self, manager):
        answer = manager.get(f"{SEED_PLAN_ID}/@progress", params={"year": 2020}).json()
        assert answer["year"] == 2020 and answer["progress"] == 0
        items = by_id(answer)
        # 6 values, 25 objectives, 16 indicators, 4 projects
        types = [i["@type"] for i in answer["items"]]
        assert {t: types.count(t) for t in set(types)} == {
            "Value": 6,
            "Objective": 25,
            "Indicator": 16,
            "PriorityProject": 4,
        }
        assert items["valeur-cooperation"]["progress"] == 0 and items["valeur-cooperation"]["weight"] == 1
        assert items["indicateur-nombre-de-reunions-avec-les-membres"]["progress"] is None
        assert items["objectif-soutenir-les-communautes-du-logiciel-libre"]["source"] == "recorded"

    def test_a_measurement_rolls_up(self, manager):
        response = manager.patch(
            INDICATOR,
            json={
                "baseline": 2,
                "targets": [{"year": 2020, "value": 10}],
                "measurements": [{"date": "2020-06-30", "value": 9.5, "comment": None}],
            },
        )
        assert response.status_code == 204, response.text
        answer = manager.get(f"{SEED_PLAN_ID}/@progress", params={"year": 2020}).json()
        items = by_id(answer)
        # (9.5 - 2) / (10 - 2) = 93.75 %; the value: 8 objectives at 0 % and this indicator, / 9
        assert items["indicateur-nombre-de-reunions-avec-les-membres"]["progress"] == 93.75
        assert items["valeur-cooperation"]["progress"] == round(93.75 / 9, 2)
        assert answer["progress"] == round(93.75 / 9 / 6, 2)  # six values, the others at 0 %
        assert manager.patch(INDICATOR, json={"weight": 3}).status_code == 204
        items = by_id(manager.get(f"{SEED_PLAN_ID}/@progress", params={"year": 2020}).json())
        assert items["valeur-cooperation"]["progress"] == round(93.75 * 3 / 11, 2)
        # another year has no target: the indicator has no progress
        other = by_id(manager.get(f"{SEED_PLAN_ID}/@progress", params={"year": 2021}).json())
        assert other["indicateur-nombre-de-reunions-avec-les-membres"]["progress"] is None

    def test_negative_weight_is_refused(self, manager):
        response = manager.patch(INDICATOR, json={"weight": -1})
        assert response.status_code == 400 and "weight" in response.text
        assert manager.get(INDICATOR).json()["weight"] == 1

    @pytest.mark.parametrize("year", ["abc", "20201"])
    def test_bad_year(self, manager, year):
        response = manager.get(f"{SEED_PLAN_ID}/@progress", params={"year": year}, headers={"Accept-Language": "fr"})
        assert response.status_code == 400
        assert response.json()["error"] == {
            "type": "BadRequest",
            "field": "year",
            "message": f"year : année entre 1900 et 2200 attendue, reçu {year}",
        }

    def test_anonymous_cannot_read_a_draft_plan(self, manager, anonymous):
        response = manager.post(
            "",
            json={
                "@type": "StrategicPlan",
                "id": "brouillon",
                "title": "Brouillon",
                "reference": "PS-B",
                "first_year": 2023,
                "last_year": 2025,
            },
        )
        assert response.status_code == 201, response.text
        assert anonymous.get("brouillon/@progress").status_code == 401
        assert manager.get("brouillon/@progress").json()["progress"] is None

    def test_repeated_year_is_a_400(self, manager):
        response = manager.get(f"{SEED_PLAN_ID}/@progress?year=2020&year=2021")
        assert response.status_code == 400 and "year" in response.json()["error"]["message"]
        response = manager.get(f"{SEED_PLAN_ID}/@indicators?year=2020&year=2021")
        assert response.status_code == 400 and "year" in response.json()["error"]["message"]
