"""GET <plan>/@plan-search and @@plan-search on the catalog (Solr off: the default site)."""

from imio.strategicplan.testing import SEED_PLAN_ID
from plone.restapi.testing import RelativeSession

import pytest


def test_words_and_facets_from_the_catalog(anonymous):
    answer = anonymous.get(f"{SEED_PLAN_ID}/@plan-search", params={"q": "interoperabilite"})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["backend"] == "catalog" and "warning" not in data
    titles = sorted(item["title"] for item in data["items"])
    assert titles == [
        "Interopérabilité, Wallonie-connect",
        "Mettre en place un cadre d'interopérabilité à destination des Pouvoirs locaux",
        "Mettre en œuvre un cadre d'interopérabilité pour les Pouvoirs locaux",
        "Nombre de flux d'interopérabilité analysés",
    ]
    types = {f["value"]: (f["title"], f["count"]) for f in data["facets"]["type"]}
    assert types == {
        "Objective": ("Objectif", 1),
        "Indicator": ("Indicateur", 1),
        "Pillar": ("Pilier", 1),
        "PriorityProject": ("Projet prioritaire", 1),
    }
    assert data["facets"]["state"] == [{"value": "adopted", "title": "Adopté", "count": 4, "selected": False}]


def test_filters_narrow_and_facets_follow(anonymous):
    everything = anonymous.get(f"{SEED_PLAN_ID}/@plan-search", params={"b_size": 100}).json()
    assert everything["items_total"] == 69
    years = everything["facets"]["year"]
    assert [y["value"] for y in years] == list(range(2012, 2023))
    value = max(everything["facets"]["value"], key=lambda v: v["count"])
    narrowed = anonymous.get(
        f"{SEED_PLAN_ID}/@plan-search", params={"value": value["value"], "type": "Objective"}
    ).json()
    assert narrowed["items_total"] == next(
        f["count"]
        for f in anonymous.get(f"{SEED_PLAN_ID}/@plan-search", params={"value": value["value"]}).json()["facets"][
            "type"
        ]
        if f["value"] == "Objective"
    )
    assert {item["@type"] for item in narrowed["items"]} == {"Objective"}
    assert narrowed["facets"]["value"] == [dict(value, count=narrowed["items_total"], selected=True)]
    both_years = anonymous.get(f"{SEED_PLAN_ID}/@plan-search", params=[("year", 2019), ("year", 2020)]).json()
    assert sorted(item["title"] for item in both_years["items"]) == ["Exercice 2019", "Exercice 2020"]


@pytest.mark.parametrize("text", ["or", "interoperabilite AND", "not (", '"', "*", "l'œuvre -x"])
def test_any_text_is_searched_as_words(anonymous, text):
    answer = anonymous.get(f"{SEED_PLAN_ID}/@plan-search", params={"q": text})
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(
    "params, field",
    [
        ({"year": "deux-mille"}, "year"),
        ({"b_size": "1000"}, "b_size"),
        ({"b_start": "-1"}, "b_start"),
        ({"sort_on": "modified"}, "sort_on"),
    ],
)
def test_bad_parameters_answer_400_naming_them(anonymous, params, field):
    answer = anonymous.get(f"{SEED_PLAN_ID}/@plan-search", params=params, headers={"Accept-Language": "en"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["field"] == field
    assert field in answer.json()["error"]["message"]


def test_search_page_lists_results_and_facets(functional):
    from bs4 import BeautifulSoup  # noqa  (plone ships it)

    session = RelativeSession(functional["portal"].absolute_url())
    page = session.get(f"{SEED_PLAN_ID}/@@plan-search", params={"q": "interoperabilite"})
    assert page.status_code == 200, functional["portal"].error_log.getLogEntries()[-1:]
    soup = BeautifulSoup(page.text, "html.parser")
    results = [a.get_text(strip=True) for a in soup.select(".plan-search-result > a")]
    assert len(results) == 4 and "Interopérabilité, Wallonie-connect" in results
    type_facet = soup.select_one('[data-facet="type"]')
    counts = {
        a.select_one(".facet-title").get_text(strip=True): a.select_one(".facet-count").get_text()
        for a in type_facet.select("a.facet-value")
    }
    assert counts == {"Objectif": "1", "Indicateur": "1", "Pilier": "1", "Projet prioritaire": "1"}
    # following a facet link filters on it
    objective = next(a for a in type_facet.select("a.facet-value") if "Objectif" in a.get_text())
    filtered = BeautifulSoup(session.get(objective["href"]).text, "html.parser")
    assert len(filtered.select(".plan-search-result")) == 1
    assert filtered.select_one('[data-facet="type"] a.selected') is not None
    session.close()
