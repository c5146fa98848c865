"""The OpenAPI 3.1 document of the add-on's endpoints and types (docs/openapi.json)."""

from collective.z3cform.datagridfield.interfaces import IRow
from imio.strategicplan.content import PLAN_TYPES
from imio.strategicplan.plan.years import FIRST_YEAR
from imio.strategicplan.plan.years import LAST_YEAR
from imio.strategicplan.transfer.fields import format_fields
from z3c.relationfield.interfaces import IRelationList
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IFloat
from zope.schema.interfaces import IInt
from zope.schema.interfaces import IList


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def field_schema(field, in_row=False):
    """The JSON schema of a field as plone.restapi serializes it (a choice in a row is its token)."""
    if IRelationList.providedBy(field):
        return {"type": "array", "items": _ref("Summary")}
    if IList.providedBy(field) and IRow.providedBy(field.value_type):
        columns = getFieldsInOrder(field.value_type.schema)
        return {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {name: _nullable(field_schema(column, in_row=True)) for name, column in columns},
            },
        }
    if IChoice.providedBy(field) and in_row:
        return {"enum": [term.token for term in field.bind(None).vocabulary]}
    if IChoice.providedBy(field):
        return {"type": "object", "properties": {"token": {"type": "string"}, "title": {"type": "string"}}}
    if IInt.providedBy(field):
        return {"type": "integer"}
    if IFloat.providedBy(field):
        return {"type": "number"}
    if IDate.providedBy(field):
        return {"type": "string", "format": "date"}
    return {"type": "string"}


def type_schema(portal_type):
    properties = {
        "@id": {"type": "string", "format": "uri"},
        "@type": {"const": portal_type},
        "UID": {"type": "string"},
        "id": {"type": "string"},
    }
    for name, field in format_fields(portal_type):
        properties[name] = field_schema(field) if field.required else _nullable(field_schema(field))
    return {"type": "object", "properties": properties, "required": ["@id", "@type", "UID", "title"]}


NODE = {
    "type": "object",
    "required": ["@id", "@type", "UID", "id", "title", "items"],
    "properties": {
        "@id": {"type": "string", "format": "uri"},
        "@type": {"enum": list(PLAN_TYPES)},
        "UID": {"type": "string"},
        "id": {"type": "string"},
        "title": {"type": "string"},
        "review_state": {"type": ["string", "null"]},
        "health": {"type": ["string", "null"]},
        "progress": {"type": ["integer", "null"]},
        "latest_measurement": _nullable(_ref("Measurement")),
        "items_total": {"type": "integer"},
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/PlanNode"}},
    },
}
# plone.restapi's error shape, with the add-on's details inside (restapi/errors.py)
ENDPOINT_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["type", "message"],
            "properties": {
                "type": {"type": "string", "description": "BadRequest, Unauthorized, Forbidden, NotFound…"},
                "message": {"type": "string", "description": "why, in the request's language"},
                "field": {"type": "string", "description": "the parameter or field at fault"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": "several fields at fault: field → why",
                },
                "file": {"type": "string", "description": "the plan file (import)"},
                "line": {"type": ["integer", "null"], "description": "its line (import)"},
                "path": {"type": ["string", "null"], "description": "the JSON path in it (import)"},
            },
        },
    },
}
# what plone.rest answers for an error raised before the endpoint runs (a client refused while
# traversing, a path that is no plan): its own shape, the type and message at the top
RAISED_ERROR = {
    "type": "object",
    "required": ["type", "message"],
    "properties": {"type": {"type": "string"}, "message": {"type": "string"}},
}
ERROR = {"anyOf": [ENDPOINT_ERROR, RAISED_ERROR]}
# the `year` parameter of every endpoint (plan/years.py: one range, the plan's current year by default)
YEAR = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
YEAR_PARAMETER = {
    "name": "year",
    "in": "query",
    "schema": YEAR,
    "description": "by default the plan's current year: this year while the plan runs, "
    "its last year once it is over, its first before it starts",
}


ERRORS = {
    "400": "Bad request: a parameter or the body is wrong "
    "(`error.message` says why, `error.field` or `error.fields` which)",
    "401": "Not allowed: an anonymous client, or a user without the permission",
    "403": "Forbidden: the action is not open to this user (or the field is frozen)",
    "404": "Not found: the path is no plan (or no folder), or the resource does not exist",
}


def _responses(ok_schema, ok="200", errors=("400", "401")):
    """The OK response and the error responses; every path may answer 404."""
    responses = {ok: {"description": "OK", "content": {"application/json": {"schema": ok_schema}}}}
    for code in sorted({*errors, "404"}):
        responses[code] = {"description": ERRORS[code], "content": {"application/json": {"schema": _ref("Error")}}}
    return responses


def _pdf(responses):
    """The OK response is a PDF file (binary: no JSON schema), sent as an attachment."""
    responses["200"] = {
        "description": "OK: the PDF",
        "headers": {
            "Content-Disposition": {"description": 'attachment; filename="….pdf"', "schema": {"type": "string"}}
        },
        "content": {"application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}},
    }
    return responses


def _kept(responses):
    """An answer kept per catalog state: its ETag, and 304 when If-None-Match sends it back."""
    responses["200"]["headers"] = {
        "ETag": {"description": "the answer's version (catalog state, user, query)", "schema": {"type": "string"}}
    }
    responses["304"] = {"description": "Not modified: the If-None-Match ETag is still current (no body)"}
    return responses


# the facet filters of @plan-search (repeat a parameter for several values of one facet)
SEARCH_FILTERS = {
    "type": {"type": "array", "items": {"enum": list(PLAN_TYPES)}},
    "pillar": {"type": "array", "items": {"type": "string"}},
    "value": {"type": "array", "items": {"type": "string"}},
    "state": {"type": "array", "items": {"type": "string"}},
    "health": {"type": "array", "items": {"type": "string"}},
    "year": {"type": "array", "items": YEAR},
}

PLAN = {
    "name": "plan",
    "in": "path",
    "required": True,
    "description": "path of the plan from the site root",
    "schema": {"type": "string"},
}


def document(server_url):
    """The OpenAPI document, with ``server_url`` (the site's URL) as its server."""
    schemas = {portal_type: type_schema(portal_type) for portal_type in PLAN_TYPES}
    schemas.update(
        {
            "PlanNode": NODE,
            "Error": ERROR,
            "Summary": {
                "type": "object",
                "properties": {"@id": {"type": "string"}, "@type": {"type": "string"}, "title": {"type": "string"}},
            },
            "Measurement": {
                "type": "object",
                "properties": {"date": {"type": "string", "format": "date"}, "value": {"type": "number"}},
            },
            "IndicatorItem": {
                "type": "object",
                "properties": {
                    "@id": {"type": "string"},
                    "UID": {"type": "string"},
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "parent": {"type": "string"},
                    "unit": {"type": ["string", "null"]},
                    "direction": {"enum": ["higher", "lower"]},
                    "baseline": {"type": ["number", "null"]},
                    "frequency": {"type": "string"},
                    "target": {"type": ["number", "null"]},
                    "latest_measurement": _nullable(_ref("Measurement")),
                    "status": {"enum": ["on_track", "at_risk", "off_track", "no_target", "no_data"]},
                    "stale": {"type": "boolean"},
                },
            },
            "PlanSearch": {
                "type": "object",
                "required": ["backend", "items_total", "items", "facets"],
                "properties": {
                    "@id": {"type": "string"},
                    "backend": {"enum": ["solr", "catalog"]},
                    "warning": {"type": "string"},
                    "items_total": {"type": "integer"},
                    "b_start": {"type": "integer"},
                    "b_size": {"type": "integer"},
                    "items": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "@id": {"type": "string"},
                                "@type": {"type": "string"},
                                "UID": {"type": "string"},
                                "title": {"type": "string"},
                                "description": {"type": "string"},
                                "review_state": {"type": ["string", "null"]},
                            },
                        },
                    },
                    "facets": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "value": {"type": ["string", "integer"]},
                                    "title": {"type": "string"},
                                    "count": {"type": "integer"},
                                    "selected": {"type": "boolean"},
                                },
                            },
                        },
                    },
                },
            },
            "Contradiction": {
                "type": "object",
                "properties": {
                    "year": {"type": "integer"},
                    "figure": {"type": "string"},
                    "label": {"type": "string"},
                    "source": {"type": "string"},
                    "printed": {"type": "number"},
                    "computed": {"type": ["number", "null"]},
                    "from_printed_parts": {"type": ["number", "null"]},
                    "kind": {"enum": ["root", "follows"]},
                    "causes": {"type": "array", "items": {"type": "array"}},
                },
            },
            "Decision": {
                "type": "object",
                "properties": {
                    "comment": {"type": "string"},
                    "decision_date": {"type": "string", "format": "date"},
                    "decision_reference": {"type": "string"},
                },
            },
            "PlanFile": {
                "type": "object",
                "required": ["format", "format_version", "plan"],
                "properties": {
                    "format": {"const": "imio.strategicplan"},
                    "format_version": {"const": 1},
                    "plan": {"type": "object"},
                },
            },
        }
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "imio.strategicplan REST API",
            "version": "1",
            "description": "The plan endpoints of imio.strategicplan, beside plone.restapi's standard "
            "content endpoints (whose representation of each type is in components).",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/{plan}/@plan-tree": {
                "get": {
                    "summary": "The whole plan in one response",
                    "parameters": [
                        PLAN,
                        {"name": "depth", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                        {
                            "name": "types",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "comma-separated item types",
                        },
                    ],
                    "responses": _kept(_responses(_ref("PlanNode"))),
                }
            },
            "/{plan}/@indicators": {
                "get": {
                    "summary": "Every indicator and where it stands",
                    "parameters": [
                        PLAN,
                        YEAR_PARAMETER,
                        {"name": "value", "in": "query", "schema": {"type": "string"}},
                        {"name": "objective", "in": "query", "schema": {"type": "string"}},
                        {
                            "name": "status",
                            "in": "query",
                            "schema": {"enum": ["on_track", "at_risk", "off_track", "no_target", "no_data"]},
                        },
                    ],
                    "responses": _kept(
                        _responses(
                            {
                                "type": "object",
                                "properties": {
                                    "year": {"type": "integer"},
                                    "items_total": {"type": "integer"},
                                    "items": {"type": "array", "items": _ref("IndicatorItem")},
                                },
                            }
                        )
                    ),
                }
            },
            "/{plan}/@progress": {
                "get": {
                    "summary": "The plan's progress roll-up for a year, weighted (docs/progress.md)",
                    "parameters": [PLAN, YEAR_PARAMETER],
                    "responses": _responses(
                        {
                            "type": "object",
                            "required": ["year", "progress", "items"],
                            "properties": {
                                "@id": {"type": "string"},
                                "year": {"type": "integer"},
                                "progress": {
                                    "type": ["number", "null"],
                                    "description": "percent, none without measure",
                                },
                                "items_total": {"type": "integer"},
                                "items": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "@id": {"type": "string"},
                                            "UID": {"type": "string"},
                                            "@type": {"enum": ["Value", "Objective", "Indicator", "PriorityProject"]},
                                            "title": {"type": "string"},
                                            "parent": {"type": ["string", "null"]},
                                            "progress": {"type": ["number", "null"]},
                                            "weight": {"type": "number"},
                                            "source": {"enum": ["parts", "recorded", "measured", "done", None]},
                                        },
                                    },
                                },
                            },
                        }
                    ),
                }
            },
            "/{plan}/@plan-search": {
                "get": {
                    "summary": "Search the plan, with facet counts (Solr when switched on, else the catalog)",
                    "parameters": [
                        PLAN,
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "words, all required (accents ignored)",
                        },
                        *[
                            {"name": name, "in": "query", "schema": schema, "style": "form", "explode": True}
                            for name, schema in SEARCH_FILTERS.items()
                        ],
                        {"name": "b_start", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                        {"name": "b_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                    ],
                    "responses": _responses(_ref("PlanSearch")),
                }
            },
            "/{plan}/@financial-summary": {
                "get": {
                    "summary": "Years × figures computed from the financial years' lines, and the published "
                    "figures that contradict them (docs/finance.md)",
                    "parameters": [PLAN],
                    "responses": _responses(
                        {
                            "type": "object",
                            "required": ["years", "figures", "values", "contradictions"],
                            "properties": {
                                "@id": {"type": "string"},
                                "years": {"type": "array", "items": {"type": "integer"}},
                                "figures": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "name": {"type": "string"},
                                            "title": {"type": "string"},
                                            "unit": {"enum": ["EUR", "%"]},
                                        },
                                    },
                                },
                                "values": {
                                    "type": "object",
                                    "additionalProperties": {
                                        "type": "object",
                                        "additionalProperties": {"type": ["number", "null"]},
                                    },
                                },
                                "contradictions": {"type": "array", "items": _ref("Contradiction")},
                            },
                        },
                        errors=("401",),
                    ),
                }
            },
            "/{plan}/@tariff-category": {
                "get": {
                    "summary": "The tariff category of a member body (§8.5.2), from the plan's table",
                    "parameters": [
                        PLAN,
                        {
                            "name": "body",
                            "in": "query",
                            "required": True,
                            "schema": {
                                "enum": [
                                    "commune",
                                    "cpas",
                                    "police_zone",
                                    "intercommunale",
                                    "rca",
                                    "rescue_zone",
                                    "province",
                                ]
                            },
                        },
                        {
                            "name": "size",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 0},
                            "description": "inhabitants (communes, CPAS, rescue zones; a police zone: its largest "
                            "commune's) or agents (intercommunales, RCA); not for a province",
                        },
                    ],
                    "responses": _responses(
                        {
                            "type": "object",
                            "required": ["body", "category"],
                            "properties": {
                                "@id": {"type": "string"},
                                "body": {"type": "string"},
                                "size": {"type": "integer"},
                                "category": {"type": "string"},
                                "basis": {"type": ["string", "null"]},
                            },
                        }
                    ),
                }
            },
            "/{plan}/@evaluation-report": {
                "get": {
                    "summary": "The annual evaluation report for the Assemblée Générale, as a PDF in French "
                    "(docs/reports.md); a PDF whatever the Accept header, errors in JSON",
                    "parameters": [PLAN, YEAR_PARAMETER],
                    "responses": _pdf(_responses({})),
                }
            },
            "/{plan}/@plan-export": {
                "get": {
                    "summary": "The plan file",
                    "parameters": [PLAN],
                    "responses": _responses(_ref("PlanFile"), errors=("401",)),
                }
            },
            "/{folder}/@plan-import": {
                "post": {
                    "summary": "Import a plan file, all or nothing",
                    "parameters": [{"name": "folder", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("PlanFile")}}},
                    "responses": _responses({"type": "object"}, ok="201", errors=("400", "401", "403")),
                }
            },
            "/{plan}/@workflow/{transition}": {
                "post": {
                    "summary": "Run a plan transition with its decision",
                    "parameters": [
                        PLAN,
                        {
                            "name": "transition",
                            "in": "path",
                            "required": True,
                            "schema": {
                                "enum": [
                                    "submit_to_board",
                                    "approve_by_board",
                                    "submit_to_assembly",
                                    "adopt",
                                    "return_for_changes",
                                    "amend",
                                    "archive",
                                ]
                            },
                        },
                    ],
                    "requestBody": {"content": {"application/json": {"schema": _ref("Decision")}}},
                    "responses": _responses({"type": "object"}, errors=("400", "401", "403")),
                }
            },
            "/{plan}/@changes-since-adoption": {
                "get": {
                    "summary": "What changed since the adopted baseline",
                    "parameters": [PLAN],
                    "responses": _responses(
                        {
                            "type": "object",
                            "properties": {
                                "added": {"type": "array"},
                                "removed": {"type": "array"},
                                "changed": {"type": "array"},
                                "baseline": {"type": "object"},
                            },
                        },
                        errors=("401",),
                    ),
                }
            },
            "/{plan}/@follow-up-reviews": {
                "get": {
                    "summary": "The board's follow-up reviews",
                    "parameters": [PLAN],
                    "responses": _responses({"type": "object"}, errors=("401",)),
                },
                "post": {
                    "summary": "Record a follow-up review",
                    "parameters": [PLAN],
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "date": {"type": "string", "format": "date"},
                                        "decision_reference": {"type": "string"},
                                        "comment": {"type": "string"},
                                    },
                                }
                            }
                        }
                    },
                    "responses": _responses({"type": "object"}, ok="201", errors=("400", "401")),
                },
            },
            "/{indicator}/@measurements": {
                "post": {
                    "summary": "Add one measurement to an indicator (kept when clients add at the same moment)",
                    "parameters": [
                        {
                            "name": "indicator",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": "path of the indicator from the site root",
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["date", "value"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "date": {"type": "string", "format": "date"},
                                        "value": {"type": "number"},
                                        "comment": {"type": ["string", "null"]},
                                    },
                                }
                            }
                        },
                    },
                    "responses": _responses(
                        {
                            "type": "object",
                            "properties": {
                                "@id": {"type": "string"},
                                "measurements_total": {"type": "integer"},
                                "measurement": {
                                    "type": "object",
                                    "properties": {
                                        "date": {"type": "string", "format": "date"},
                                        "value": {"type": "number"},
                                        "comment": {"type": ["string", "null"]},
                                    },
                                },
                            },
                        },
                        ok="201",
                        errors=("400", "401"),
                    ),
                }
            },
        },
        "components": {"schemas": schemas},
    }
