"""The one place that talks HTTP to receivers (standard library: no HTTP client is installed)."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit

READ_LIMIT = 2048


def post(url: str, body: bytes, headers: dict, *, timeout: float) -> tuple[int, str]:
    """POST `body`; (status code, start of the answer). An HTTP error status is returned, not
    raised; a network failure (refused, timeout, DNS) raises for the caller to record."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"Only http and https receivers are supported, not {url!r}")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - checked above
            return response.status, _read(response)
    except urllib.error.HTTPError as error:
        return error.code, _read(error)


def _read(response) -> str:
    try:
        return response.read(READ_LIMIT).decode("utf-8", errors="replace")
    except OSError:
        return ""
