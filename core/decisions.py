"""The one answer every rule gives to "may this happen?": yes or no, a reason code a program can
test, and a message a person can read (a translatable string, shown as the refusal).

One truthiness rule for every app: ``bool(decision) == decision.allowed``. A caller that means
"was there a decision at all" writes ``decision is not None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Self


@dataclass(frozen=True)
class Decision:
    """Allowed or not, with the reason code and the message a page or an error shows.

    `reason` is an app's own code (a `StrEnum`); None when nobody needs to tell reasons apart.
    A rule that must hand more back (who signs, for whom) subclasses this with typed fields.
    """

    allowed: bool
    reason: StrEnum | None = None
    message: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    @classmethod
    def allow(cls, reason: StrEnum | None = None, message: str = "", **extra: Any) -> Self:
        """A yes; the reason and message say why, where a page shows it (e.g. "filed early")."""
        return cls(True, reason, message, **extra)

    @classmethod
    def deny(cls, reason: StrEnum | None, message: str, **extra: Any) -> Self:
        """A no, always with the message a person reads."""
        return cls(False, reason, message, **extra)


ALLOWED = Decision.allow()
