"""Reading the plan from the catalog: metadata, item URLs, the catalog's own search."""

from imio.strategicplan.internals.solr import catalog_only
from ZPublisher.BaseRequest import quote

import Missing


__all__ = ["catalog_only", "item_urls", "metadata"]  # catalog_only: collective.solr's, fenced in internals/


def metadata(brain, name):
    """A metadata value, None where the catalog has none (Missing.Value)."""
    value = getattr(brain, name, None)
    return None if value is Missing.Value else value


def item_urls(plan, plan_path):
    """A function giving the URL of an item of the plan from its path: the plan's URL plus the
    item's quoted path below it. What brain.getURL() gives (request.physicalPathToURL), without
    its work for each item."""
    plan_url, skip = plan.REQUEST.physicalPathToURL(plan_path), len(plan_path)

    def url(path):
        return plan_url + "/".join(map(quote, path[skip:].split("/")))

    return url
