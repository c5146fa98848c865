"""Two Zope instances on one RelStorage database behind HAProxy (cluster/run, docs/deploy/cluster.md):
every way in answers, an edit through one instance is seen at once through the other, a login made
on one is valid on the other, concurrent measurements, and a lost instance costs no request."""

from imio.strategicplan.testing import SEED_PLAN_ID
from tests.cluster.conftest import ADMIN
from tests.cluster.conftest import wait_until

import pytest
import requests
import threading
import time
import uuid


pytestmark = pytest.mark.cli

OBJECTIVE = f"{SEED_PLAN_ID}/valeur-integrite-et-ethique/objectif-etablir-une-charte-ethique"
INDICATOR = f"{SEED_PLAN_ID}/valeur-cooperation/indicateur-nombre-de-reunions-avec-les-membres"
JSON = {"Accept": "application/json"}
WAYS = (1, 2, "balancer")


def _titles(node):
    yield node.get("title")
    for child in node.get("items", ()):
        yield from _titles(child)


class TestCluster:
    @pytest.fixture(autouse=True)
    def _setup(self, site_cluster):
        self.site = site_cluster
        self.cluster = site_cluster.cluster

    def get(self, where, path, **kwargs):
        kwargs.setdefault("headers", JSON)
        response = requests.get(self.site.url(where, path), timeout=30, **kwargs)
        assert response.status_code == 200, (
            f"GET {path} through {where}: {response.status_code} {response.text[:300]}\n{self.site.logs()}"
        )
        return response

    def test_every_way_in_answers_and_the_balancer_spreads(self):
        answers = {where: self.get(where, f"{SEED_PLAN_ID}/@plan-tree").json() for where in WAYS}
        # the same tree, each naming the address it was asked through (the balancer's port included)
        for where, tree in answers.items():
            base = self.site.url(where)
            assert tree["@id"] == f"{base}/{SEED_PLAN_ID}"
            assert str(tree).replace(base, "SITE") == str(answers[1]).replace(self.site.url(1), "SITE")
        agent = f"cluster-test-{uuid.uuid4().hex[:8]}"
        served = [
            self.get("balancer", OBJECTIVE, headers={**JSON, "User-Agent": agent}).headers["X-Served-By"]
            for _ in range(6)
        ]
        assert served.count("instance1") == served.count("instance2") == 3  # round robin
        for instance in self.cluster.instances:
            assert instance.access_log.read_text().count(agent) == 3, instance.access_log

    def test_balancer_owns_the_scheme_and_host(self):
        """A client's own X-Forwarded-Proto / -Host do not change the URLs Zope writes."""
        spoofed = {**JSON, "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
        answer = self.get("balancer", OBJECTIVE, headers=spoofed).json()
        assert answer["@id"] == self.site.url("balancer", OBJECTIVE)

    def test_edit_through_one_instance_is_seen_at_once_through_the_other(self):
        title = f"Charte éthique {uuid.uuid4().hex[:6]}"
        response = requests.patch(
            self.site.url(1, OBJECTIVE), json={"title": title}, auth=ADMIN, headers=JSON, timeout=30
        )
        assert response.status_code == 204, response.text
        assert self.get(2, OBJECTIVE).json()["title"] == title
        assert title in _titles(self.get(2, f"{SEED_PLAN_ID}/@plan-tree").json())  # the catalog too
        assert {self.get("balancer", OBJECTIVE).json()["title"] for _ in range(2)} == {title}

    def test_login_on_one_instance_is_valid_on_every_one(self):
        # Classic UI: the login form of instance 1 sets the __ac cookie
        login = requests.post(
            self.site.url(1, "login"),
            allow_redirects=False,
            timeout=30,
            data={"__ac_name": ADMIN[0], "__ac_password": ADMIN[1], "came_from": "", "buttons.login": "Se connecter"},
        )
        assert login.status_code == 302 and "__ac" in login.cookies, login.text[:500]
        cookie = {"__ac": login.cookies["__ac"]}
        anonymous = requests.get(self.site.url(2, f"{OBJECTIVE}/edit"), allow_redirects=False, timeout=30)
        assert anonymous.status_code == 302 and "require_login" in anonymous.headers["Location"]
        served = set()
        for where in (2, "balancer", "balancer"):
            edit = self.get(where, f"{OBJECTIVE}/edit", cookies=cookie, headers={}, allow_redirects=False)
            assert 'id="form-widgets-IPlanBasic-title"' in edit.text
            served.add(edit.headers.get("X-Served-By", "direct"))
            assert self.get(where, "@users/admin", cookies=cookie).json()["username"] == "admin"
        # REST: the JWT of @login on instance 1
        token = requests.post(
            self.site.url(1, "@login"), json={"login": ADMIN[0], "password": ADMIN[1]}, headers=JSON, timeout=30
        ).json()["token"]
        for where in (2, "balancer", "balancer"):
            user = self.get(where, "@users/admin", headers={**JSON, "Authorization": f"Bearer {token}"})
            assert user.json()["username"] == "admin"
            served.add(user.headers.get("X-Served-By", "direct"))
        assert served == {"direct", "instance1", "instance2"}

    def _race(self, add, rounds):
        """Two clients, one on each instance, add a row to the indicator at the same moment, ``rounds``
        times; ``add(session, instance, row, barrier)``. Returns (statuses, rows added, conflicts)."""
        before = len(self.get(1, INDICATOR, auth=ADMIN).json()["measurements"])
        conflicts = self.site.conflicts()
        barriers = (threading.Barrier(2, timeout=60), threading.Barrier(2, timeout=60))
        statuses = []

        def client(number):
            with requests.Session() as session:
                session.auth, session.headers = ADMIN, {**JSON}
                for r in range(rounds):
                    row = {
                        "date": f"2021-{r + 1:02d}-{number + 10}",
                        "value": 10 * number + r,
                        "comment": f"instance{number} round {r}",
                    }
                    statuses.append(add(session, number, row, barriers))

        threads = [threading.Thread(target=client, args=(number,)) for number in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert len(statuses) == 2 * rounds, f"a client did not finish:\n{self.site.logs()}"
        rows = self.get(1, INDICATOR, auth=ADMIN).json()["measurements"]
        return statuses, len(rows) - before, self.site.conflicts() - conflicts

    def test_patch_of_the_whole_list_at_once_loses_one_row(self):
        """Read the list, then both PATCH it with their row appended at the same moment: both answer
        204, the loser of the commit race gets a ConflictError, Zope retries it with the SAME body
        (the list it read, without the winner's row), so one row of the two is silently lost."""
        rounds = 3

        def add(session, number, row, barriers):
            read, write = barriers
            read.wait()
            current = session.get(self.site.url(number, INDICATOR)).json()["measurements"]
            write.wait()
            return session.patch(
                self.site.url(number, INDICATOR), json={"measurements": [*current, row]}, timeout=60
            ).status_code

        statuses, added, conflicts = self._race(add, rounds)
        assert statuses == [204] * 2 * rounds
        assert added == rounds, f"{added} rows kept of {2 * rounds}"  # one lost per round, no error
        print(f"\nPATCH of the list: {added} rows kept of {2 * rounds}, {conflicts} ConflictError(s) retried")

    def test_post_of_one_measurement_at_once_keeps_both(self):
        """POST <indicator>/@measurements carries the row only: the retried request reads the list
        again and appends, so both rows are kept."""
        rounds = 4

        def add(session, number, row, barriers):
            barriers[1].wait()
            return session.post(self.site.url(number, f"{INDICATOR}/@measurements"), json=row, timeout=60).status_code

        statuses, added, conflicts = self._race(add, rounds)
        assert statuses == [201] * 2 * rounds
        assert added == 2 * rounds
        # the requests really met: at least one commit conflicted and was retried
        assert conflicts >= 1, self.site.logs()
        print(f"\nPOST @measurements: {added} rows kept of {2 * rounds}, {conflicts} ConflictError(s) retried")

    def test_a_lost_instance_costs_no_request(self):
        path = f"{SEED_PLAN_ID}/@plan-tree?depth=1"
        assert self.site.cli("status").returncode == 0
        killed = time.monotonic()
        assert self.site.cli("stop-instance", "2", "--kill").returncode == 0
        failed, served, sent = [], set(), 0

        def marked_down():
            nonlocal sent
            response = requests.get(self.site.url("balancer", path), headers=JSON, timeout=30)
            sent += 1
            if response.status_code != 200:
                failed.append(response.status_code)
            served.add(response.headers.get("X-Served-By"))
            return self.cluster.balancer.states().get("instance2", "").startswith("DOWN")

        wait_until(marked_down, 15, lambda: f"HAProxy sees {self.cluster.balancer.states()}\n{self.site.logs()}")
        self.site.timings["marked down"] = time.monotonic() - killed
        # before HAProxy's checks mark it down, a refused connection is sent to the other instance
        assert failed == [] and served == {"instance1"}, f"{failed} of {sent}"
        answers = [requests.get(self.site.url("balancer", path), headers=JSON, timeout=30) for _ in range(20)]
        assert [a.status_code for a in answers] == [200] * 20
        assert {a.headers["X-Served-By"] for a in answers} == {"instance1"}
        assert self.site.cli("status").returncode == 1  # says an instance is down
        # the cluster's supervisord saw it die and left it down (autorestart=false)
        assert self.cluster.supervisor.info("instance2")["statename"] == "EXITED"

        restarted = time.monotonic()
        done = self.site.cli("start-instance", "2")
        assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
        self.site.timings["restart"] = time.monotonic() - restarted
        served = {self.get("balancer", path).headers["X-Served-By"] for _ in range(4)}
        assert served == {"instance1", "instance2"}
        assert self.site.cli("status").returncode == 0
