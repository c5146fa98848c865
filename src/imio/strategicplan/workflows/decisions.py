"""What each plan transition records and requires (the decision of a governing body)."""

from datetime import date
from imio.strategicplan import _


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


def iso_date(value):
    """``value`` (a date or a YYYY-MM-DD string) as YYYY-MM-DD; raises ValueError saying why."""
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def decision_for(transition, state, data):
    """The decision data to record for ``transition`` from ``state``; raises DecisionError."""
    body, required = RULES.get(transition, (None, ()))
    if transition == "return_for_changes":
        body = RETURNING_BODY.get(state)
    errors = {}
    decision = {"comment": (data.get("comment") or "").strip()}
    for key in ("decision_date", "decision_reference"):
        value = data.get(key)
        decision[key] = value.strip() if isinstance(value, str) else value
    for key in required:
        if not decision.get(key):
            errors[key] = "required for this transition"
    if decision.get("decision_date"):
        try:
            decision["decision_date"] = iso_date(decision["decision_date"])
        except ValueError as exc:
            errors["decision_date"] = str(exc)
    if errors:
        raise DecisionError(errors)
    decision["decision_body"] = body or ""
    return {k: v or "" for k, v in decision.items()}
