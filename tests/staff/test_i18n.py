"""The UI speaks Chinese by default; every message has a zh_Hans translation."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

PO_FILE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_no_untranslated_or_fuzzy_zh_hans_message():
    po = polib.pofile(str(PO_FILE))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_is_current():
    mo = PO_FILE.with_suffix(".mo")
    compiled = {entry.msgid for entry in polib.mofile(str(mo))}
    source = {entry.msgid for entry in polib.pofile(str(PO_FILE)) if entry.msgstr}
    assert source - compiled == set(), "run: manage.py compilemessages"


SKIP_DIRS = {".venv", ".git", "static", "staticfiles", "tests", "node_modules", "__pycache__"}


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext tools are not installed")
def test_every_source_string_is_in_the_catalogue(tmp_path, monkeypatch):
    """Re-extract the strings from a scratch copy of the code and compare with the catalogue."""
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(
        base, copy, ignore=lambda d, names: [n for n in names if Path(d) == base and n in SKIP_DIRS]
    )
    monkeypatch.chdir(copy)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [copy / "locale"])
    call_command("makemessages", locale=["zh_Hans"], verbosity=0)
    extracted = {entry.msgid for entry in polib.pofile(str(copy / PO_FILE.relative_to(base)))}
    source = {entry.msgid for entry in polib.pofile(str(PO_FILE))}
    assert extracted - source == set(), "run: manage.py makemessages -l zh_Hans, then translate"


@pytest.mark.django_db
def test_pages_are_chinese_by_default_and_english_on_request(login, front_desk):
    client = login(front_desk)
    assert "首页" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert ">Home<" in body and "首页" not in body


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_the_person_switches(login, front_desk):
    client = login(front_desk)
    assert "首页" in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()


@pytest.mark.django_db
def test_browser_language_is_followed_when_configured(settings, login, front_desk):
    settings.LANGUAGE_FROM_BROWSER = True
    body = login(front_desk).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert ">Home<" in body
