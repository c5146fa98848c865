"""Which fields a plan file carries for each type, and their JSON <-> Python conversion."""

from collective.z3cform.datagridfield.interfaces import IRow
from datetime import date
from imio.strategicplan.behaviors.basic import IPlanBasic
from imio.strategicplan.behaviors.source import ISourceReference
from plone.dexterity.interfaces import IDexterityFTI
from z3c.relationfield.interfaces import IRelationList
from zope.component import getUtility
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IFloat
from zope.schema.interfaces import IInt
from zope.schema.interfaces import IList
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine


class FieldValueError(ValueError):
    """A JSON value that does not fit its field; ``key`` names the sub-field if any."""

    def __init__(self, message, key=""):
        super().__init__(message)
        self.key = key


def format_fields(portal_type):
    """The (name, field) pairs a plan file carries for ``portal_type``, in file order."""
    schema = getUtility(IDexterityFTI, name=portal_type).lookupSchema()
    fields = []
    for iface in (ISourceReference, IPlanBasic, schema):
        fields.extend(getFieldsInOrder(iface))
    return fields


def relation_types(field):
    """The portal types a relation list field may point to."""
    constraint = field.value_type.constraint
    return tuple(getattr(constraint, "portal_types", ()))


def _json_type(value):
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
    }.get(type(value), "an object")


def _expected(what, value):
    return FieldValueError(f"expected {what}, got {_json_type(value)} {_short(value)}")


def _short(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def from_json(field, value):
    """Convert a JSON value to the field's Python value; raises FieldValueError.

    Relation lists stay lists of ids: they are resolved once every item exists.
    """
    if IRelationList.providedBy(field):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _expected("a list of ids", value)
        return list(value)
    if IList.providedBy(field) and IRow.providedBy(field.value_type):
        if not isinstance(value, list):
            raise _expected("a list of rows", value)
        return [_row_from_json(field.value_type.schema, row, i) for i, row in enumerate(value)]
    if IChoice.providedBy(field):
        if not isinstance(value, str):
            raise _expected("a string", value)
        vocabulary = field.vocabulary or field.bind(None).vocabulary
        if vocabulary is not None and value not in vocabulary:
            allowed = ", ".join(term.token for term in vocabulary)
            raise FieldValueError(f"{value!r} is not one of: {allowed}")
        return value
    if IBool.providedBy(field):
        if not isinstance(value, bool):
            raise _expected("true or false", value)
        return value
    if IInt.providedBy(field):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _expected("an integer", value)
        return value
    if IFloat.providedBy(field):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _expected("a number", value)
        return float(value)
    if IDate.providedBy(field):
        if not isinstance(value, str):
            raise _expected("a date YYYY-MM-DD", value)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _expected("a date YYYY-MM-DD", value) from None
    if IText.providedBy(field) or ITextLine.providedBy(field):
        if not isinstance(value, str):
            raise _expected("a string", value)
        return value
    raise FieldValueError(f"fields of kind {type(field).__name__} cannot be imported")


def _row_from_json(row_schema, row, index):
    if not isinstance(row, dict):
        raise FieldValueError(f"expected an object, got {_json_type(row)}", f"[{index}]")
    columns = dict(getFieldsInOrder(row_schema))
    unknown = sorted(set(row) - set(columns))
    if unknown:
        raise FieldValueError(f"unknown key {unknown[0]!r}", f"[{index}]")
    converted = {}
    for name, column in columns.items():
        value = row.get(name)
        key = f"[{index}].{name}"
        if value is None:
            if column.required:
                raise FieldValueError("required value missing", key)
            converted[name] = None
            continue
        try:
            converted[name] = from_json(column, value)
            column.bind(None).validate(converted[name])
        except FieldValueError as exc:
            raise FieldValueError(str(exc), key) from None
        except Exception as exc:  # zope.schema ValidationError
            raise FieldValueError(describe_invalid(exc), key) from None
    return converted


def describe_invalid(exc):
    """A short English sentence for a zope.schema validation error."""
    name = type(exc).__name__
    args = getattr(exc, "args", ())
    if name in ("TooSmall", "TooBig") and len(args) >= 2:
        bound = "at least" if name == "TooSmall" else "at most"
        return f"{args[0]!r} is out of range: must be {bound} {args[1]!r}"
    if name == "ConstraintNotSatisfied":
        return f"{_short(args[0]) if args else 'value'} is not allowed here (e.g. a line break in a one-line text)"
    doc = exc.doc() if hasattr(exc, "doc") else str(exc)
    return doc or name


def to_json(field, value, top_level=True):
    """Convert a field's Python value to JSON-ready data."""
    if value is None:
        return None
    if IRelationList.providedBy(field):
        # the relation data manager gives the target objects (broken relations left out)
        return [target.getId() for target in value]
    if IList.providedBy(field) and IRow.providedBy(field.value_type):
        columns = getFieldsInOrder(field.value_type.schema)
        return [{name: to_json(column, row.get(name), top_level=False) for name, column in columns} for row in value]
    if isinstance(value, date):
        return value.isoformat()
    if top_level and value == "" and not field.required:
        # an empty optional text field is "not given": Dexterity stores it as "" or None
        return None
    return value
