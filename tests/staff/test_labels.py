"""Every input is labelled (issue 15, finding 11; UI.md accessibility): each visible <input>,
<select> and <textarea> has a <label for>, is inside a <label>, or carries aria-label /
aria-labelledby. Two nets: the pages named in the finding, rendered for a role that uses them
(form widgets included), and every template's source (fields in rows that need data to show)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"
NOT_FIELDS = {"hidden", "submit", "button", "reset", "image"}
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, dict, bool, int]] = []
        self.label_for: set[str] = set()
        self.open_labels = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "label":
            self.open_labels += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
        elif tag in ("input", "select", "textarea"):
            kind = (attributes.get("type") or "text").lower()
            if tag == "input" and kind in NOT_FIELDS:
                return
            self.fields.append((tag, attributes, self.open_labels > 0, self.getpos()[0]))

    def handle_endtag(self, tag):
        if tag == "label" and self.open_labels:
            self.open_labels -= 1


def unlabelled(html: str) -> list[str]:
    """The fields of a page without a label, as "tag name=… (line n)"."""
    parser = _Fields()
    parser.feed(html)
    found = []
    for tag, attributes, wrapped, line in parser.fields:
        if wrapped or attributes.get("aria-label") or attributes.get("aria-labelledby"):
            continue
        if attributes.get("id") and attributes["id"] in parser.label_for:
            continue
        found.append(f"{tag} name={attributes.get('name')} (line {line})")
    return found


def test_the_checker_finds_an_unlabelled_field_and_accepts_the_three_ways_to_label():
    assert unlabelled('<input name="q">') == ["input name=q (line 1)"]
    assert unlabelled('<select name="by"></select><textarea name="t"></textarea>') == [
        "select name=by (line 1)",
        "textarea name=t (line 1)",
    ]
    assert unlabelled('<label for="q">Q</label><input id="q" name="q">') == []
    assert unlabelled('<label>Q <input name="q"></label>') == []
    assert unlabelled('<input name="q" aria-label="Q"><input type="hidden" name="h">') == []


def test_every_template_labels_its_fields():
    offences = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        found = unlabelled(TEMPLATE_CODE.sub("X", path.read_text(encoding="utf-8")))
        if found:
            offences[str(path.relative_to(TEMPLATES))] = found
    assert offences == {}


# The pages of finding 11, each for a role that uses it.
PAGES = [
    ("frontdesk:index", "front_desk", ""),
    ("frontdesk:quality", "customer_manager", ""),
    ("reports:tables", "customer_manager", ""),
    ("reports:tables", "customer_manager", "?date_from=2026-03-01&date_to=2026-03-07"),
    ("reports:monthly", "gm", ""),
    ("reports:segments", "marketing_manager", ""),
    ("reports:jobs", "gm", ""),
    ("frontdesk:good_cases", "customer_manager", ""),
    ("frontdesk:appointments", "front_desk", ""),
    ("leads:callbacks", "cs_agent", ""),
    ("staff:faults", "customer_manager", ""),
    ("attendance:leave-new", "cs_agent", ""),
    ("leads:intake", "front_desk", ""),
    ("leads:index", "customer_manager", ""),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "query"), PAGES)
def test_pages_of_finding_11_label_every_field(request, login, name, role, query):
    person = request.getfixturevalue(role)
    response = login(person).get(reverse(name) + query)
    assert response.status_code == 200
    assert unlabelled(response.content.decode()) == []
