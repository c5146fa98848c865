The financial trajectory: every figure of the plan's financial tables (revenue per activity,
variations and split, margin, overheads, EBITDA, EBIT, result, total and monthly costs, cost
structure, financing need and rate, own-revenue coverage with and without investment, subsidy
changes) computed from each year's raw lines (`finance.py`), with the rules in `docs/finance.md`,
checked against every printed figure of 2012-2022 with the seed's contradictions listed. @imio
