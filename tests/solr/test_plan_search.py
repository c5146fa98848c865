"""Searching the plan through collective.solr and the real Solr node (`solr_site`: the test's site
with the `solr` profile, pointed at the node, the core holding the seed plan)."""

from imio.strategicplan.search import solr
from imio.strategicplan.search.query import FACETS
from imio.strategicplan.search.query import search_plan
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.helpers import json_session

import pytest
import transaction


pytestmark = pytest.mark.solr

PASSWORD = "mot de passe de test 2026"


@pytest.fixture
def sessions(solr_site):
    """JSON sessions on the test server: the site owner, anonymous, and a member without roles."""
    api.user.create(email="reader@example.org", username="reader", password=PASSWORD)
    transaction.commit()
    made = {}
    for name, auth in (
        ("manager", (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)),
        ("anonymous", None),
        ("reader", ("reader", PASSWORD)),
    ):
        made[name] = json_session(solr_site.absolute_url(), auth)
    yield made
    for session in made.values():
        session.close()


def plan_search(session, plan=SEED_PLAN_ID, **params):
    answer = session.get(f"{plan}/@plan-search", params={"b_size": 100, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()


def titles(answer):
    return sorted(item["title"] for item in answer["items"])


def test_french_analysis(solr_site, sessions):
    anonymous = sessions["anonymous"]
    found = plan_search(anonymous, q="interoperabilite")
    assert found["backend"] == "solr"
    assert "Interopérabilité, Wallonie-connect" in titles(found) and found["items_total"] == 4
    # "objectifs" finds every item whose text says "objectif" (French stemming), which the
    # catalog's word-beginning match cannot do
    catalog = api.portal.get_tool("portal_catalog")
    singular = {
        b.Title
        for b in catalog.unrestrictedSearchResults(
            SearchableText="objectif", path="/".join(solr_site[SEED_PLAN_ID].getPhysicalPath())
        )
    }
    assert singular
    stemmed = set(titles(plan_search(anonymous, q="objectifs")))
    assert singular <= stemmed
    assert singular - set(titles(plan_search(anonymous, q="objectifs", **{}))) == set()
    # "oeuvre" finds "œuvre"; stop words do not count
    assert "Mettre en œuvre un cadre d'interopérabilité pour les Pouvoirs locaux" in titles(
        plan_search(anonymous, q="mettre oeuvre")
    )


@pytest.mark.parametrize(
    "text, filters",
    [
        ("", {}),
        ("interoperabilite", {}),
        ("", {"type": ["Objective"]}),
        ("", {"type": ["Objective", "Indicator"], "health": ["on_track"]}),
        ("mettre", {"state": ["adopted"]}),
        ("", {"year": [2019, 2020]}),
    ],
)
def test_facet_counts_equal_catalog_counts(solr_site, text, filters):
    plan = solr_site[SEED_PLAN_ID]
    through_solr = search_plan(plan, text, filters, backend="solr")
    through_catalog = search_plan(plan, text, filters, backend="catalog")
    assert through_solr.total == through_catalog.total > 0
    assert through_solr.facets == through_catalog.facets
    assert set(through_solr.facets) == set(FACETS)


def test_pillar_and_value_facets(solr_site, sessions):
    manager = sessions["manager"]
    everything = plan_search(manager)
    assert everything["items_total"] == 69
    value = everything["facets"]["value"][0]
    assert value["title"] and value["count"] > 1
    narrowed = plan_search(manager, value=value["value"])
    assert narrowed["items_total"] == value["count"]
    by_catalog = search_plan(solr_site[SEED_PLAN_ID], "", {"value": [value["value"]]}, backend="catalog")
    assert by_catalog.total == value["count"]


def _add(manager, container, portal_type, **data):
    answer = manager.post(container, json={"@type": portal_type, **data})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_indexing_follows_add_edit_move_delete(solr_site, sessions):
    manager, anonymous = sessions["manager"], sessions["anonymous"]
    values = [b for b in plan_search(manager, type="Value")["items"]]
    first, second = values[0], values[1]
    added = _add(manager, first["@id"], "Objective", title="Zorglub des communes")
    found = plan_search(anonymous, q="zorglub")
    assert [i["@id"] for i in found["items"]] == [added["@id"]]
    assert found["facets"]["value"][0]["value"] == first["UID"]

    assert manager.patch(added["@id"], json={"title": "Kryptonite des communes"}).status_code == 204
    assert plan_search(anonymous, q="zorglub")["items_total"] == 0
    assert plan_search(anonymous, q="kryptonite")["items_total"] == 1

    # an indicator's title makes its objective findable
    _add(manager, added["@id"], "Indicator", title="Nombre de marsupilamis")
    assert {i["@type"] for i in plan_search(anonymous, q="marsupilamis")["items"]} == {"Objective", "Indicator"}

    moved = manager.post(f"{second['@id']}/@move", json={"source": added["@id"]})
    assert moved.status_code == 200, moved.text
    after = plan_search(anonymous, q="kryptonite")
    assert after["items_total"] == 1 and after["items"][0]["@id"].startswith(second["@id"] + "/")
    assert after["facets"]["value"] == [
        {"value": second["UID"], "title": second["title"], "count": 1, "selected": False}
    ]

    assert manager.delete(after["items"][0]["@id"]).status_code == 204
    assert plan_search(anonymous, q="kryptonite")["items_total"] == 0
    assert plan_search(anonymous, q="marsupilamis")["items_total"] == 0


def test_leaving_adopted_hides_the_plan_from_anonymous_at_once(solr_site, sessions):
    manager, anonymous, reader = sessions["manager"], sessions["anonymous"], sessions["reader"]
    assert plan_search(anonymous, q="interoperabilite")["items_total"] == 4
    amended = manager.post(f"{SEED_PLAN_ID}/@workflow/amend", json={"comment": "À revoir."})
    assert amended.status_code == 200, amended.text
    for session in (anonymous, reader):
        answer = session.get(f"{SEED_PLAN_ID}/@plan-search", params={"q": "interoperabilite"})
        assert answer.status_code == 401
        site_wide = session.get("@search", params={"SearchableText": "interoperabilite"}).json()
        assert site_wide["items_total"] == 0
    as_manager = plan_search(manager, q="interoperabilite")
    assert as_manager["backend"] == "solr" and as_manager["items_total"] == 4
    assert as_manager["facets"]["state"][0]["value"] == "draft"


def test_drafts_are_never_found_by_anonymous_or_readers(solr_site, sessions):
    manager = sessions["manager"]
    draft = _add(
        manager,
        solr_site.absolute_url(),
        "StrategicPlan",
        title="Plan en préparation",
        reference="BROUILLON-1",
        first_year=2023,
        last_year=2025,
    )
    value = _add(manager, draft["@id"], "Value", title="Valeur cachée", motto="Confidentialité absolue")
    _add(manager, value["@id"], "Objective", title="Objectif secret zorglub")
    seen_by_manager = manager.get("@search", params={"SearchableText": "zorglub"}).json()
    assert seen_by_manager["items_total"] == 1  # Solr has it

    for who in ("anonymous", "reader"):
        session = sessions[who]
        ways = [
            ("@search", {"SearchableText": "zorglub"}),
            ("@search", {"SearchableText": "confidentialite"}),  # a value's motto is searchable
            ("@search", {"SearchableText": "zorglub", "use_solr": "true", "allowedRolesAndUsers": "Manager"}),
            ("@search", {"use_solr": "true", "plan_uid": draft["UID"]}),
            ("@search", {"use_solr": "true", "portal_type": "Objective", "review_state": "draft"}),
            ("@search", {"use_solr": "true", "SearchableText": "*", "fq": "plan_uid:" + draft["UID"]}),
        ]
        for path, params in ways:
            answer = session.get(path, params=params)
            assert answer.status_code == 200, (who, params, answer.text)
            found = answer.json()
            # collective.solr answers a query it reduces to nothing with an empty list
            items = found if isinstance(found, list) else found["items"]
            assert items == [] and (isinstance(found, list) or found["items_total"] == 0), (who, params, found)
        assert session.get(f"{draft['@id']}/@plan-search", params={"q": "zorglub"}).status_code == 401
        # the adopted plan's facets count nothing of the draft
        everything = plan_search(session)
        assert everything["items_total"] == 69
        assert {f["value"] for f in everything["facets"]["state"]} == {"adopted"}
        page = session.get("@@search", params={"SearchableText": "zorglub"}, headers={"Accept": "text/html"})
        assert page.status_code == 200 and "Objectif secret zorglub" not in page.text


def test_solr_down_then_sync(solr_site, sessions, own_solr_node):
    """The site's Solr node stops: edits still succeed, search answers from the catalog with a
    clear message; once the node is back, `sync` brings it in line — an edit and a workflow
    change (which changes no modification time) made while it was down included."""
    from urllib.parse import urlsplit

    manager, anonymous = sessions["manager"], sessions["anonymous"]
    parts = urlsplit(own_solr_node.url)
    api.portal.set_registry_record("collective.solr.port", parts.port)
    transaction.commit()
    assert solr.sync(solr_site).indexed == 70  # the site and the seed plan, in the new node
    objective = plan_search(manager, type="Objective")["items"][0]
    assert plan_search(anonymous, q="interoperabilite")["backend"] == "solr"

    own_solr_node.stop()
    assert manager.patch(objective["@id"], json={"title": "Objectif zorglub"}).status_code == 204
    answer = plan_search(anonymous, q="zorglub")
    assert answer["backend"] == "catalog" and answer["items_total"] == 1
    assert "Solr ne répond pas" in answer["warning"]
    english = anonymous.get(
        f"{SEED_PLAN_ID}/@plan-search", params={"q": "zorglub"}, headers={"Accept-Language": "en"}
    ).json()
    assert "Solr" in english["warning"] and "répond" not in english["warning"]
    page = anonymous.get(f"{SEED_PLAN_ID}/@@plan-search", params={"q": "zorglub"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "plan-search-warning" in page.text and "Objectif zorglub" in page.text
    with pytest.raises(solr.SolrUnavailable, match="does not answer"):
        solr.sync(solr_site)
    amended = manager.post(f"{SEED_PLAN_ID}/@workflow/amend", json={"comment": "À revoir."})
    assert amended.status_code == 200, amended.text

    own_solr_node.start()
    transaction.begin()  # this thread sees what the server committed meanwhile
    # back, not yet in line: the old title, and the plan still public
    assert search_plan(solr_site[SEED_PLAN_ID], "zorglub", backend="solr").total == 0
    report = solr.sync(solr_site)
    transaction.commit()
    assert report.reindexed >= 69 and report.indexed == report.deleted == 0, report
    assert anonymous.get(f"{SEED_PLAN_ID}/@plan-search", params={"q": "zorglub"}).status_code == 401
    assert plan_search(manager, q="zorglub")["backend"] == "solr"
    assert plan_search(manager, q="zorglub")["items_total"] == 1
    assert anonymous.get("@search", params={"SearchableText": "interoperabilite"}).json()["items_total"] == 0
    assert solr.sync(solr_site).reindexed == 0  # in line now


def test_not_yet_effective_items_are_hidden_like_the_catalog_hides_them(solr_site, sessions):
    """Items have no publication dates in their forms, but a date set otherwise (an import, a
    script) is honoured by Solr as by the catalog: anonymous does not see a future item."""
    from DateTime import DateTime

    plan = solr_site[SEED_PLAN_ID]
    objective = api.content.find(context=plan, portal_type="Objective", sort_on="path")[0].getObject()
    objective.setTitle("Objectif zorglub")
    objective.effective_date = DateTime() + 10
    objective.reindexObject()
    transaction.commit()
    assert plan_search(sessions["manager"], q="zorglub")["items_total"] == 1
    assert plan_search(sessions["anonymous"], q="zorglub")["items_total"] == 0
    with api.env.adopt_user(username="reader"):
        for backend in ("solr", "catalog"):
            assert search_plan(plan, "zorglub", backend=backend).total == 0


@pytest.mark.parametrize("text", ["or", "interoperabilite AND", "not (", '"', "*", "l'œuvre -x", "Title:x"])
def test_any_text_is_searched_as_words(solr_site, text):
    plan = solr_site[SEED_PLAN_ID]
    through_solr = search_plan(plan, text, backend="solr")
    through_catalog = search_plan(plan, text, backend="catalog")
    assert through_solr.backend == "solr" and through_catalog.backend == "catalog"
