"""@types and @vocabularies give a form generator what it needs for each of our types."""

from imio.strategicplan.content import PLAN_TYPES
from imio.strategicplan.transfer.fields import format_fields

import pytest


def _vocabularies(properties):
    """(field path, vocabulary URL, default) of every choice, data-grid columns included."""
    for name, prop in properties.items():
        if "vocabulary" in prop:
            yield name, prop["vocabulary"]["@id"], prop.get("default")
        items = prop.get("items", {})
        if "vocabulary" in items:
            yield f"{name}[]", items["vocabulary"]["@id"], None
        for column, sub in items.get("properties", {}).items():
            if "vocabulary" in sub:
                yield f"{name}[].{column}", sub["vocabulary"]["@id"], sub.get("default")


@pytest.mark.parametrize("portal_type", PLAN_TYPES)
def test_types_schema_and_its_vocabularies(manager, portal_type):
    schema = manager.get(f"@types/{portal_type}").json()
    fields = dict(format_fields(portal_type))
    # every field of the type, the required ones listed as such, in a fieldset
    assert set(fields) <= set(schema["properties"])
    assert {n for n, f in fields.items() if f.required} <= set(schema["required"])
    in_fieldsets = {name for fieldset in schema["fieldsets"] for name in fieldset["fields"]}
    assert set(fields) <= in_fieldsets
    # every choice points to a vocabulary that answers, holding the field's default
    choices = list(_vocabularies(schema["properties"]))
    for path, url, default in choices:
        response = manager.get(url, params={"b_size": 500})
        assert response.status_code == 200, (path, url, response.text)
        tokens = {term["token"] for term in response.json()["items"]}
        assert tokens, (path, url)
        if default is not None:
            assert default in tokens, (path, default, tokens)
    named = {name for name, f in fields.items() if getattr(f, "vocabularyName", None)}
    assert named <= {path for path, _, _ in choices}


def test_titles_and_terms_in_the_request_language(manager):
    french = manager.get("@types/Objective", headers={"Accept-Language": "fr"}).json()
    english = manager.get("@types/Objective", headers={"Accept-Language": "en"}).json()
    assert (french["properties"]["health"]["title"], english["properties"]["health"]["title"]) == (
        "État de santé",
        "Health",
    )
    url = english["properties"]["health"]["vocabulary"]["@id"]
    terms = {
        lang: {t["token"]: t["title"] for t in manager.get(url, headers={"Accept-Language": lang}).json()["items"]}
        for lang in ("fr", "en")
    }
    assert terms["fr"]["on_track"] == "En bonne voie"
    assert terms["en"]["on_track"] != terms["fr"]["on_track"]
