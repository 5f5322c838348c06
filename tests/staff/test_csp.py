"""Content-Security-Policy: every page is served under a self-only policy, and no template
needs anything the policy refuses (inline scripts, handler attributes, hx-on, style attributes
or elements). The browser half is tests/e2e/test_csp.py."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}

COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["'{]""", re.I)
HX_ON = re.compile(r"\s(?:data-)?hx-on", re.I)
STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*["'{]""", re.I)
STYLE_TAG = re.compile(r"<style\b", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)


def _header(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    parts = (part.strip().split(None, 1) for part in policy.split(";") if part.strip())
    return {name: value for name, value in parts}


def _offences(text: str) -> list[str]:
    """What the policy would refuse in one template's source (Django comments are skipped)."""
    text = COMMENT.sub("", text)
    found = []
    for match in SCRIPT_TAG.finditer(text):
        attrs = match.group(1)
        if "src=" in attrs or re.search(r"""type=["']application/json["']""", attrs):
            continue
        found.append(f"inline <script{attrs}>")
    for name, pattern in [
        ("handler attribute", HANDLER),
        ("hx-on attribute", HX_ON),
        ("style attribute", STYLE_ATTR),
        ("<style> element", STYLE_TAG),
        ("javascript: URL", JAVASCRIPT_URL),
    ]:
        found += [f"{name}: {m.group(0).strip()}" for m in pattern.finditer(text)]
    return found


@pytest.mark.django_db
def test_csp_page_response_carries_the_self_only_policy(login, front_desk):
    response = login(front_desk).get(reverse("leads:intake"))
    assert response.status_code == 200
    assert _header(response) == POLICY


@pytest.mark.django_db
def test_csp_login_page_and_admin_carry_the_policy_too(client, admin_user):
    assert _header(client.get(reverse("login"))) == POLICY
    client.force_login(admin_user)
    assert _header(client.get(reverse("admin:index"))) == POLICY


@pytest.mark.django_db
def test_csp_base_page_turns_off_htmx_injected_indicator_styles(login, front_desk):
    html = login(front_desk).get(reverse("leads:intake")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in html


@pytest.mark.django_db
def test_csp_dispatch_page_keeps_its_htmx_config_and_turns_off_indicator_styles(
    login, customer_manager
):
    html = login(customer_manager).get(reverse("dispatch:index")).content.decode()
    configs = re.findall(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert len(configs) == 1  # htmx reads the first one only
    assert '"includeIndicatorStyles":false' in configs[0]
    assert '"responseHandling"' in configs[0]


def test_csp_scan_finds_what_the_policy_refuses():
    """The scanner itself: each kind of offence is caught, the allowed forms are not."""
    bad = """
      <script>alert(1)</script>
      <button onclick="go()">x</button>
      <a hx-get="/x" hx-on::before-request="y()">x</a>
      <div style="width: 1%"></div>
      <style>.x { color: red }</style>
      <a href="javascript:void(0)">x</a>
    """
    assert len(_offences(bad)) == 6
    good = """
      {# <script>alert(1)</script> #}
      <script src="/static/js/app.js"></script>
      <script id="x" type="application/json">{}</script>
      <button data-print data-confirm="Sure?" class="online">x</button>
    """
    assert _offences(good) == []


def test_csp_no_template_has_inline_script_handler_or_style():
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert len(templates) > 100
    offences = {
        str(path.relative_to(TEMPLATES)): found
        for path in templates
        if (found := _offences(path.read_text(encoding="utf-8")))
    }
    assert offences == {}
