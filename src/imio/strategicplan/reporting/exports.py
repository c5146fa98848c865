"""Exports of the plan's financial tables and indicators: XLSX (openpyxl) and CSV.

The financial table has one row per figure of docs/finance.md and one column per year, the same
numbers as the pages and `@financial-summary`; the workbook adds the published figures that
contradict the lines and the raw lines. CSV is for spreadsheets set to French (Belgium): `;`
between fields, a decimal comma, UTF-8 with a byte-order mark.
"""

from imio.strategicplan import _
from imio.strategicplan.plan import finance
from imio.strategicplan.plan import indicators
from imio.strategicplan.plan.tree import indicators_below
from imio.strategicplan.plan.years import current_year
from openpyxl import Workbook
from openpyxl.styles import Font
from zope.i18n import translate

import csv
import io


def _t(message, request):
    return translate(message, context=request) if request is not None else translate(message, target_language="fr")


def financial_table(plan, request=None):
    """[header, *rows]: figure, unit, then one value per year (None where there is none)."""
    years = finance.plan_years(plan)
    values = finance.trajectory(years)
    ordered = sorted(values)
    header = [_t(_("Chiffre"), request), _t(_("Unité"), request), *ordered]
    rows = [
        [_t(title, request), finance.unit_of(name), *(values[year].get(name) for year in ordered)]
        for name, title in finance.FIGURE_TITLES.items()
    ]
    return [header, *rows]


def contradictions_table(plan, request=None):
    header = [
        _t(m, request)
        for m in (
            _("Année"),
            _("Chiffre"),
            _("Libellé imprimé"),
            _("Source"),
            _("Publié"),
            _("Calculé depuis les lignes"),
            _("Depuis ses parties publiées"),
            _("Nature"),
        )
    ]
    rows = []
    for c in finance.check(finance.plan_years(plan)):
        nature = (
            _t(_("à la racine"), request)
            if c.kind == "root"
            else (_t(_("découle de"), request) + " " + finance.causes_text(c, lambda m: _t(m, request)))
        )
        rows.append(
            [
                c.year,
                _t(finance.FIGURE_TITLES[c.figure], request),
                c.label,
                c.source,
                c.printed,
                c.computed,
                c.from_printed_parts,
                nature,
            ]
        )
    return [header, *rows]


def lines_table(plan, request=None):
    header = [_t(m, request) for m in (_("Année"), _("Table"), _("Groupe"), _("Libellé"), _("Montant"), _("Source"))]
    rows = []
    for year in sorted(finance.plan_years(plan), key=lambda y: y.year):
        for table, lines, group, label in (
            ("revenue_lines", year.revenue_lines, "activity", "product_line"),
            ("charge_lines", year.charge_lines, "group", "label"),
            ("subsidy_lines", year.subsidy_lines, None, "label"),
            ("exceptional_lines", year.exceptional_lines, None, "label"),
        ):
            for line in lines or ():
                rows.append(
                    [
                        year.year,
                        table,
                        line.get(group) if group else None,
                        line.get(label),
                        line.get("amount"),
                        line.get("source"),
                    ]
                )
    return [header, *rows]


def indicators_table(plan, request=None, year=None):
    """[header, *rows]: each indicator with its unit, baseline, target of ``year`` (the plan's
    current year by default, ``years.current_year``), latest measurement and status, as
    `@indicators` gives them."""
    year = year or current_year(plan)
    header = [
        _t(m, request)
        for m in (
            _("Indicateur"),
            _("Rattaché à"),
            _("Unité"),
            _("Valeur de référence"),
            _("Cible"),
            _("Dernière mesure"),
            _("Date de la mesure"),
            _("Statut"),
        )
    ]
    header[4] = f"{header[4]} {year}"
    rows = []
    thresholds = indicators.limits()
    for obj in indicators_below(plan):
        data = indicators.summary(obj)
        latest = data["latest"] or {}
        rows.append(
            [
                obj.title,
                obj.__parent__.title,
                data["unit"],
                data["baseline"],
                data["targets"].get(str(year)),
                latest.get("value"),
                latest.get("date"),
                indicators.status(data, year, thresholds),
            ]
        )
    return [header, *rows]


def xlsx(sheets):
    """A workbook of ``sheets`` ([(title, table)]) as bytes; headers in bold."""
    book = Workbook()
    book.remove(book.active)
    for title, table in sheets:
        sheet = book.create_sheet(title[:31])
        for row in table:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_cell(value):
    if isinstance(value, float):
        text = f"{value:.10g}" if not value.is_integer() else str(int(value))
        return text.replace(".", ",")
    return "" if value is None else str(value)


def csv_bytes(table):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in table:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
