"""A token's scope: ``read`` tokens may only read; ``act`` tokens may also run transitions.
A signed-in session is the user on the pages and is not limited by a scope."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .models import ApiToken, TokenScope


class TokenScopeAllows(permissions.BasePermission):
    message = _("This API token may only read: acting needs a token with the “act” scope.")

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        if request.method in permissions.SAFE_METHODS:
            return True
        return token.scope == TokenScope.ACT


class SessionOnly(permissions.BasePermission):
    """Tokens are managed from a signed-in session only: a token cannot mint tokens."""

    message = _("API tokens are managed only when signed in on the site, not with a token.")

    def has_permission(self, request, view):
        return request.user.is_authenticated and not isinstance(request.auth, ApiToken)
