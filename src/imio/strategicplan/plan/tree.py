"""Walking a plan's objects, once: a container's children of a type, the indicators below it."""

# where indicators sit: under values and objectives (operational objectives under strategic ones)
HOLDS_INDICATORS = ("Value", "Objective")


def children(container, portal_type):
    """The objects of ``portal_type`` directly in ``container``, in folder order."""
    return [obj for obj in container.objectValues() if getattr(obj, "portal_type", None) == portal_type]


def indicators_below(container):
    """Every indicator below ``container`` (a plan, value or objective), in the plan's order."""
    for obj in container.objectValues():
        portal_type = getattr(obj, "portal_type", None)
        if portal_type == "Indicator":
            yield obj
        elif portal_type in HOLDS_INDICATORS:
            yield from indicators_below(obj)
