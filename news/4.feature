REST for a decoupled front-end: `@plan-tree` (from catalog metadata), `@indicators` (status against
the year's target, staleness), `@plan-export` / `@plan-import`, a CORS policy
(`STRATEGICPLAN_CORS_ORIGINS`), and the OpenAPI 3.1 document at `@strategicplan-openapi`
(`docs/openapi.json`), checked by schemathesis against the live test server. Validation errors
answer 400 naming the field, in the request's language (fr/en). Upgrade step 1001 → 1002 adds
the catalog metadata. @imio
