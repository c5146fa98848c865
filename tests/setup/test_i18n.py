"""The translation catalogs of the imio.strategicplan domain are complete.

msgids are the French texts. The .pot must hold every message of the code (Python ``_()``,
page templates, FTI titles and descriptions), and the fr and en catalogs every msgid of the
.pot, the English one translated. No Plone layer: the files are read as they are.

Rebuild and sync with i18ndude: see the first lines of the .pot.
"""

from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from pythongettext.msgfmt import Msgfmt
from xml.etree import ElementTree

import ast
import gettext
import pytest
import re


DOMAIN = "imio.strategicplan"
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "imio" / "strategicplan"
LOCALES = PACKAGE / "locales"
POT = LOCALES / f"{DOMAIN}.pot"
LANGUAGES = ("fr", "en")
I18N_NS = "http://xml.zope.org/namespaces/i18n"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text):
    """The value of a quoted .po string (``"..."``)."""
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), f"not a quoted string: {text!r}"
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def parse_po(path):
    """{msgid: (msgstr, flags)} of a .po or .pot file, header included under ""."""
    entries = {}
    msgid = msgstr = None
    flags = set()
    field = None

    def flush():
        nonlocal msgid, msgstr, flags, field
        if msgid is not None:
            assert msgid not in entries, f"{path.name}: duplicate msgid {msgid!r}"
            entries[msgid] = (msgstr or "", frozenset(flags))
        msgid = msgstr = None
        flags = set()
        field = None

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            if msgstr is not None:
                flush()
            flags.update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            if msgstr is not None:
                flush()
        elif line.startswith("msgid "):
            if msgid is not None:
                flush()
            msgid, field = _unquote(line[len("msgid ") :]), "msgid"
        elif line.startswith("msgstr "):
            assert msgid is not None, f"{path.name}:{number}: msgstr without msgid"
            msgstr, field = _unquote(line[len("msgstr ") :]), "msgstr"
        elif line.startswith('"'):
            if field == "msgid":
                msgid += _unquote(line)
            elif field == "msgstr":
                msgstr += _unquote(line)
            else:
                raise AssertionError(f"{path.name}:{number}: stray string {line!r}")
        else:
            raise AssertionError(f"{path.name}:{number}: unexpected line {line!r}")
    flush()
    return entries


def headers(entries):
    """The MIME header of a parsed catalog, as a dict."""
    found = {}
    for line in entries[""][0].splitlines():
        name, sep, value = line.partition(":")
        if sep:
            found[name.strip()] = value.strip()
    return found


def msgids(entries):
    return {msgid for msgid in entries if msgid}


def po_path(language):
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@pytest.fixture(scope="module")
def pot():
    return parse_po(POT)


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request):
    return request.param


@pytest.fixture(scope="module")
def po(language):
    return parse_po(po_path(language))


def python_messages():
    """{msgid: "file:line"} of every ``_("...")`` call of the package's Python code."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
                arg = node.args[0]
                where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                    f"{where}: _() of something else than a string literal"
                )
                found.setdefault(arg.value, where)
    return found


def fti_messages():
    """{msgid: file} of the translated properties (title, description) of the FTIs."""
    found = {}
    for path in sorted((PACKAGE / "profiles" / "default" / "types").glob("*.xml")):
        root = ElementTree.parse(path).getroot()
        assert root.get(f"{{{I18N_NS}}}domain") == DOMAIN, f"{path.name}: i18n:domain"
        for prop in root.findall("property"):
            if prop.get("name") in ("title", "description"):
                assert f"{{{I18N_NS}}}translate" in prop.attrib, (
                    f"{path.name}: {prop.get('name')} without i18n:translate"
                )
                found[" ".join(prop.text.split())] = path.name
    return found


class _TemplateMessages(HTMLParser):
    """Texts of the elements marked ``i18n:translate=""`` (with no inner element)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.stack:
            self.stack[-1]["children"] = True
        self.stack.append(
            {
                "tag": tag,
                "translate": attrs.get("i18n:translate", None),
                "children": False,
                "text": [],
            }
        )

    def handle_startendtag(self, tag, attrs):
        if self.stack:
            self.stack[-1]["children"] = True

    def handle_endtag(self, tag):
        while self.stack:
            element = self.stack.pop()
            if element["translate"] == "" and not element["children"]:
                self.found.append(" ".join("".join(element["text"]).split()))
            if element["tag"] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1]["text"].append(data)


def template_messages():
    found = {}
    for path in sorted(PACKAGE.rglob("*.pt")):
        parser = _TemplateMessages()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        for text in parser.found:
            found.setdefault(text, str(path.relative_to(PACKAGE)))
    return found


def test_pot_is_the_domain_template(pot):
    assert headers(pot)["Domain"] == DOMAIN
    assert headers(pot)["Content-Type"] == "text/plain; charset=UTF-8"
    first_lines = POT.read_text(encoding="utf-8").splitlines()[:2]
    assert "i18ndude rebuild-pot" in first_lines[0]
    assert "i18ndude sync" in first_lines[1]
    # A real catalog, not a stub: the content types and the overview at least.
    assert len(msgids(pot)) > 100


def test_python_messages_are_in_pot(pot):
    messages = python_messages()
    assert len(messages) > 50  # the scan does find the schemas' and vocabularies' messages
    missing = {m: where for m, where in messages.items() if m not in pot}
    assert not missing, f"_() messages missing from {POT.name} (rebuild it): {missing}"


def test_concatenated_python_message_is_whole(pot):
    """An _() over implicitly concatenated literals is one msgid, the whole text."""
    whole = "Accompagnement organisationnel, simplification administrative et centrale de marchés/d'achats"
    assert whole in python_messages()
    assert whole in pot


def test_fti_messages_are_in_pot(pot):
    messages = fti_messages()
    assert len(messages) == 2 * len(list((PACKAGE / "profiles/default/types").glob("*.xml")))
    missing = {m: where for m, where in messages.items() if m not in pot}
    assert not missing, f"FTI titles/descriptions missing from {POT.name}: {missing}"


def test_template_messages_are_in_pot(pot):
    messages = template_messages()
    assert "Piliers" in messages  # the scan does find the overview's texts
    missing = {m: where for m, where in messages.items() if m not in pot}
    assert not missing, f"page template messages missing from {POT.name}: {missing}"


def test_po_headers(po, language):
    found = headers(po)
    assert found["Language"] == language
    assert found["Content-Type"] == "text/plain; charset=UTF-8"
    assert found["Domain"] == DOMAIN
    assert found["Plural-Forms"].startswith("nplurals=")


def test_po_has_every_pot_msgid(pot, po, language):
    missing = sorted(msgids(pot) - msgids(po))
    assert not missing, f"{language}: msgids of the .pot missing (run i18ndude sync): {missing}"
    obsolete = sorted(msgids(po) - msgids(pot))
    assert not obsolete, f"{language}: msgids no longer in the .pot: {obsolete}"


def test_po_is_translated(po, language):
    """Every msgstr is filled in (the French one too: the catalog is explicit)."""
    empty = sorted(m for m in msgids(po) if not po[m][0].strip())
    assert not empty, f"{language}: untranslated msgids: {empty}"
    fuzzy = sorted(m for m in msgids(po) if "fuzzy" in po[m][1])
    assert not fuzzy, f"{language}: fuzzy translations: {fuzzy}"


def test_en_translates_the_french(pot):
    """The English catalog is English: French msgids are not left as they are."""
    en = parse_po(po_path("en"))
    assert en["Première année"][0] == "First year"
    assert en["Devise"][0] == "Motto"
    assert en["Pilier"][0] == "Pillar"
    accented = sorted(m for m in msgids(pot) if re.search("[àâçéèêëîïôûùÀÂÇÉÈÊÎÔÛ]", m) and en[m][0] == m)
    assert not accented, f"en: French msgids copied untranslated: {accented}"


def test_fr_keeps_the_french_msgids(pot):
    """The French catalog gives the code's (French) msgids back as they are.

    Only the few English msgids of ZCML and FTI actions ("View", "Edit") get French text.
    """
    fr = parse_po(po_path("fr"))
    french = {**python_messages(), **template_messages(), **fti_messages()}
    changed = sorted(m for m in french if fr[m][0] != m)
    assert not changed, f"fr: French msgids translated to something else: {changed}"


def test_po_compiles_as_zope_would(po, language):
    """python-gettext (what zope.i18n compiles .mo files with) reads the catalog whole."""
    mo = Msgfmt(str(po_path(language)), name=DOMAIN).get()
    translations = gettext.GNUTranslations(BytesIO(mo))
    for msgid in msgids(po):
        assert translations.gettext(msgid) == po[msgid][0]


def test_no_compiled_catalog_in_the_repository():
    """.mo files are built at start-up (zope_i18n_compile_mo_files), never kept."""
    import subprocess

    root = PACKAGE.parents[2]
    tracked = subprocess.run(["git", "ls-files", "--", "*.mo"], cwd=root, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git work tree")
    assert tracked.stdout.strip() == ""
