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

    def as_dict(self):
        """The error as JSON-friendly data (for REST answers and reports)."""
        return {
            "file": self.filename,
            "line": self.line,
            "path": self.path,
            "field": self.field,
            "message": self.message,
        }
