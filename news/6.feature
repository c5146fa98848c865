The financial trajectory: every figure of the plan's financial tables (revenue per activity,
variations and split, margin, overheads, EBITDA, EBIT, result, total and monthly costs, cost
structure, financing need and rate, own-revenue coverage with and without investment, subsidy
changes) computed from each year's raw lines (`finance.py`), with the rules in `docs/finance.md`,
checked against every printed figure of 2012-2022 with the seed's contradictions listed. @imio
Published figures (`printed_figures` on a financial year, the seed's in the package data) are
checked against the computed ones: each contradiction, at the root or following from one, is shown
on the year's page, in the plan overview's financial table, in the import report (console and
`@plan-import`) and in `GET <plan>/@financial-summary`. `GET <plan>/@tariff-category` gives a
member body's tariff category from the plan's table.
Downloads of the financial trajectory and of the indicators as XLSX (openpyxl) and CSV.
A financial dashboard with server-side SVG charts (pygal), each with its figures in a table.
The annual evaluation report for the Assemblée Générale as a PDF in French (WeasyPrint 70 on Debian's Pango, DejaVu fonts): plan summary, each value's objectives and indicators (target of the year against the latest measurement, status, rolled-up progress), priority projects, financial trajectory, charts and the decisions of the year; `<plan>/@@evaluation-report.pdf?year=` and `GET <plan>/@evaluation-report?year=` (docs/reports.md).
The indicators' status thresholds are site settings: Site Setup → "Plans stratégiques" and
`@controlpanels/strategicplan` (profile 1005, with its upgrade step). Progress rolls up with
weights (a `weight` on values, objectives, indicators and projects, 1 by default): indicator →
objective → value → plan, shown on the plan page, below each value's and objective's page, in the
report and in `GET <plan>/@progress` (docs/progress.md). Follow-up lists "À risque", "Sans mesure
récente", "Mes éléments" and "En retard", filterable by pillar and value, with their counts on the
plan page (docs/follow-up.md).
