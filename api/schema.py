"""The OpenAPI schema's shared parts: the problem-details body every operation may answer
with, and the description in the request's language (``?lang=pl`` or ``?lang=en``)."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {},
    },
    "required": ["type", "title", "status", "detail"],
}

#: The error answers each operation may give; 401/403 only where a user is asked for.
PUBLIC_ERRORS = ("400", "404", "405", "406", "415", "429")
STAFF_ERRORS = (*PUBLIC_ERRORS, "401", "403", "409")


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    result["info"]["description"] = _(
        "Open data of the social-economy programme (registry of entities, events, good "
        "practices, indicators) and the staff API: cases, events and their registrations as "
        "the pages show them to the token's user, and the cases' transitions."
    )
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in result.get("paths", {}).items():
        codes = PUBLIC_ERRORS if path.startswith("/api/public/") else STAFF_ERRORS
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": _("Problem details (RFC 9457)"),
                        "content": {"application/problem+json": {"schema": ref}},
                    },
                )
    return result


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _("A personal API token (created under /api/tokens/)."),
        }
