"""Errors as problem details (RFC 9457, ``application/problem+json``): ``type``, ``title``,
``status``, ``detail`` (and ``errors`` for invalid input), in the request's language
(LocaleMiddleware has activated it; DRF's messages and ours are translated)."""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        400: _("Invalid request"),
        401: _("Authentication required"),
        403: _("Forbidden"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
    }


def problem(status: int, detail, *, errors=None, headers=None) -> Response:
    try:
        fallback = HTTPStatus(status).phrase
    except ValueError:
        fallback = ""
    body = {
        "type": "about:blank",
        "title": _titles().get(status, fallback),
        "status": status,
        "detail": str(detail),
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None  # not an API error: a real fault, left to Django (500 page, logged)
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        detail = _("The request's data is invalid.")
        errors = response.data
    elif isinstance(exc, Http404):
        detail = _("Not found.")
    elif isinstance(exc, PermissionDenied):
        detail = _("You do not have permission to perform this action.")
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
    headers = {
        k: v for k, v in response.headers.items() if k in ("WWW-Authenticate", "Retry-After")
    }
    return problem(response.status_code, detail, errors=errors, headers=headers)
