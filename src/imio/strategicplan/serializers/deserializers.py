"""REST field deserializers: JSON integers for Float fields, ISO dates for Date fields
(plone.restapi refuses both), for content fields and data-grid columns alike."""

from datetime import date
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.interface import implementer


@implementer(IFieldDeserializer)
class FloatFieldDeserializer(DefaultFieldDeserializer):
    """Accept a JSON integer for a Float field (``4`` means ``4.0``)."""

    def __call__(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        return super().__call__(value)


@implementer(IFieldDeserializer)
class DateFieldDeserializer(DefaultFieldDeserializer):
    """Read a Date field from an ISO date string (``2020-06-30``)."""

    def __call__(self, value):
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"Invalid date: {value!r} (expected YYYY-MM-DD)") from None
        return super().__call__(value)

