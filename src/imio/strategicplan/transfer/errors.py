"""The error a malformed plan file raises."""


class PlanFileError(ValueError):
    """A plan file that cannot be imported; names the file, line, JSON path and field."""

    def __init__(self, message, filename="<input>", line=None, path=None, field=None):
        self.message = message
        self.filename = filename
        self.line = line
        self.path = path
        self.field = field
        super().__init__(str(self))

    def __str__(self):
        where = self.filename if self.line is None else f"{self.filename}:{self.line}"
        parts = [where]
        if self.path:
            parts.append(self.path)
        if self.field:
            parts.append(f"field '{self.field}'")
        parts.append(self.message)
        return ": ".join(parts)

    def where(self):
        """Where the error is, as JSON-friendly data: file, line, JSON path and field (the
        details of a REST error, restapi/errors.py)."""
        return {"file": self.filename, "line": self.line, "path": self.path, "field": self.field}
