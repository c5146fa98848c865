"""Field builders shared by the content schemas."""

from collective.z3cform.datagridfield.row import DictRow
from imio.strategicplan import _
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import Invalid


# the table fields' widget, by dotted name: the browser layer's class, resolved when a form is built
# (content imports nothing from browser/)
DATA_GRID = "imio.strategicplan.browser.widgets.DataGridFactory"


def table(title, row, description="", **kw):
    """A list of rows of ``row`` (a schema interface), edited as a data grid."""
    return schema.List(
        title=title,
        description=description,
        value_type=DictRow(title=title, schema=row),
        required=False,
        default=[],
        missing_value=[],
        **kw,
    )


class TargetTypeConstraint:
    """Accepts relation targets of the given portal types only."""

    def __init__(self, portal_types):
        self.portal_types = tuple(portal_types)

    def __call__(self, value):
        return getattr(value, "portal_type", None) in self.portal_types


def relations(title, portal_types, description=""):
    """A list of relations to items of the given portal types.

    The catalog vocabulary is looked up by name on every use: a vocabulary object
    built once here (StaticCatalogVocabulary) would keep the first connection's
    catalog and fail in other threads and transactions.
    """
    return RelationList(
        title=title,
        description=description,
        value_type=RelationChoice(
            title=title,
            vocabulary="plone.app.vocabularies.Catalog",
            constraint=TargetTypeConstraint(portal_types),
        ),
        required=False,
        default=[],
        missing_value=[],
    )


def related_items_options(portal_types):
    """Options of the related-items widget: only these types can be picked."""
    return {"selectableTypes": list(portal_types), "recentlyUsed": True}


def in_order(first, last, message):
    """A schema invariant: field ``last`` is not before field ``first`` when both are given."""

    def check(data):
        low, high = getattr(data, first, None), getattr(data, last, None)
        if low is not None and high is not None and high < low:
            raise Invalid(message)

    return check


def weight_field():
    """An item's weight in its parent's progress (progress.py): 1 by default, 0 leaves it out."""
    return schema.Float(
        title=_("Poids"),
        description=_("Poids dans l'avancement de l'élément parent (1 par défaut ; 0 : n'y compte pas)."),
        default=1.0,
        min=0.0,
    )
