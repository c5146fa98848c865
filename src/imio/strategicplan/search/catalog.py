"""Reading the plan from the catalog: metadata, item URLs, the catalog's own search."""

from imio.strategicplan.internals.solr import catalog_only
from ZPublisher.BaseRequest import quote

import Missing
import re


SAFE_ID = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote() leaves as it is (most ids)


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
    quoted = {}  # each id once: an item shares its containers' ids with its siblings

    def segment(name):
        text = quoted.get(name)
        if text is None:
            text = quoted[name] = name if SAFE_ID.fullmatch(name) else quote(name)
        return text

    def url(path):
        return plan_url + "/".join(map(segment, path[skip:].split("/")))

    return url
