"""Reading the plan from the catalog: metadata, item URLs, the catalog's own search."""

from ZPublisher.BaseRequest import quote

import Missing


def catalog_only(catalog):
    """The catalog's own search, whatever collective.solr's dispatcher would choose."""
    return getattr(catalog, "_cs_old_searchResults", catalog.searchResults)


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
