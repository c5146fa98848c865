"""POST <indicator>/@measurements: one measurement added, never lost when clients add at once."""

from imio.strategicplan.testing import SEED_PLAN_ID
from tests.helpers import json_session

import pytest
import threading


INDICATOR = f"{SEED_PLAN_ID}/valeur-cooperation/indicateur-nombre-de-reunions-avec-les-membres"


def _measurements(session):
    return session.get(INDICATOR).json()["measurements"]


class TestMeasurementsPost:
    def test_adds_one_row(self, manager):
        response = manager.post(f"{INDICATOR}/@measurements", json={"date": "2021-03-31", "value": 12, "comment": "T1"})
        assert response.status_code == 201, response.text
        assert response.json()["measurement"] == {"date": "2021-03-31", "value": 12.0, "comment": "T1"}
        response = manager.post(f"{INDICATOR}/@measurements", json={"date": "2021-06-30", "value": 15.5})
        assert response.json()["measurements_total"] == 2
        assert _measurements(manager) == [
            {"date": "2021-03-31", "value": 12.0, "comment": "T1"},
            {"date": "2021-06-30", "value": 15.5, "comment": None},
        ]
        latest = [
            i
            for i in manager.get(f"{SEED_PLAN_ID}/@indicators", params={"value": "valeur-cooperation"}).json()["items"]
            if i["id"] == INDICATOR.rsplit("/", 1)[-1]
        ][0]["latest_measurement"]
        assert latest == {"date": "2021-06-30", "value": 15.5}

    @pytest.mark.parametrize(
        "body,message",
        [
            ({"date": "31/03/2021", "value": 1}, "date : date AAAA-MM-JJ attendue, reçu « 31/03/2021 »"),
            ({"value": 1}, "date : date AAAA-MM-JJ attendue"),
            ({"date": "2021-03-31", "value": "12"}, "value : nombre attendu, reçu « 12 »"),
            ({"date": "2021-03-31", "value": True}, "value : nombre attendu"),
            ({"date": "2021-03-31", "value": 1, "comment": 3}, "comment : texte attendu"),
            ({"date": "2021-03-31", "value": 1, "unit": "%"}, "unit : champ inconnu"),
        ],
    )
    def test_bad_row_is_refused_and_nothing_written(self, manager, body, message):
        response = manager.post(f"{INDICATOR}/@measurements", json=body, headers={"Accept-Language": "fr"})
        assert response.status_code == 400
        assert message in response.json()["error"]["message"]
        assert _measurements(manager) == []

    def test_english_message(self, manager):
        response = manager.post(
            f"{INDICATOR}/@measurements", json={"date": "2021-03-31", "value": "x"}, headers={"Accept-Language": "en"}
        )
        assert (
            response.status_code == 400 and "value: expected a number, got 'x'" in response.json()["error"]["message"]
        )

    def test_anonymous_is_refused(self, manager, anonymous):
        response = anonymous.post(f"{INDICATOR}/@measurements", json={"date": "2021-03-31", "value": 1})
        assert response.status_code == 401
        assert _measurements(manager) == []

    def test_clients_adding_at_once_lose_nothing(self, manager, functional):
        """Eight clients post at the same moment (the test server answers with several threads):
        the conflicting ones are retried by Zope and append to the list they read again."""
        clients, rounds = 4, 2
        barrier = threading.Barrier(clients)
        answers = []

        def client(k):
            session = json_session(functional["portal"].absolute_url(), manager.auth)
            for r in range(rounds):
                barrier.wait()
                answers.append(
                    session.post(
                        f"{INDICATOR}/@measurements", json={"date": f"2021-0{r + 1}-1{k}", "value": 10 * k + r}
                    ).status_code
                )
            session.close()

        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert answers == [201] * clients * rounds
        assert sorted(m["value"] for m in _measurements(manager)) == sorted(
            float(10 * k + r) for k in range(clients) for r in range(rounds)
        )
