"""What each plan transition records and requires (the decision of a governing body)."""

from datetime import date
from imio.strategicplan import _
from imio.strategicplan.i18n import localize


WORKFLOW_ID = "strategicplan_workflow"

BODIES = {
    "board": _("Conseil d'Administration"),
    "assembly": _("Assemblée Générale"),
}

# transition -> (body whose decision it records, keys that must be given)
RULES = {
    "submit_to_board": ("board", ()),
    "approve_by_board": ("board", ("decision_date", "decision_reference")),
    "submit_to_assembly": ("assembly", ()),
    "adopt": ("assembly", ("decision_date", "decision_reference")),
    "return_for_changes": (None, ("comment",)),
    "amend": (None, ("comment",)),
    "archive": (None, ()),
}
# who sends a plan back, from the state it is sent back from
RETURNING_BODY = {
    "submitted_to_board": "board",
    "approved_by_board": "board",
    "submitted_to_assembly": "assembly",
}
DECISION_KEYS = ("comment", "decision_date", "decision_reference")


class DecisionError(ValueError):
    """The data given for a transition is missing or wrong; ``errors`` maps key -> message."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def text(data, key, errors):
    """``data[key]`` as stripped text ("" when absent); a value that is no text goes to ``errors``."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[key] = localize(_("texte attendu"))
        return ""
    return value.strip()


def iso_date(value):
    """``value`` (a date or a YYYY-MM-DD string) as YYYY-MM-DD; raises ValueError saying why."""
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(
            localize(_("date attendue au format AAAA-MM-JJ, reçu « ${value} »", mapping={"value": value}))
        ) from None


def decision_for(transition, state, data):
    """The decision data to record for ``transition`` from ``state``; raises DecisionError."""
    body, required = RULES.get(transition, (None, ()))
    if transition == "return_for_changes":
        body = RETURNING_BODY.get(state)
    errors = {}
    decision = {key: text(data, key, errors) for key in ("comment", "decision_reference")}
    decision["decision_date"] = data.get("decision_date")
    if isinstance(decision["decision_date"], str):
        decision["decision_date"] = decision["decision_date"].strip()
    for key in required:
        if not decision.get(key) and key not in errors:
            errors[key] = localize(_("obligatoire pour cette transition"))
    if decision.get("decision_date"):
        try:
            decision["decision_date"] = iso_date(decision["decision_date"])
        except ValueError as exc:
            errors["decision_date"] = str(exc)
    if errors:
        raise DecisionError(errors)
    decision["decision_body"] = body or ""
    return {k: v or "" for k, v in decision.items()}
