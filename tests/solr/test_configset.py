"""The configset on a real Solr 9 node, through Solr's HTTP API (collective.solr comes later).

Documents are shaped like the add-on's catalog entries and built from the seed plan: the plan
as adopted (public), and the same plan as a draft amendment (staff only) where three
objectives are at risk. Every query is bounded to the tests' own path.
"""

from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import json
import pytest
import re
import requests
import uuid


pytestmark = pytest.mark.solr

SEED = Path(__file__).resolve().parents[2] / "src/imio/strategicplan/data/plan-imio-2020-2022.json"
ROOT = "/plone-solr-tests"
NAMESPACE = uuid.UUID("5e0e6b8c-3f0a-4a57-9b43-6a3c2f1e9d10")
PUBLIC = ["Anonymous"]
STAFF = ["Manager", "Site Administrator", "Editor", "Contributor", "Owner", "Reader"]

# field -> (Solr class, multiValued) that collective.solr relies on (its indexer formats
# values and its query builder quotes them by class)
COLLECTIVE_SOLR_FIELDS = {
    "UID": ("solr.StrField", False),
    "id": ("solr.StrField", False),
    "getId": ("solr.StrField", False),
    "Title": ("solr.TextField", False),
    "Description": ("solr.TextField", False),
    "SearchableText": ("solr.TextField", False),
    "sortable_title": ("solr.StrField", False),
    "portal_type": ("solr.StrField", False),
    "Type": ("solr.StrField", False),
    "review_state": ("solr.StrField", False),
    "allowedRolesAndUsers": ("solr.StrField", True),
    "path_string": ("solr.StrField", False),
    "path_parents": ("solr.StrField", True),
    "path_depth": ("solr.IntPointField", False),
    "created": ("solr.DatePointField", False),
    "modified": ("solr.DatePointField", False),
    "effective": ("solr.DatePointField", False),
    "expires": ("solr.DatePointField", False),
    "Date": ("solr.DatePointField", False),
    "Creator": ("solr.StrField", False),
    "Subject": ("solr.StrField", True),
    "Language": ("solr.StrField", False),
    "object_provides": ("solr.StrField", True),
    "is_folderish": ("solr.BoolField", False),
    "exclude_from_nav": ("solr.BoolField", False),
    "searchwords": ("solr.StrField", True),
    "showinsearch": ("solr.BoolField", False),
    # imio.strategicplan's own (docs/solr.md)
    "plan_uid": ("solr.StrField", False),
    "pillars": ("solr.StrField", True),
    "value_uid": ("solr.StrField", False),
    "objective_uid": ("solr.StrField", False),
    "health": ("solr.StrField", False),
    "status": ("solr.StrField", False),
    "year": ("solr.IntPointField", False),
}


def _uid(path):
    return uuid.uuid5(NAMESPACE, path).hex


def _documents():
    """Catalog-like documents of the seed plan, adopted and as a draft amendment."""
    plan = json.loads(SEED.read_text())["plan"]
    docs = []
    for plan_id, state, roles in (
        (plan["id"], "adopted", PUBLIC),
        (plan["id"] + "-amendement", "draft", STAFF),
    ):
        plan_path = f"{ROOT}/{plan_id}"
        plan_uid = _uid(plan_path)
        at_risk = 3 if state == "draft" else 0

        def doc(item, path, **fields):
            parents = [ROOT] + [path[: m.start()] for m in re.finditer("/", path) if m.start() > len(ROOT)]
            # as Plone's SearchableText: id, title, description and the item's long texts
            texts = [item["id"], item["title"], item.get("description")]
            texts += [item.get(key) for key in ("vision", "motto", "explanation", "details")]
            for statement in item.get("vision_statements", ()):
                texts += [statement.get("title"), statement.get("text")]
            text = " ".join(t for t in texts if isinstance(t, str))
            return {
                "UID": _uid(path),
                "id": path.rsplit("/", 1)[1],
                "getId": path.rsplit("/", 1)[1],
                "portal_type": item["@type"],
                "Title": item["title"],
                "Description": item.get("description") or "",
                "SearchableText": text,
                "sortable_title": item["title"].lower(),
                "review_state": state,  # noqa: B023 (doc() is called inside this loop only)
                "allowedRolesAndUsers": roles,  # noqa: B023
                "path_string": path,
                "path_parents": parents + [path],
                "path_depth": path.count("/"),
                "Language": "fr",
                "modified": "2020-01-01T00:00:00Z",
                "plan_uid": plan_uid,  # noqa: B023
                **fields,
            }

        docs.append(doc(plan, plan_path))
        pillar_uids = {}
        for item in plan["items"]:
            path = f"{plan_path}/{item['id']}"
            if item["@type"] == "Pillar":
                pillar_uids[item["code"]] = _uid(path)
                docs.append(doc(item, path, pillars=[_uid(path)]))
            elif item["@type"] == "PriorityProject":
                docs.append(doc(item, path, status=item["status"]))
            elif item["@type"] == "FinancialYear":
                docs.append(doc(item, path, year=item["year"]))
            elif item["@type"] == "Value":
                docs.append(doc(item, path))
                for child in item["items"]:
                    child_path = f"{path}/{child['id']}"
                    fields = {"value_uid": _uid(path)}
                    if child["@type"] == "Objective":
                        health = child["health"]
                        if at_risk:
                            health, at_risk = "at_risk", at_risk - 1
                        fields["health"] = health
                        if "interoperabilite" in child["id"]:
                            # the tests' own link: this objective serves P3 and P1
                            fields["pillars"] = [pillar_uids["P3"], pillar_uids["P1"]]
                    docs.append(doc(child, child_path, **fields))
            else:
                docs.append(doc(item, path))
    return docs


DOCS = _documents()


def _words(doc):
    return set(re.findall(r"\w+", doc["SearchableText"].lower()))


class TestConfigset:
    @pytest.fixture(autouse=True, scope="class")
    def _index(self, solr_url):
        """Index the documents once for the class; delete them afterwards."""
        url = f"{solr_url}/update"
        response = requests.post(url, params={"commit": "true", "wt": "json"}, json=DOCS)
        assert response.status_code == 200, response.text
        yield
        requests.post(
            url,
            params={"commit": "true", "wt": "json"},
            json={"delete": {"query": f'path_parents:"{ROOT}"'}},
        ).raise_for_status()

    @pytest.fixture(autouse=True)
    def _setup(self, solr_url):
        self.url = solr_url

    def select(self, q, **params):
        params = {
            "q": q,
            "fq": f'path_parents:"{ROOT}"',
            "rows": 1000,
            "wt": "json",
            **params,
        }
        response = requests.get(f"{self.url}/select", params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def titles(self, q, **params):
        return sorted(d["Title"] for d in self.select(q, fl="Title", **params)["response"]["docs"])

    def test_all_documents_indexed(self):
        assert self.select("*:*", rows=0)["response"]["numFound"] == len(DOCS)

    def test_unaccented_query_finds_accented_title(self):
        expected = sorted(d["Title"] for d in DOCS if "interopérabilité" in _words(d))
        assert "Interopérabilité, Wallonie-connect" in expected
        assert self.titles("interoperabilite") == expected
        assert self.titles("Interopérabilité") == expected
        assert self.titles("l'interopérabilité") == expected
        assert self.titles("Title:INTEROPERABILITE") == sorted(
            d["Title"] for d in DOCS if "interopérabilité" in d["Title"].lower()
        )

    def test_plural_finds_singular(self):
        singular_only = [d for d in DOCS if "objectif" in _words(d) and "objectifs" not in _words(d)]
        # the objectives' ids ("objectif-..."), "l'objectif de mutualisation" (the vision)
        assert len(singular_only) > 20
        found = self.titles("objectifs")
        for d in singular_only:
            assert d["Title"] in found
        assert self.titles("objectifs") == self.titles("objectif")

    def test_ligature_and_apostrophe_folded(self):
        assert "Mettre en œuvre un cadre d'interopérabilité pour les Pouvoirs locaux" in (self.titles("oeuvre"))
        assert self.titles("autonomie financiere") == self.titles("l’autonomie financière")

    def test_stop_word_alone_finds_nothing(self):
        assert sum("les" in _words(d) for d in DOCS) > 10
        assert self.select("les")["response"]["numFound"] == 0
        assert self.select("the")["response"]["numFound"] == 0

    def test_it_is_not_an_english_stop_word(self):
        # "Aider à faire évoluer l'IT des Pouvoirs locaux..." (IT: information technology)
        assert any("IT" in t for t in self.titles("IT"))

    def test_synonyms_from_the_seed(self):
        # synonyms.txt: "egov, e gouvernement" (the plan writes both "eGov" and "e-Gouvernement")
        egov = self.titles("egov")
        assert any("e-Gouvernement" in t for t in egov)  # pillar P4
        assert "Plan Stratégique 2020-2022" in egov  # its vision: "réflexion en eGov"
        assert self.titles("e-gouvernement") == egov

    @pytest.mark.parametrize("field", ["portal_type", "health", "year", "review_state"])
    def test_facet_counts(self, field):
        facets = self.select("*:*", rows=0, facet="true", **{"facet.field": field, "facet.mincount": 1})
        flat = facets["facet_counts"]["facet_fields"][field]
        counts = dict(zip(map(str, flat[::2]), flat[1::2]))
        assert counts == dict(Counter(str(d[field]) for d in DOCS if field in d))

    def test_facet_counts_known_values(self):
        facets = self.select(
            "*:*",
            rows=0,
            facet="true",
            **{"facet.field": ["portal_type", "health", "year"]},
        )["facet_counts"]["facet_fields"]
        assert dict(zip(facets["health"][::2], facets["health"][1::2])) == {
            "on_track": 47,
            "at_risk": 3,
        }
        assert dict(zip(facets["portal_type"][::2], facets["portal_type"][1::2]))["Objective"] == 50
        assert dict(zip(facets["year"][::2], facets["year"][1::2]))["2020"] == 2

    def test_allowed_roles_and_users_filter(self):
        public = self.select(
            "*:*",
            rows=0,
            fq=[f'path_parents:"{ROOT}"', "allowedRolesAndUsers:Anonymous"],
        )
        assert public["response"]["numFound"] == len(DOCS) // 2
        editor = self.select(
            "interoperabilite",
            fq=[
                f'path_parents:"{ROOT}"',
                'allowedRolesAndUsers:("Editor" OR "user:jdoe")',
            ],
            fl="review_state",
        )
        assert {d["review_state"] for d in editor["response"]["docs"]} == {"draft"}
        nobody = self.select(
            "*:*",
            rows=0,
            fq=[f'path_parents:"{ROOT}"', 'allowedRolesAndUsers:"user:nobody"'],
        )
        assert nobody["response"]["numFound"] == 0

    def test_plan_pillars_and_year_filters(self):
        adopted = next(d for d in DOCS if d["portal_type"] == "StrategicPlan")
        in_plan = self.select("*:*", rows=0, fq=[f'plan_uid:"{adopted["UID"]}"'])
        assert in_plan["response"]["numFound"] == len(DOCS) // 2
        p3 = next(d for d in DOCS if d["portal_type"] == "Pillar" and d["Title"].startswith("Mettre"))
        served = self.titles(
            "*:*",
            fq=[
                f'path_parents:"{ROOT}"',
                f'pillars:"{p3["pillars"][0]}"',
                "portal_type:Objective",
            ],
        )
        assert served == ["Mettre en œuvre un cadre d'interopérabilité pour les Pouvoirs locaux"]
        years = self.select("*:*", rows=0, fq=[f'path_parents:"{ROOT}"', "year:[2020 TO 2022]"])
        assert years["response"]["numFound"] == 6

    def test_atomic_update_keeps_the_other_fields(self):
        objective = next(d for d in DOCS if d.get("health") == "on_track")
        response = requests.post(
            f"{self.url}/update",
            params={"commit": "true", "wt": "json"},
            json=[{"UID": objective["UID"], "health": {"set": "blocked"}}],
        )
        assert response.status_code == 200, response.text
        try:
            found = self.select(f'UID:"{objective["UID"]}"', fl="*")["response"]["docs"]
            assert found[0]["health"] == "blocked"
            for field in (
                "Title",
                "SearchableText",
                "allowedRolesAndUsers",
                "path_parents",
                "plan_uid",
            ):
                assert found[0][field] == objective[field]
            assert objective["UID"] in {d["UID"] for d in self.select(objective["Title"], fl="UID")["response"]["docs"]}
        finally:
            requests.post(
                f"{self.url}/update",
                params={"commit": "true", "wt": "json"},
                json=[{"UID": objective["UID"], "health": {"set": objective["health"]}}],
            ).raise_for_status()


class TestSchema:
    @pytest.fixture(autouse=True)
    def _setup(self, solr_url):
        self.url = solr_url

    def test_classic_schema_is_not_mutable(self):
        factory = requests.get(f"{self.url}/config/schemaFactory", params={"wt": "json"})
        assert factory.json()["config"]["schemaFactory"]["class"] == "ClassicIndexSchemaFactory"
        assert requests.get(f"{self.url}/schema", params={"wt": "json"}).json()["schema"]["uniqueKey"] == "UID"
        refused = requests.post(
            f"{self.url}/schema",
            params={"wt": "json"},
            json={"add-field": {"name": "added_later", "type": "string"}},
        )
        assert refused.status_code >= 400
        assert "schema is not editable" in refused.text

    def test_schema_xml_as_collective_solr_reads_it(self):
        """collective.solr GETs /admin/file/?file=schema.xml and maps fields to classes."""
        response = requests.get(f"{self.url}/admin/file/", params={"file": "schema.xml"})
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)
        assert root.findtext("uniqueKey") == "UID"
        types = {t.get("name"): t.attrib for t in root.iter("fieldType")}
        fields = {}
        for field in root.iter("field"):
            attributes = {**types[field.get("type")], **field.attrib}
            fields[field.get("name")] = (
                attributes["class"],
                attributes.get("multiValued") == "true",
            )
        for name, expected in COLLECTIVE_SOLR_FIELDS.items():
            assert fields.get(name) == expected, name
        assert not list(root.iter("copyField"))  # atomic updates would duplicate values
        assert not list(root.iter("dynamicField"))

    def test_unknown_field_is_refused(self):
        response = requests.post(
            f"{self.url}/update",
            params={"wt": "json"},
            json=[{"UID": "unknown-field", "not_in_schema": "x"}],
        )
        assert response.status_code == 400
        assert "not_in_schema" in response.text

    def test_xml_answers_by_default(self):
        """collective.solr sends no `wt` and parses XML from /select and /update."""
        select = requests.post(
            f"{self.url}/select",
            data={"q": "*:*", "rows": "0"},
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        assert ElementTree.fromstring(select.content).tag == "response"
        update = requests.post(
            f"{self.url}/update",
            data=b"<commit/>",
            headers={"Content-Type": "text/xml; charset=utf-8"},
        )
        assert ElementTree.fromstring(update.content).find("lst/int[@name='status']").text == "0"
