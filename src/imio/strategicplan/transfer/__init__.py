"""Import and export of a whole plan in the JSON format of docs/import-format.md."""

FORMAT = "imio.strategicplan"
FORMAT_VERSION = 1
