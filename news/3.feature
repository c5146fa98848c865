Board approval: plans go draft → submitted to the board → approved by the board → submitted to
the assembly → adopted → archived (`strategicplan_workflow`), each decision (date, body, reference,
comment) on record and in `@history`; a decision form behind the state menu; Board Member and
Assembly Member roles and groups; commitments frozen after submission while follow-up data stays
editable after adoption (a forbidden PATCH answers 403); the adopted plan frozen as a baseline with
`@changes-since-adoption`; board follow-up reviews (`@follow-up-reviews`); email to the body that
must decide; the seed plan stands adopted by the AG of 12/12/2019. Upgrade step 1000 → 1001.
`make upgrade` runs pending upgrade steps. @imio
