"""How the plan's pages, exports and report write a number, once: French, thousands apart by a
narrow no-break space, a decimal comma ("1 066 797 €", "89,7 %", "9,5 nombre")."""

NARROW_NBSP = "\u202f"


def format_number(value, suffix=None, decimals=None, empty="—"):
    """``value`` as text; ``empty`` for None. ``decimals``: that many, or None for as many as needed
    up to two (trailing zeros dropped); ``suffix`` (a unit) after a space."""
    if value is None:
        return empty
    if decimals is None:
        text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return f"{text} {suffix}" if suffix else text
