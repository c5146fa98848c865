Board approval: plans go draft → submitted to the board → approved by the board → submitted to
the assembly → adopted → archived (`strategicplan_workflow`), with the decision (date, body,
reference, comment) recorded and shown by `@history`; Board Member and Assembly Member roles and
groups; commitments frozen after submission while follow-up data stays editable after adoption;
refused actions answer 401/403; the seed plan stands adopted by the AG of 12/12/2019. @imio
