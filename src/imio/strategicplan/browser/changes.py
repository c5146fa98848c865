"""The page listing what changed in a plan since its adoption."""

from imio.strategicplan.transfer.baseline import changes_since_adoption
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView


class ChangesSinceAdoptionView(BrowserView):
    """Added, removed and changed items since the adopted baseline."""

    @memoize
    def changes(self):
        return changes_since_adoption(self.context)

    def show(self, value):
        """A field value as short text."""
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, list):
            return f"{len(value)} ligne(s)" if value and isinstance(value[0], dict) else ", ".join(map(str, value))
        return str(value)
