"""docs/api.md's examples: each endpoint called on the live test server, the doc checked against it.

REGENERATE_API_EXAMPLES=1 rewrites the doc's examples section from what the server answers; without
it, the test fails when an example of the doc is no longer produced, or answers another status or
other top-level JSON keys (the values, UIDs and dates, may differ from run to run).
"""

from dataclasses import dataclass
from http import HTTPStatus
from imio.strategicplan.testing import SEED_PLAN_ID
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.workflows.helpers import PASSWORD
from tests.workflows.helpers import session

import json
import os
import pytest
import re
import transaction


DOC = Path(__file__).parents[2] / "docs" / "api.md"
START, END = "<!-- examples:start -->", "<!-- examples:end -->"
DOC_SITE = "http://localhost:8080/Plone"  # the site `make start` serves
TEXT_CHARS = 90  # characters kept of a long text
WIDTH = 100  # a JSON value shorter than this stays on one line
SHORT = 70  # a nested value shorter than this is never cut
STACK_KEYS = {"context"}  # in plone.rest 6's errors (Plone 6.2), not in plone.rest 5's (Plone 6.1)

PLAN = SEED_PLAN_ID
OBJECTIVE = f"{PLAN}/valeur-cooperation/objectif-soutenir-les-communautes-du-logiciel-libre"
NEW_INDICATOR = f"{PLAN}/valeur-cooperation/contributions-publiees"
NEW_PLAN = {
    "format": "imio.strategicplan",
    "format_version": 1,
    "plan": {
        "@type": "StrategicPlan",
        "id": "plan-strategique-2023-2025",
        "title": "Plan Stratégique 2023-2025",
        "reference": "IMIO2023/2025-V0.1",
        "first_year": 2023,
        "last_year": 2025,
        "items": [
            {"@type": "Pillar", "id": "pilier-1", "title": "Mutualisation", "code": "P1", "number": 1},
            {
                "@type": "Value",
                "id": "valeur-cooperation",
                "title": "Coopération",
                "motto": "Ensemble, on va plus loin.",
                "items": [
                    {
                        "@type": "Objective",
                        "id": "objectif-partager-les-solutions",
                        "title": "Partager les solutions",
                        "kind": "strategic",
                        "pillars": ["pilier-1"],
                        "planned_start": "2023-01-01",
                        "planned_end": "2025-12-31",
                    },
                    {
                        "@type": "Indicator",
                        "id": "indicateur-communes-membres",
                        "title": "Communes membres",
                        "unit": "nombre",
                        "baseline": 250,
                        "baseline_year": 2022,
                        "targets": [{"year": 2025, "value": 262}],
                    },
                ],
            },
        ],
    },
}


@dataclass
class Example:
    """One request and its answer, as the doc shows them."""

    title: str
    who: str
    method: str
    path: str  # relative to the site, with its query string
    body: object
    status: int
    response: object  # None when the answer has no body

    def shape(self):
        return _shape(self.response)


def _shape(body):
    """What the doc promises of a response: its top-level keys (of the first item, for a list)."""
    if isinstance(body, dict):
        return sorted(set(body) - STACK_KEYS)
    if isinstance(body, list):
        return ["[list]"] + (_shape(body[0]) if body and isinstance(body[0], dict) else [])
    return body if body is None else type(body).__name__


def _relocate(value, site_url):
    """``value`` with the test server's site URL replaced by the local site's."""
    text = json.dumps(value, ensure_ascii=False)
    server = re.match(r"https?://[^/]+", site_url).group(0)
    text = text.replace(site_url, DOC_SITE).replace(server, "http://localhost:8080")
    return json.loads(text)


@dataclass(frozen=True)
class Cut:
    """How much of a response the doc shows: ``keep`` items of a list (and of the dicts named in
    ``collapse``), containers nested ``levels`` deep or named in ``hide`` replaced by a marker."""

    keep: int = 2
    levels: int = None
    collapse: tuple = ()
    hide: tuple = ()


def _shorten(value, cut, level=0, key=None):
    """``value`` cut as ``cut`` says, long texts cut too; what is left out is marked "…"."""
    if (
        isinstance(value, (list, dict))
        and value
        and (
            key in cut.hide
            or (cut.levels is not None and level >= cut.levels and len(json.dumps(value, ensure_ascii=False)) > SHORT)
        )
    ):
        return ["…"] if isinstance(value, list) else {"…": "…"}
    if isinstance(value, list):
        kept = [_shorten(v, cut, level + 1) for v in value[: cut.keep]]
        return kept + ["…"] if len(value) > cut.keep else kept
    if isinstance(value, dict):
        items = list(value.items())
        if key in cut.collapse and len(items) > cut.keep:
            items = items[: cut.keep] + [("…", "…")]
        return {k: _shorten(v, cut, level + 1, k) for k, v in items}
    if isinstance(value, str) and " " in value and len(value) > TEXT_CHARS and key != "message":
        return value[:TEXT_CHARS].rstrip() + "…"
    return value


def _render(value, indent=0, used=0):
    """JSON indented by two, each value on one line when it fits in WIDTH."""
    compact = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or not value or indent + used + len(compact) <= WIDTH:
        return compact
    pad = " " * (indent + 2)
    if isinstance(value, list):
        lines = [pad + _render(v, indent + 2) for v in value]
        return "[\n" + ",\n".join(lines) + "\n" + " " * indent + "]"
    lines = []
    for key, item in value.items():
        head = json.dumps(key, ensure_ascii=False) + ": "
        lines.append(pad + head + _render(item, indent + 2, len(head)))
    return "{\n" + ",\n".join(lines) + "\n" + " " * indent + "}"


def _markdown(example):
    request = [f"{example.method} /Plone/{example.path} HTTP/1.1", "Host: localhost:8080", "Accept: application/json"]
    if not example.who.startswith("an anonymous"):
        request.append("Authorization: Basic …")
    if example.body is not None:
        request += ["Content-Type: application/json", "", _render(example.body)]
    status = HTTPStatus(example.status)
    parts = [
        f"### {example.title}",
        "",
        f"As {example.who}.",
        "",
        "```http",
        *request,
        "```",
        "",
        f"Response: `{status.value} {status.phrase}`",
    ]
    if example.response is not None:
        parts += ["", "```json", _render(example.response), "```"]
    return "\n".join(parts) + "\n"


def _read_doc_examples(text):
    """The examples of the doc's section, by title: method, path, status, response."""
    section = text.split(START, 1)[1].split(END, 1)[0]
    examples = {}
    for chunk in re.split(r"^### ", section, flags=re.M)[1:]:
        title = chunk.splitlines()[0].strip()
        method, path = re.search(r"```http\n(\S+) /Plone/(\S+) HTTP/1\.1", chunk).groups()
        status = int(re.search(r"^Response: `(\d{3})", chunk, flags=re.M).group(1))
        body = re.search(r"^Response: .*?\n```json\n(.*?)\n```", chunk, flags=re.M | re.S)
        examples[title] = (method, path, status, _shape(json.loads(body.group(1)) if body else None))
    return examples


class TestApiExamples:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.site_url = self.portal.absolute_url()
        for user_id, fullname, group in (
            ("staff-user", "Claire Lambert", "strategicplan-staff"),
            ("board-user", "Marc Dubois", "strategicplan-board"),
        ):
            self.portal.acl_users.userFolderAddUser(user_id, PASSWORD, ["Member"], [])
            api.user.get(userid=user_id).setMemberProperties({"fullname": fullname})
            api.group.add_user(groupname=group, username=user_id)
        transaction.commit()
        self.sessions = {
            "an anonymous visitor": session(self.portal, None),
            "a member of the staff (group strategicplan-staff: Editor, Contributor on the plans)": session(
                self.portal, "staff-user"
            ),
            "a board member (group strategicplan-board)": session(self.portal, "board-user"),
            "the site's Manager (admin)": session(self.portal, None),
        }
        self.sessions["the site's Manager (admin)"].auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        self.examples = []
        yield
        for s in self.sessions.values():
            s.close()

    def _call(self, title, who, method, path, body=None, status=200, cut=Cut()):
        who = next(w for w in self.sessions if w.startswith(who))
        response = self.sessions[who].request(method, path, json=body, timeout=60)
        assert response.status_code == status, (title, response.status_code, response.text[:2000])
        data = response.json() if response.content else None
        data = _shorten(_relocate(data, self.site_url), cut)
        self.examples.append(Example(title, who, method, path, body, response.status_code, data))
        return response

    def _run_examples(self):
        """Every example, in an order a front-end follows: reads of the adopted plan, then writes."""
        call, staff, board = self._call, "a member of the staff", "a board member"
        content = Cut(hide=("@components", "parent"))  # plone.restapi's links and parent summary
        # reading the adopted (hence public) plan
        call(
            "The OpenAPI document of the add-on's endpoints and types",
            "an anonymous",
            "GET",
            "@strategicplan-openapi",
            cut=Cut(levels=3, keep=1),
        )
        call("The plan tree, first level", "an anonymous", "GET", f"{PLAN}/@plan-tree?depth=1")
        call(
            "The plan tree, values and their objectives only",
            "an anonymous",
            "GET",
            f"{PLAN}/@plan-tree?depth=2&types=Value,Objective",
            cut=Cut(keep=1),
        )
        call(
            "Search the plan, with facet counts",
            "an anonymous",
            "GET",
            f"{PLAN}/@plan-search?q=interoperabilite&b_size=2",
            cut=Cut(keep=2),
        )
        call(
            "Search: an unknown parameter is a 400",
            "an anonymous",
            "GET",
            f"{PLAN}/@plan-search?sort_on=modified",
            status=400,
        )
        call(
            "The financial trajectory: years × figures, and the published figures that contradict them",
            "an anonymous",
            "GET",
            f"{PLAN}/@financial-summary",
            cut=Cut(keep=2, levels=3),
        )
        call(
            "The tariff category of a commune of 12 000 inhabitants",
            "an anonymous",
            "GET",
            f"{PLAN}/@tariff-category?body=commune&size=12000",
        )
        call("An objective (plone.restapi's content GET)", staff, "GET", OBJECTIVE, cut=content)
        call(
            "The plan file (export)",
            staff,
            "GET",
            f"{PLAN}/@plan-export",
            cut=Cut(
                keep=1, levels=4, hide=("baselines", "key_figures", "members", "tariff_categories", "vision_statements")
            ),
        )
        call("Export refused to an anonymous visitor: 401", "an anonymous", "GET", f"{PLAN}/@plan-export", status=401)
        # the adopted plan's follow-up: staff edit follow-up fields, never commitments
        call(
            "Add an indicator (POST; on an adopted plan, a Manager's)",
            "the site's Manager",
            "POST",
            f"{PLAN}/valeur-cooperation",
            {
                "@type": "Indicator",
                "title": "Contributions publiées",
                "unit": "nombre",
                "direction": "higher",
                "baseline": 4,
                "baseline_year": 2019,
                "targets": [{"year": 2021, "value": 10}, {"year": 2022, "value": 15}],
                "frequency": "semiannual",
            },
            status=201,
            cut=content,
        )
        call(
            "Record an indicator's measurements (a follow-up field)",
            staff,
            "PATCH",
            NEW_INDICATOR,
            {
                "measurements": [
                    {"date": "2020-12-31", "value": 6, "comment": None},
                    {"date": "2021-06-30", "value": 9, "comment": "Deux contributions au socle"},
                ]
            },
            status=204,
        )
        call("An indicator", staff, "GET", NEW_INDICATOR, cut=content)
        call("Indicators at risk in 2021", staff, "GET", f"{PLAN}/@indicators?year=2021&status=at_risk")
        call(
            "Record progress on an objective",
            staff,
            "PATCH",
            OBJECTIVE,
            {"progress": 35, "health": "at_risk"},
            status=204,
        )
        call("A wrong value: 400", staff, "PATCH", OBJECTIVE, {"progress": 150}, status=400)
        call(
            "A commitment of an adopted plan is frozen: 403",
            staff,
            "PATCH",
            OBJECTIVE,
            {"title": "Soutenir davantage le logiciel libre"},
            status=403,
        )
        call("Changes since the adoption", staff, "GET", f"{PLAN}/@changes-since-adoption")
        call(
            "The board records a follow-up review",
            board,
            "POST",
            f"{PLAN}/@follow-up-reviews",
            {"date": "2021-06-30", "decision_reference": "CA-2021-06", "comment": "Suivi du premier semestre"},
            status=201,
            cut=Cut(
                collapse=("snapshot",), hide=("charge_lines", "exceptional_lines", "revenue_lines", "subsidy_lines")
            ),
        )
        call(
            "The follow-up reviews",
            staff,
            "GET",
            f"{PLAN}/@follow-up-reviews",
            cut=Cut(levels=4, collapse=("snapshot",)),
        )
        # a decision cycle: amend the adopted plan, submit it, the board approves it
        call(
            "Amend the adopted plan (back to draft)",
            staff,
            "POST",
            f"{PLAN}/@workflow/amend",
            {"comment": "Ajout d'un indicateur de contributions"},
        )
        call("Submit it to the board", staff, "POST", f"{PLAN}/@workflow/submit_to_board", {})
        call(
            "A decision without its date and reference: 400",
            board,
            "POST",
            f"{PLAN}/@workflow/approve_by_board",
            {"comment": "OK"},
            status=400,
        )
        call(
            "The board approves, with its decision",
            board,
            "POST",
            f"{PLAN}/@workflow/approve_by_board",
            {"decision_date": "2021-09-23", "decision_reference": "CA-2021-09", "comment": "Unanimité"},
        )
        call("The plan's history, decisions included", board, "GET", f"{PLAN}/@history")
        # a new plan from a plan file
        call("Import a plan file (as a draft)", staff, "POST", "@plan-import", NEW_PLAN, status=201)
        call(
            "No changes for a plan never adopted: 404",
            staff,
            "GET",
            f"{NEW_PLAN['plan']['id']}/@changes-since-adoption",
            status=404,
        )

    def test_doc_examples_are_current(self):
        self._run_examples()
        text = DOC.read_text(encoding="utf-8")
        assert START in text and END in text, f"{DOC} lacks the markers {START} … {END}"
        if os.environ.get("REGENERATE_API_EXAMPLES") == "1":
            before, rest = text.split(START, 1)
            section = "\n".join(_markdown(e) for e in self.examples)
            text = f"{before}{START}\n\n{section}\n{END}{rest.split(END, 1)[1]}"
            DOC.write_text(text, encoding="utf-8")
        documented = _read_doc_examples(text)
        produced = {e.title: (e.method, e.path, e.status, e.shape()) for e in self.examples}
        stale = "docs/api.md's examples are stale: REGENERATE_API_EXAMPLES=1 make test PYTEST_ARGS='-k api_examples'"
        assert list(documented) == list(produced), stale
        for title, expected in produced.items():
            assert documented[title] == expected, f"{stale}\n{title}: {documented[title]} != {expected}"
