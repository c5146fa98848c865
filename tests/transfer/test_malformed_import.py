"""A malformed plan file stops with file, line, JSON path and field, and writes nothing."""

from imio.strategicplan.testing import SEED_FILE
from imio.strategicplan.transfer.errors import PlanFileError
from imio.strategicplan.transfer.importer import import_plan
from imio.strategicplan.transfer.reader import read_source
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import copy
import json
import pytest


SEED = json.loads(SEED_FILE.read_text(encoding="utf-8"))


def _item(data, *indexes):
    node = data["plan"]
    for index in indexes:
        node = node["items"][index]
    return node


def _value_index(data, title):
    return next(i for i, n in enumerate(data["plan"]["items"]) if n["@type"] == "Value" and n["title"] == title)


COOP = _value_index(SEED, "Coopération")
YEAR_2012 = next(i for i, n in enumerate(SEED["plan"]["items"]) if n.get("year") == 2012)


def unknown_type(d):
    _item(d, 0)["@type"] = "Pilar"
    return "plan.items[0]", "@type", "unknown type 'Pilar'", '"Pilar"'


def not_allowed_here(d):
    _item(d, COOP)["items"].append(copy.deepcopy(_item(d, 0)) | {"id": "pilier-egare"})
    n = len(_item(d, COOP)["items"]) - 1
    return f"plan.items[{COOP}].items[{n}]", "@type", "cannot be placed in a Value", (None, '"pilier-egare"', -1)


def missing_required(d):
    del _item(d, COOP, 2)["title"]
    return f"plan.items[{COOP}].items[2]", "title", "required field missing", None


def wrong_value_type(d):
    _item(d, COOP, 1)["progress"] = "50"
    return f"plan.items[{COOP}].items[1]", "progress", "expected an integer, got a string", '"progress": "50"'


def out_of_range(d):
    _item(d, COOP, 1)["progress"] = 150
    return f"plan.items[{COOP}].items[1]", "progress", "out of range", '"progress": 150'


def duplicate_id(d):
    _item(d, COOP, 3)["id"] = _item(d, COOP, 0)["id"]
    return f"plan.items[{COOP}].items[3]", "id", "duplicate id", None


def unknown_field(d):
    _item(d, 1)["colour"] = "rouge"
    return "plan.items[1]", "colour", "unknown field for a Pillar", '"colour"'


def unknown_relation(d):
    _item(d, COOP, 0)["pillars"] = ["pilier-1", "pilier-9"]
    anchor = f'"id": "{_item(d, COOP, 0)["id"]}"'
    return f"plan.items[{COOP}].items[0]", "pillars[1]", "no item with id 'pilier-9'", (anchor, '"pillars"', 0)


def wrong_relation_type(d):
    _item(d, COOP, 0)["pillars"] = [_item(d, COOP)["id"]]
    anchor = f'"id": "{_item(d, COOP, 0)["id"]}"'
    return f"plan.items[{COOP}].items[0]", "pillars[0]", "is a Value; expected Pillar", (anchor, '"pillars"', 0)


def bad_row_cell(d):
    _item(d, YEAR_2012)["revenue_lines"][0]["amount"] = "159 680,77 €"
    return f"plan.items[{YEAR_2012}]", "revenue_lines[0].amount", "expected a number", None


def bad_choice(d):
    _item(d, COOP, 0)["health"] = "great"
    return f"plan.items[{COOP}].items[0]", "health", "'great' is not one of: on_track", '"health": "great"'


def bad_date(d):
    d["plan"]["adoption_date"] = "12/12/2019"
    return "plan", "adoption_date", "expected a date YYYY-MM-DD", '"adoption_date"'


def wrong_version(d):
    d["format_version"] = 99
    return "$", "format_version", "unsupported format version 99", '"format_version"'


def clashing_id(d):
    # valid for the checker, refused by Zope while writing (an attribute of folders):
    # what was written before it must be rolled back.
    _item(d, COOP, 5)["id"] = "objectIds"
    return f"plan.items[{COOP}].items[5]", "id", "cannot create the item", '"objectIds"'


CASES = [
    unknown_type,
    not_allowed_here,
    missing_required,
    wrong_value_type,
    out_of_range,
    duplicate_id,
    unknown_field,
    unknown_relation,
    wrong_relation_type,
    bad_row_cell,
    bad_choice,
    bad_date,
    wrong_version,
    clashing_id,
]


def _line_of(text, needle, after):
    """1-based line of the first ``needle`` at or after the 1-based line ``after``."""
    lines = text.splitlines()
    for number in range(after, len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    raise AssertionError(f"{needle!r} not in the file")


class TestMalformedImport:
    @pytest.fixture(autouse=True)
    def _setup(self, integration, tmp_path):
        portal = integration["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        # The layer's site already holds the seed plan: import into an empty folder.
        self.folder = api.content.create(container=portal, type="Folder", id="import-here")
        self.tmp_path = tmp_path
        catalog = portal.portal_catalog
        self.count = lambda: len(catalog.unrestrictedSearchResults())
        self.before = (list(self.folder.objectIds()), self.count())

    def _unchanged(self):
        return (list(self.folder.objectIds()), self.count()) == self.before

    def _write(self, name, text):
        path = self.tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    @pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
    def test_error_names_file_line_path_field(self, case):
        data = copy.deepcopy(SEED)
        json_path, field, message, needle = case(data)
        text = json.dumps(data, indent=2, ensure_ascii=False)
        path = self._write(f"{case.__name__}.json", text)
        with pytest.raises(PlanFileError) as info:
            import_plan(read_source(path), self.folder)
        error = info.value
        assert error.filename == str(path)
        assert (error.path, error.field) == (json_path, field)
        assert message in error.message
        assert str(error).startswith(f"{path}:{error.line}: {json_path}: field '{field}': ")
        if needle is not None:
            anchor, needle, offset = needle if isinstance(needle, tuple) else (None, needle, 0)
            start = _line_of(text, anchor, 1) if anchor else 1
            assert error.line == _line_of(text, needle, start) + offset
        assert self._unchanged()

    def test_invalid_json_names_the_line(self):
        text = SEED_FILE.read_text(encoding="utf-8").splitlines()
        text[40] = text[40].rstrip(",") + " oops,"
        path = self._write("broken.json", "\n".join(text))
        with pytest.raises(PlanFileError) as info:
            import_plan(read_source(path), self.folder)
        assert info.value.line == 41
        assert str(info.value).startswith(f"{path}:41: invalid JSON")
        assert self._unchanged()

    def test_duplicate_key_in_object(self):
        path = self._write("dup.json", '{"format": "imio.strategicplan",\n "format": "x"}')
        with pytest.raises(PlanFileError, match="duplicate key 'format'"):
            read_source(path)

    def test_not_utf8(self):
        path = self.tmp_path / "latin1.json"
        path.write_bytes('{"plan": "Stratégique"}'.encode("latin-1"))
        with pytest.raises(PlanFileError, match="not UTF-8"):
            read_source(path)

    def test_plan_already_there(self):
        import_plan(read_source(SEED_FILE), self.folder)
        before = self.count()
        with pytest.raises(PlanFileError, match="already exists"):
            import_plan(read_source(SEED_FILE), self.folder)
        assert self.count() == before
