"""Which tariff category a member body falls in (§8.5.2 of the plan), read from the plan's own
`tariff_categories` table (never from code).

- Communes and CPAS go by inhabitants, intercommunales and RCA by agents, rescue zones by the
  zone's inhabitants; a police zone takes the category of its largest commune (the seed: "Le tarif
  d'une zone de police est déterminé en fonction de la catégorie de la plus grande ville/commune de
  la zone"), so its size is that commune's inhabitants; a province has its own row ("Provinces"),
  found by its name, and needs no size (a size given with it is ignored).
- A row matches when min ≤ size ≤ max; a missing max is open ("plus de …"), a missing min starts at
  0; a row with neither bound in the body's columns ("n/a") never matches.
- The rows are read in the table's order and the **first matching row wins**. The printed
  rescue-zone ranges touch: "de 0 à 100.000" (Cat 3), "de 100.000 à 400.000" (Cat 4) and "plus de
  400.000" (Cat 5, stored as min 400 000 as printed): a zone of exactly 100 000 inhabitants is
  Cat 3, one of 400 000 Cat 4, 400 001 Cat 5.
- "Plus de 100" agents is stored as min 101 and "plus de 100.001" inhabitants as min 100 001
  (docs/seed-data.md), so both are inclusive minimums: 101 agents is Cat 5, 100 001 inhabitants Cat 7.
- No gaps: the commune ranges (… 100 000 | 100 001 …) and the agent ranges (… 100 | 101 …) are
  contiguous in whole numbers, and a size must be a whole number ≥ 0 (an int, or a string of ASCII
  digits), so no size falls between two rows. A table edited to leave a gap answers nothing for a
  size inside it: ``TariffError`` on ``size``.

``tariff_category`` raises ``TariffError`` (a ``ValueError``) naming the parameter at fault:
``body`` for a missing or unknown body type (or a table with no provinces row), ``size`` for a
size missing, negative or not a whole number, or covered by no row.
"""

from imio.strategicplan import _
from imio.strategicplan.i18n import localize

import re


# body type -> (column prefix of the table, what the size counts)
BODIES = {
    "commune": ("inhabitants", "inhabitants"),
    "cpas": ("inhabitants", "inhabitants"),
    "police_zone": ("inhabitants", "inhabitants of the largest commune"),
    "intercommunale": ("agents", "agents"),
    "rca": ("agents", "agents"),
    "rescue_zone": ("rescue_inhabitants", "inhabitants"),
    "province": (None, None),
}


class TariffError(ValueError):
    """A question the table cannot answer: ``name`` is the parameter, ``message`` says why."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


def _rows(plan):
    return [row for row in (getattr(plan, "tariff_categories", None) or ()) if row.get("category")]


def tariff_category(plan, body_type, size=None):
    """The category (its name in the plan's table) of a body of ``body_type`` and ``size``.

    Raises ``TariffError`` (a ``ValueError``) naming ``body`` or ``size`` with a message in the
    request's language.
    """
    if body_type is None or body_type == "":
        raise TariffError(
            "body",
            localize(
                _("body : type d'organisme manquant (attendu : ${expected})", mapping={"expected": ", ".join(BODIES)})
            ),
        )
    if not isinstance(body_type, str) or body_type not in BODIES:
        raise TariffError(
            "body",
            localize(
                _(
                    "body : type d'organisme inconnu « ${value} » (attendu : ${expected})",
                    mapping={"value": body_type, "expected": ", ".join(BODIES)},
                )
            ),
        )
    prefix, _counts = BODIES[body_type]
    if prefix is None:
        for row in _rows(plan):
            if row["category"].lower().startswith("province"):
                return row["category"]
        raise TariffError("body", localize(_("body : le tableau des catégories n'a pas de ligne pour les provinces")))
    if isinstance(size, str):  # a query string: ASCII digits only (int() would take "1_000", " +12 ", "١٢")
        size = int(size) if re.fullmatch(r"-?[0-9]+", size) else None
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise TariffError(
            "size", localize(_("size : nombre entier positif attendu (habitants ou agents selon l'organisme)"))
        )
    for row in _rows(plan):
        low, high = row.get(f"{prefix}_min"), row.get(f"{prefix}_max")
        if low is None and high is None:
            continue
        if (low or 0) <= size and (high is None or size <= high):
            return row["category"]
    raise TariffError(
        "size",
        localize(
            _("size : aucune catégorie du plan ne couvre ${size} pour ce type d'organisme", mapping={"size": size})
        ),
    )
