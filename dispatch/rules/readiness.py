"""Readiness for dispatch (DISP-2): what a lead still misses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Lead size is decided at intake; dispatch only reads it (imports point down: dispatch -> leads).
from leads.rules import readiness

# The rule itself lives in leads (intake asks it too; imports point down): one function.
Missing = readiness.Missing
MISSING_MESSAGES = readiness.MISSING_MESSAGES


@dataclass(frozen=True)
class Readiness:
    """DISP-2 verdict: ready, or the list of what is missing (each with its own sentence)."""

    missing: tuple[Missing, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.missing

    @property
    def messages(self) -> list[str]:
        return [MISSING_MESSAGES[item] for item in self.missing]

    @property
    def message(self) -> str:
        """One refusal text for a service error; empty when ready."""
        if self.ready:
            return ""
        details = " ".join(str(text) for text in self.messages)
        return format_lazy(_("This lead is not ready to dispatch. {details}"), details=details)


def check_readiness(
    *,
    planned_decoration_date: date | None,
    area_m2: object | None,
    budget: object | None,
    levels_introduced: bool,
) -> Readiness:
    """DISP-2: decoration date, area and budget known, and the designer levels introduced."""
    missing = readiness.missing_for_dispatch(
        planned_decoration_date=planned_decoration_date,
        area_m2=area_m2,
        budget=budget,
        levels_introduced=levels_introduced,
    )
    return Readiness(missing=missing)
