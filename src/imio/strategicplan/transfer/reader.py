"""Parse JSON keeping, for every object, where it starts in the text."""

from imio.strategicplan.transfer.errors import PlanFileError
from json import decoder
from json import scanner

import bisect
import json


class Located(dict):
    """A JSON object that remembers its offset in the source text."""

    pos = 0


class Source:
    """A parsed plan file: its data, and a way to turn offsets into line numbers."""

    def __init__(self, text, filename="<input>"):
        self.text = text
        self.filename = filename
        self._line_starts = [0]
        self._line_starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
        self.data = self._parse()

    def line_of(self, node, key=None):
        """The 1-based line of ``node`` (a Located), or of its ``key`` if found."""
        pos = getattr(node, "pos", 0)
        if key is not None:
            key = key.split("[")[0].split(".")[0]  # "measurements[2].date" -> "measurements"
            found = self.text.find(json.dumps(key, ensure_ascii=False), pos)
            if found != -1:
                pos = found
        return bisect.bisect_right(self._line_starts, pos)

    def error(self, message, node=None, path=None, field=None):
        """A PlanFileError located at ``node`` (and ``field``) in this file."""
        line = self.line_of(node, field) if node is not None else None
        return PlanFileError(message, filename=self.filename, line=line, path=path, field=field)

    def _parse(self):
        source = self

        def parse_object(s_and_end, strict, scan_once, object_hook, pairs_hook, memo=None):
            start = s_and_end[1] - 1
            pairs, end = decoder.JSONObject(s_and_end, strict, scan_once, None, list, memo)
            obj = Located()
            obj.pos = start
            for key, value in pairs:
                if key in obj:
                    line = bisect.bisect_right(source._line_starts, start)
                    raise PlanFileError(
                        f"duplicate key {key!r} in one object",
                        filename=source.filename,
                        line=line,
                    )
                obj[key] = value
            return obj, end

        dec = json.JSONDecoder()
        dec.parse_object = parse_object
        dec.scan_once = scanner.py_make_scanner(dec)
        try:
            return dec.decode(self.text)
        except json.JSONDecodeError as exc:
            raise PlanFileError(
                f"invalid JSON: {exc.msg} (column {exc.colno})",
                filename=self.filename,
                line=exc.lineno,
            ) from None


def read_source(path):
    """Read and parse the plan file at ``path``; raises PlanFileError."""
    name = str(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise PlanFileError(f"cannot read the file: {exc.strerror}", filename=name) from None
    return source_from_bytes(raw, name)


def source_from_bytes(raw, filename="<input>"):
    """Parse plan file content given as bytes; raises PlanFileError."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(f"not UTF-8 text (byte {exc.start})", filename=filename) from None
    return Source(text, filename)
