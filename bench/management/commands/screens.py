"""Screenshots of each demo role's home at 1366 and 390 px, into docs/screens/ (issue 15).

Tooling, not the product: it migrates and seeds the demo firm into a scratch SQLite file, serves
it with `runserver` on a free local port, signs in as each demo login through the real login form
and saves `<login>-1366.png` and `<login>-390.png` with Playwright driving Debian's Chromium
(never a downloaded browser). Run it again after a change to the shell or a home page:

    make screens                               # every role, into docs/screens/
    make screens ARGS="--logins gm hr"         # only these
    make screens ARGS="--logins hr --paths /attendance/pay/ --out /tmp/shots"   # other pages

With `--paths`, each login's pages are saved as `<login>-<path as words>-<width>.png` (the
home is not taken then).
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - the demo firm's published password (README)
LOGINS = (
    "frontdesk",
    "agent",
    "cmanager",
    "dmanager",
    "designer",
    "store",
    "mktmanager",
    "sales",
    "engineer",
    "hr",
    "gm",
)
WIDTHS = {1366: 900, 390: 844}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.5)
    raise CommandError(f"the scratch server did not answer at {url}")


class Command(BaseCommand):
    help = "Save each demo role's home at 1366 and 390 px into docs/screens/ (scratch demo DB)."

    def add_arguments(self, parser):
        parser.add_argument("--logins", nargs="*", default=list(LOGINS))
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "screens"))
        parser.add_argument("--language", default="zh-hans")
        parser.add_argument("--paths", nargs="*", default=[], help="pages instead of the home")

    def handle(self, *args, logins, out, language, paths, **options):
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise CommandError("Playwright is needed (pip install -r requirements.txt)") from exc
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="screens-") as scratch:
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{Path(scratch) / 'demo.sqlite3'}",
                "DJANGO_DEBUG": "1",
            }
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            for step in (["migrate", "--noinput"], ["seed_demo"]):
                self.stdout.write(f"scratch demo: {' '.join(step)}")
                subprocess.run([*manage, *step], env=env, check=True, capture_output=True)
            port = _free_port()
            server = subprocess.Popen(  # noqa: S603 - our own manage.py
                [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            base = f"http://127.0.0.1:{port}"
            try:
                _wait_until_up(f"{base}/accounts/login/")
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(
                        executable_path=CHROMIUM, args=CHROMIUM_ARGS
                    )
                    try:
                        for login in logins:
                            self._shoot(browser, base, login, language, out_dir, paths)
                    finally:
                        browser.close()
            finally:
                server.terminate()
                server.wait(timeout=10)

    def _shoot(
        self, browser, base: str, login: str, language: str, out_dir: Path, paths: list[str]
    ) -> None:
        for width, height in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale=language
            )
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            page = context.new_page()
            page.goto(f"{base}/accounts/login/")
            page.fill("#id_username", login)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("[data-testid=login-submit]")
            page.wait_for_url(f"{base}/")
            for url_path in paths or [""]:
                if url_path:
                    page.goto(f"{base}{url_path}")
                page.wait_for_load_state("networkidle")
                path = out_dir / f"{_file_stem(login, url_path)}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                self.stdout.write(f"{path.name}")
            context.close()


def _file_stem(login: str, url_path: str) -> str:
    """The login, then the words of the path: "hr-attendance-pay-sort-month" for "hr" and
    "/attendance/pay/?sort=-month"."""
    words = "".join(c if c.isalnum() else " " for c in url_path).split()
    return "-".join([login, *words])
