"""``Authorization: Bearer <secret>``: the secret's hash finds a usable token of an active
user; every request it authenticates is logged. A wrong, revoked or expired token is a 401,
never a silent fall-back to anonymous."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken, ApiTokenUse, hash_secret

INVALID_TOKEN = _("The API token is invalid, revoked or expired.")


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        try:
            secret = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from None
        token = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(secret_hash=hash_secret(secret), user__is_active=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        ApiTokenUse.objects.create(token=token, method=request.method[:8], path=request.path[:300])
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
