The add-on `imio.strategicplan`: seven content types (StrategicPlan, Pillar, Value, Objective,
Indicator, PriorityProject, FinancialYear), the plan overview page, the all-or-nothing JSON import and
the export (`strategicplan-import`, `strategicplan-export`), iMio's real 2020-2022 plan as bundled
data, and `make start` / `make test`. @imio
