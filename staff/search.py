"""The global search in the top bar (`/search/?q=`): phone, customer name, lead number,
complaint number; results grouped by kind.

Staff sits low, so it only reads the typed text and shapes the results: an app that has
something to find has a `search.py` with `section(user, terms) -> Group | None` (found like
navigation and the workbench, in INSTALLED_APPS order, so leads come before complaints). Each
section asks its own app who may see which rows and which phone numbers (SEC-1) and runs one
query, whatever the number of matches: a group shows its first `LIMIT` rows and links to the full
list filtered by the same text.

What each query can use on PostgreSQL: a whole phone number is matched exactly (the phone
indexes), a lead number by primary key, names and complaint numbers with `icontains` (the
trigram indexes of leads 0010 and complaints 0004).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from core.discovery import app_modules

from .phones import InvalidPhone, normalize_phone

LIMIT = 10  # rows per kind; the rest are one click away in the full list
MAX_QUERY = 50
MIN_PARTIAL_DIGITS = 4  # a shorter run of digits would match half the customers
LEAD_NUMBER_RE = re.compile(r"#?(\d{1,9})")
PHONE_CHARS = set("0123456789-+ ()（）—–.")


@dataclass(frozen=True)
class Terms:
    """What the typed text can be: its normal phone form, a lead number, digits, plain text."""

    text: str
    phone: str = ""  # normalized, when the text is a whole phone number
    lead_number: int | None = None
    digits: str = ""  # for a partial phone match


def parse(raw: str) -> Terms:
    """Read the search box (pure: no database)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")  # no NUL for SQL
    text = " ".join(printable.split())[:MAX_QUERY]
    if not text:
        return Terms("")
    phone = ""
    if set(text) <= PHONE_CHARS or text.startswith("+86"):
        try:
            phone = normalize_phone(text)
        except InvalidPhone:
            phone = ""
    number = LEAD_NUMBER_RE.fullmatch(text)
    digits = "".join(ch for ch in text if ch.isdigit()) if set(text) <= PHONE_CHARS else ""
    return Terms(
        text=text,
        phone=phone,
        lead_number=int(number.group(1)) if number and not phone else None,
        digits=digits if len(digits) >= MIN_PARTIAL_DIGITS and not phone else "",
    )


@dataclass(frozen=True)
class Hit:
    kind: str  # "lead" or "complaint"
    url: str
    title: str  # the customer's name
    number: str  # lead number or complaint number
    phone: str  # full or masked, by the viewer (SEC-1)
    detail: str  # the address, or the complaint's summary
    status: str


@dataclass
class Group:
    kind: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more matches than shown
    full_list_url: str = ""  # the owning list filtered by the same text, for those who may open it


@dataclass
class Results:
    terms: Terms
    groups: list[Group]

    @property
    def count(self) -> int:
        return sum(len(group.hits) for group in self.groups)


def _sections() -> list[Callable[[object, Terms], Group | None]]:
    """Every installed app's `search.section`, in INSTALLED_APPS order."""
    found = []
    for _config, module in app_modules("search"):
        if module.__name__ != __name__ and hasattr(module, "section"):
            found.append(module.section)
    return found


def search(user, raw: str) -> Results:
    terms = parse(raw)
    if not terms.text:
        return Results(terms, [])
    groups = [group for section in _sections() if (group := section(user, terms))]
    return Results(terms, groups)
