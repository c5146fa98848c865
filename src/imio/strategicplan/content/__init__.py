"""The add-on's content types, one module each."""

# portal type ids, in the plan's order (docs/decisions.md: decided once, final)
PLAN_TYPES = (
    "StrategicPlan",
    "Pillar",
    "Value",
    "Objective",
    "Indicator",
    "PriorityProject",
    "FinancialYear",
)
ITEM_TYPES = PLAN_TYPES[1:]  # what a plan holds
