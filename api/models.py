"""Personal API tokens and the log of their use.

Only the SHA-256 of a token's secret is stored: the secret is shown once, when it is made,
and a leaked database row does not let anyone in. A token has a scope (``read`` or ``act``)
and an expiry; revoking it keeps the row, so its log stays readable."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: What a secret starts with, so that scanners and people recognise one.
SECRET_PREFIX = "esf_"  # noqa: S105 (a marker, not a secret)


class TokenScope(models.TextChoices):
    READ = "read", _("read")
    ACT = "act", _("read and act")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Neither revoked nor expired: the only tokens that authenticate."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    #: The secret's first characters, shown in the list so the user can tell tokens apart.
    prefix = models.CharField(_("beginning of the secret"), max_length=12, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user, name: str, scope: str, expires_at) -> tuple["ApiToken", str]:
        """A new token and its secret; the secret is not kept anywhere."""
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            scope=scope,
            expires_at=expires_at,
            prefix=secret[:10],
            secret_hash=hash_secret(secret),
        )
        return token, secret

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ApiTokenUse(models.Model):
    """One request authenticated by a token (one insert per request, nothing read back)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=300)

    class Meta:
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.method} {self.path}"
