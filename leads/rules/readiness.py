"""What a lead still lacks before it may be dispatched (DISP-2), asked wherever it can be given.

The one pure rule behind the intake form's live box, the message after registering, the dispatch
dashboard's 未就绪 tab and the dispatch service's refusal. It lives in leads (the lowest app that
needs it): dispatch imports it, leads never imports dispatch.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Missing(enum.StrEnum):
    """What a lead still lacks before it may be dispatched (DISP-2), in the order shown."""

    DECORATION_DATE = "DECORATION_DATE"
    AREA = "AREA"
    BUDGET = "BUDGET"
    LEVELS_INTRODUCED = "LEVELS_INTRODUCED"


# What the customer's own details can supply (the intake form has a field for each); the
# designer levels are confirmed by the customer manager at dispatch.
DETAILS = (Missing.DECORATION_DATE, Missing.AREA, Missing.BUDGET)

MISSING_MESSAGES = {
    Missing.DECORATION_DATE: _("The planned decoration date is not known."),
    Missing.AREA: _("The house area is not known."),
    Missing.BUDGET: _("The budget is not known."),
    Missing.LEVELS_INTRODUCED: _(
        "The customer manager has not confirmed that the designer levels were introduced to the "
        "customer."
    ),
}

# Short names for a list ("派单前还需：计划装修时间、房屋面积"): the forms' own labels.
MISSING_LABELS = {
    Missing.DECORATION_DATE: _("Planned decoration date"),
    Missing.AREA: _("House area"),
    Missing.BUDGET: _("Budget"),
    Missing.LEVELS_INTRODUCED: _(
        "the customer manager's confirmation that the designer levels were introduced"
    ),
}


def missing_for_dispatch(
    *,
    planned_decoration_date: date | None,
    area_m2: object | None,
    budget: object | None,
    levels_introduced: bool,
) -> tuple[Missing, ...]:
    """DISP-2: decoration date, area and budget known, and the designer levels introduced.
    Returns what is missing, in the order shown; empty when the lead is ready."""
    checks = (
        (Missing.DECORATION_DATE, planned_decoration_date is not None),
        (Missing.AREA, area_m2 is not None),
        (Missing.BUDGET, budget is not None),
        (Missing.LEVELS_INTRODUCED, bool(levels_introduced)),
    )
    return tuple(item for item, present in checks if not present)


def missing_details(missing: Iterable[Missing]) -> list[Missing]:
    """The items of `missing` the customer's details can supply (not the manager's step)."""
    return [item for item in missing if item in DETAILS]


def still_needed_text(missing: Iterable[Missing]) -> str:
    """ "Still needed before dispatch: A, B" in words; empty when nothing is missing."""
    items = list(missing)
    if not items:
        return ""
    separator = str(pgettext_lazy("list separator", ", "))
    names = separator.join(str(MISSING_LABELS[item]) for item in items)
    return str(format_lazy(_("Still needed before dispatch: {items}"), items=names))
