"""Every error the API returns has one shape: {"errors": [{"field", "code", "message"}]}.

Messages are in the firm's language (Chinese unless configured otherwise), codes are stable
English words an integrator can branch on."""

from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def error(field: str | None, code: str, message: str) -> dict:
    return {"field": field, "code": str(code), "message": str(message)}


def flatten(details, field: str | None = None) -> list[dict]:
    """DRF's nested error details (get_full_details) as a flat list; nested fields are
    dotted (`records.3.start_time`)."""
    if isinstance(details, dict) and set(details) == {"message", "code"}:
        return [error(field, details["code"], details["message"])]
    if isinstance(details, dict):
        out = []
        for name, value in details.items():
            name = None if name in ("non_field_errors", "detail") else name
            out += flatten(value, f"{field}.{name}" if field and name else (name or field))
        return out
    if isinstance(details, list):
        out = []
        for index, value in enumerate(details):
            nested = isinstance(value, dict) and set(value) != {"message", "code"}
            out += flatten(value, f"{field}.{index}" if nested and field else field)
        return out
    return [error(field, "invalid", details)]


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.APIException):
        response.data = {"errors": flatten(exc.get_full_details())}
    return response
