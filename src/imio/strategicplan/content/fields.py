"""Field builders shared by the content schemas."""

from collective.z3cform.datagridfield.row import DictRow
from plone.app.vocabularies.catalog import StaticCatalogVocabulary
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema


def table(title, row, description="", **kw):
    """A list of rows of ``row`` (a schema interface), edited as a data grid."""
    return schema.List(
        title=title,
        description=description,
        value_type=DictRow(title=title, schema=row),
        required=False,
        default=[],
        missing_value=[],
        **kw
    )


def relations(title, portal_types, description=""):
    """A list of relations to items of the given portal types."""
    return RelationList(
        title=title,
        description=description,
        value_type=RelationChoice(
            title=title,
            vocabulary=StaticCatalogVocabulary({"portal_type": list(portal_types)}),
        ),
        required=False,
        default=[],
        missing_value=[],
    )
