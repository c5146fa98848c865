"""REST field deserializers: JSON integers for Float fields, ISO dates for Date fields
(plone.restapi refuses both), for content fields and data-grid columns alike; a value that
cannot be read answers 400 with a message in the request's language, not Python's own."""

from datetime import date
from imio.strategicplan import _
from imio.strategicplan.i18n import localize
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.interface import implementer


def _readable(text, convert, message):
    """Raise ValueError with ``message`` in the request's language when ``convert(text)`` fails."""
    try:
        convert(text)
    except ValueError:
        raise ValueError(localize(message)) from None


@implementer(IFieldDeserializer)
class IntFieldDeserializer(DefaultFieldDeserializer):
    """A whole number, as a JSON number or a string of digits."""

    def __call__(self, value):
        if isinstance(value, str):
            _readable(value, int, _("nombre entier attendu, reçu « ${value} »", mapping={"value": value}))
        return super().__call__(value)


@implementer(IFieldDeserializer)
class FloatFieldDeserializer(DefaultFieldDeserializer):
    """Accept a JSON integer for a Float field (``4`` means ``4.0``)."""

    def __call__(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        elif isinstance(value, str):
            _readable(value, float, _("nombre attendu, reçu « ${value} »", mapping={"value": value}))
        return super().__call__(value)


@implementer(IFieldDeserializer)
class DateFieldDeserializer(DefaultFieldDeserializer):
    """Read a Date field from an ISO date string (``2020-06-30``)."""

    def __call__(self, value):
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise ValueError(
                    localize(_("date attendue au format AAAA-MM-JJ, reçu « ${value} »", mapping={"value": value}))
                ) from None
        return super().__call__(value)
