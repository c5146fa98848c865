"""The follow-up dashboards (@@plan-at-risk, @@plan-stale, @@plan-mine, @@plan-late) and their
counts on the plan overview, on the live test server; one of them in a real browser."""

from bs4 import BeautifulSoup
from datetime import date
from datetime import timedelta
from imio.strategicplan.plan.years import current_year
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.restapi.testing import RelativeSession
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


PASSWORD = "un mot de passe solide 2026"
VALUE_A = "valeur-ouverture-et-transparence"
VALUE_B = "valeur-cooperation"
PAGES = {"at_risk": "plan-at-risk", "stale": "plan-stale", "mine": "plan-mine", "late": "plan-late"}

# the items the state below puts in the lists (titles)
O1 = "Intégrer autant que possible les outils régionaux, fédéraux et européens"
O2 = "Soutenir les communautés du logiciel libre"
O3 = "Fournir et développer une offre mutualisée de solutions aux membres"
O4 = "Communiquer sur le rôle et les missions d'iMio"
I1 = "Nombre d'outils régionaux, fédéraux et européens intégrés"
I2 = "Taux de participation aux communautés"
I3 = "Clôtures comptables trimestrielles"
P1 = "Réorganisation Agile/Lean d'iMio"
P2 = "Évolution technologique et performances"
P3 = "Gestion électronique de documents"


def follow_up_state(portal):
    """Objectives, indicators and projects of the seed plan set so that each list has items,
    and three users: Jeanne Dupont (in the group "Direction générale"), Marc Martin, Luc Vanden."""
    plan = portal[SEED_PLAN_ID]
    intids = getUtility(IIntIds)
    today = date.today()
    ago = lambda days: today - timedelta(days=days)  # noqa: E731

    def relations(*objects):
        return [RelationValue(intids.getId(obj)) for obj in objects]

    def changed(obj, **fields):
        for name, field in fields.items():
            setattr(obj, name, field)
        notify(ObjectModifiedEvent(obj))

    a, b = plan[VALUE_A], plan[VALUE_B]
    pillar_1, pillar_3 = plan["pilier-1"], plan["pilier-3"]
    o1 = a["objectif-integrer-autant-que-possible-les-outils-regionaux-federaux"]
    o2 = b["objectif-soutenir-les-communautes-du-logiciel-libre"]
    o3 = b["objectif-fournir-et-developper-une-offre-mutualisee-de-solutions-aux"]
    o4 = a["objectif-communiquer-sur-le-role-et-les-missions-d-imio"]
    changed(o1, health="blocked", pillars=relations(pillar_3), responsible="JEANNE DUPONT")
    changed(o2, planned_end=ago(10), progress=40, pillars=relations(pillar_1), responsible="Direction Generale")
    changed(o3, planned_end=ago(10), progress=100, responsible="Marc Martin")
    changed(
        o4,
        health="at_risk",
        planned_end=ago(1),
        progress=20,
        pillars=relations(pillar_1),
        responsible="Service communication",
    )
    # indicators: at risk under value A (80 % of the way), off track under O2 (pillar 1), one
    # measured too long ago for its frequency; the others were never measured (stale)
    changed(
        a["indicateur-nombre-d-outils-regionaux-federaux-et-europeens-integres"],
        baseline=0.0,
        targets=[{"year": current_year(plan), "value": 10.0}],
        measurements=[{"date": ago(5), "value": 8.0, "comment": None}],
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            o2,
            "Indicator",
            id="taux-de-participation",
            title=I2,
            frequency="yearly",
            targets=[{"year": current_year(plan), "value": 100.0}],
            measurements=[{"date": ago(30), "value": 50.0, "comment": None}],
        )
    changed(
        plan["valeur-maitrise"]["indicateur-clotures-comptables-trimestrielles"],
        measurements=[{"date": ago(200), "value": 1.0, "comment": None}],
    )
    # projects: suspended (serves O4: value A, pillar 1), done, late in progress (serves value B),
    # cancelled in the future
    changed(
        plan["projet-reorganisation-agile-lean-d-imio"], status="suspended", lead="Marc Martin", served=relations(o4)
    )
    changed(plan["projet-evolution-technologique-et-performances"], status="done", lead="Jeanne Dupont")
    changed(
        plan["projet-gestion-electronique-de-documents"],
        status="in_progress",
        lead="Informatique ; Direction générale",
        served=relations(b),
    )
    changed(plan["projet-interoperabilite-wallonie-connect"], status="cancelled", end=today + timedelta(days=100))

    users = portal.acl_users
    users.userFolderAddUser("jdupont", PASSWORD, ["Member"], [])
    api.user.get(userid="jdupont").setMemberProperties({"fullname": "Jeanne Dupont", "email": "jd@example.org"})
    users.userFolderAddUser("mmartin", PASSWORD, ["Member"], [])
    api.user.get(userid="mmartin").setMemberProperties({"fullname": "Marc Martin", "email": "mm@example.org"})
    users.userFolderAddUser("lvanden", PASSWORD, ["Member"], [])
    api.user.get(userid="lvanden").setMemberProperties({"fullname": "Luc Vanden", "email": "lv@example.org"})
    api.group.create(groupname="direction", title="Direction générale")
    api.group.add_user(groupname="direction", username="jdupont")
    transaction.commit()
    return plan


STALE = {
    title
    for title in (
        "Nombre de flux d'interopérabilité analysés",
        "Nombre d'actions de communication",
        "Nombre de Pouvoirs locaux membres de l'intercommunale. Croissance en % du nombre d'adhésions",
        "Nombre de solutions utilisées par les Pouvoirs locaux. Croissance en % du nombre de solutions utilisées",
        "Nombre de participation aux activités des communautés",
        "Nombre de réunions avec les membres",
        "Nombre de missions d'audit auprès des Pouvoirs locaux",
        I3,
        "Suivi du % d'autofinancement et du montant du subside de fonctionnement",
        "Analyse P&L des produits et services d'iMio",
        "% de ressource en développement internalisé/externalisé",
        "Nombre de partenariats",
        "% de ressources consacrées par iMio en R&D",
        "KPI agiles",
        "Nombre d'instances en déploiement continu",
    )
}


class TestFollowUpDashboards:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.plan = follow_up_state(self.portal)
        self.sessions = []
        yield
        for session in self.sessions:
            session.close()

    def _session(self, user=None):
        session = RelativeSession(self.portal.absolute_url())
        session.headers.update({"Accept-Language": "fr"})
        if user:
            session.auth = (user, PASSWORD)
        self.sessions.append(session)
        return session

    def _page(self, path, user="jdupont", **params):
        answer = self._session(user).get(f"{SEED_PLAN_ID}/{path}", params=params)
        assert answer.status_code == 200, answer.text[:500]
        return BeautifulSoup(answer.text, "html.parser")

    def _rows(self, name, user="jdupont", **params):
        page = self._page(f"@@{PAGES[name]}", user, **params)
        return [
            {
                "title": row.select_one(".follow-up-title").get_text(strip=True),
                "type": row["data-type"],
                "values": row.select_one(".follow-up-values").get_text(" ", strip=True),
                "pillars": [a.get_text(strip=True) for a in row.select(".follow-up-pillars a")],
                "who": row.select_one(".follow-up-who").get_text(strip=True),
                "reason": row.select_one(".follow-up-reason").get_text(strip=True),
            }
            for row in page.select(".follow-up-table tbody tr")
        ]

    def _titles(self, name, user="jdupont", **params):
        return [row["title"] for row in self._rows(name, user, **params)]

    def test_at_risk(self):
        rows = self._rows("at_risk")
        # in the plan's order: value A's objectives then indicators, value B, then projects
        assert [row["title"] for row in rows] == [O1, O4, I1, I2, P1]
        by_title = {row["title"]: row for row in rows}
        year = current_year(self.plan)  # the seed plan is over: its last year, 2022
        assert by_title[I1]["reason"] == f"Statut {year} : À risque"
        assert by_title[I2]["reason"] == f"Statut {year} : Hors trajectoire"
        assert by_title[O1]["reason"] == "État de santé : Bloqué, avancement 0 %"
        assert by_title[P1]["reason"] == "Statut : Suspendu"
        assert (by_title[O1]["type"], by_title[O1]["values"], by_title[O1]["pillars"], by_title[O1]["who"]) == (
            "Objective",
            "Ouverture et transparence",
            ["P3"],
            "JEANNE DUPONT",
        )
        assert (by_title[I2]["values"], by_title[I2]["pillars"]) == ("Coopération", ["P1"])
        assert (by_title[P1]["values"], by_title[P1]["pillars"], by_title[P1]["who"]) == (
            "Ouverture et transparence",
            ["P1"],
            "Marc Martin",
        )

    def test_stale(self):
        rows = self._rows("stale")
        assert {row["title"] for row in rows} == STALE and len(rows) == len(STALE)
        assert {row["type"] for row in rows} == {"Indicator"}
        reasons = {row["title"]: row["reason"] for row in rows}
        measured = (date.today() - timedelta(days=200)).strftime("%d/%m/%Y")
        assert reasons[I3] == f"Dernière mesure le {measured}"
        assert reasons["KPI agiles"] == "Jamais mesuré"

    def test_late(self):
        rows = {row["title"]: row for row in self._rows("late")}
        assert list(rows) == [O4, O2, P1, P3]
        ended = (date.today() - timedelta(days=10)).strftime("%d/%m/%Y")
        assert rows[O2]["reason"] == f"Fin prévue le {ended}, avancement 40 %"
        assert rows[P3]["reason"] == "Fin le 31/12/2022, statut : En cours"
        assert rows[P3]["values"] == "Coopération" and rows[P3]["pillars"] == []

    def test_mine_by_name_and_by_group(self):
        # "JEANNE DUPONT": her full name; "Direction Generale": her group's title without its
        # accent; "Informatique ; Direction générale": one of the names of a lead
        # a project done stays hers (P2)
        assert self._titles("mine", "jdupont") == [O1, O2, P2, P3]
        assert self._titles("mine", "mmartin") == [O3, P1]
        assert self._titles("mine", "lvanden") == []

    def test_mine_asks_anonymous_to_log_in(self):
        page = self._page("@@plan-mine", user=None)
        assert "connectez-vous pour la voir" in page.select_one(".follow-up-login").get_text(" ", strip=True)
        assert page.select(".follow-up-table tbody tr") == []
        overview = self._page("", user=None)
        assert [a["data-list"] for a in overview.select(".follow-up-counts a")] == ["at_risk", "stale", "late"]

    def test_filters(self):
        value_b = self.plan[VALUE_B].UID()
        assert self._titles("at_risk", pillar="pilier-1") == [O4, I2, P1]
        assert self._titles("late", pillar="pilier-1") == [O4, O2, P1]
        assert self._titles("at_risk", value=VALUE_A) == [O1, O4, I1, P1]
        assert self._titles("late", value=VALUE_A) == [O4, P1]
        assert self._titles("late", value=value_b) == [O2, P3]  # by UID; P3 serves the value itself
        assert self._titles("at_risk", pillar=self.plan["pilier-1"].UID(), value=VALUE_A) == [O4, P1]
        assert self._titles("mine", value=VALUE_B) == [O2, P3]
        assert self._titles("mine", pillar="pilier-3") == [O1]
        assert self._titles("stale", pillar="pilier-1") == []  # the seed's indicators sit under values
        assert len(self._titles("stale", value=VALUE_A)) == 2

    def test_tabs_keep_the_filters_and_the_choices_are_selected(self):
        page = self._page("@@plan-late", pillar="pilier-1", value=VALUE_A)
        tabs = {a["data-list"]: a for a in page.select(".follow-up-tabs a")}
        assert list(tabs) == ["at_risk", "stale", "mine", "late"]
        assert tabs["at_risk"]["href"].endswith(f"/@@plan-at-risk?pillar=pilier-1&value={VALUE_A}")
        assert "active" in tabs["late"]["class"]
        assert {name: tab.select_one(".follow-up-tab-count").get_text() for name, tab in tabs.items()} == {
            "at_risk": "2",
            "stale": "0",
            "mine": "0",
            "late": "2",
        }
        assert page.select_one("#follow-up-pillar option[selected]")["value"] == "pilier-1"
        assert page.select_one("#follow-up-value option[selected]")["value"] == VALUE_A

    def test_unknown_filter_gives_a_french_message(self):
        page = self._page("@@plan-at-risk", pillar="pilier-99")
        assert page.select_one(".follow-up-error").get_text(strip=True) == (
            "Pilier inconnu dans ce plan : « pilier-99 ». Choisissez un pilier dans la liste."
        )
        assert page.select(".follow-up-table") == []
        page = self._page("@@plan-late", value="nulle-part")
        assert "Valeur inconnue dans ce plan : « nulle-part »" in page.select_one(".follow-up-error").get_text()
        page = self._page("@@plan-late", value=self.plan["pilier-1"].UID())  # a pillar is no value
        assert page.select_one(".follow-up-error") is not None

    @pytest.mark.parametrize("user", ["jdupont", "mmartin", None])
    def test_overview_counts_are_the_lists_lengths(self, user):
        overview = self._page("", user=user)
        links = overview.select(".plan-follow-up-lists a.follow-up-count")
        counts = {a["data-list"]: int(a.select_one(".follow-up-count-number").get_text()) for a in links}
        assert counts == {name: len(self._titles(name, user)) for name in counts}
        expected = {"at_risk": 5, "stale": 15, "late": 4}
        if user:
            expected["mine"] = {"jdupont": 4, "mmartin": 2}[user]
        assert counts == expected
        for a in links:
            assert a["href"].endswith(f"/{SEED_PLAN_ID}/@@{PAGES[a['data-list']]}")


def test_names_match_without_case_or_accents():
    from imio.strategicplan.followup.lists import names_in
    from imio.strategicplan.followup.lists import normalized

    assert normalized("  Direction   GÉNÉRALE ") == "direction generale"
    assert names_in("Jean Dupont (DG)") == {"jean dupont (dg)", "jean dupont", "dg"}
    assert names_in("Informatique ; Direction générale") >= {"informatique", "direction generale"}
    assert "direction" not in names_in("Direction générale adjointe")
    assert names_in(None) == set()


@pytest.mark.browser
def test_pillar_filter_in_a_browser(functional, page, artifacts):
    """Someone opens the "late" list from the overview, picks a pillar and sees the list narrowed."""
    follow_up_state(functional["portal"])
    page.goto(f"{functional['portal'].absolute_url()}/{SEED_PLAN_ID}")
    counts = page.locator(".plan-follow-up-lists")
    assert counts.locator("a.follow-up-count-late .follow-up-count-number").inner_text() == "4"
    counts.screenshot(path=str(artifacts / "follow-up-counts-on-overview.png"))
    page.click(".plan-follow-up-lists a.follow-up-count-late")
    page.wait_for_url("**/@@plan-late")
    rows = page.locator(".follow-up-table tbody tr")
    assert [rows.nth(i).locator(".follow-up-title").inner_text() for i in range(rows.count())] == [O4, O2, P1, P3]
    page.select_option("#follow-up-pillar", "pilier-1")
    page.select_option("#follow-up-value", VALUE_A)
    page.click("button.follow-up-filter")
    page.wait_for_url("**/@@plan-late?pillar=pilier-1&value=*")
    rows = page.locator(".follow-up-table tbody tr")
    assert [rows.nth(i).locator(".follow-up-title").inner_text() for i in range(rows.count())] == [O4, P1]
    assert page.locator(".follow-up-tabs a[data-list='at_risk'] .follow-up-tab-count").inner_text() == "2"
    page.screenshot(path=str(artifacts / "follow-up-late-filtered.png"), full_page=True)
    page.click(".follow-up-tabs a[data-list='at_risk']")
    page.wait_for_url("**/@@plan-at-risk?pillar=pilier-1&value=*")
    rows = page.locator(".follow-up-table tbody tr")
    assert [rows.nth(i).locator(".follow-up-title").inner_text() for i in range(rows.count())] == [O4, P1]
