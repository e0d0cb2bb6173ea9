from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import (
    BODY_KINDS,
    BODY_ROLES,
    MUNICIPAL_KINDS,
    PES_CATEGORY_OF_KIND,
    GminaType,
    MembershipRole,
    OrganisationKind,
    UnitKind,
)
from .querysets import MembershipQuerySet, OrganisationQuerySet
from .validators import validate_krs, validate_nip, validate_regon, validate_terc


class TerritorialUnit(models.Model):
    """A unit of the TERYT TERC register: voivodeship (2 digits), powiat (4), gmina (7)."""

    code = models.CharField(_("TERYT code"), max_length=7, unique=True, validators=[validate_terc])
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    subtype = models.CharField(
        _("type"),
        max_length=16,
        blank=True,
        help_text=_("Gmina: urban, rural or urban-rural; powiat: land powiat or city."),
    )
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("territorial unit")
        verbose_name_plural = _("territorial units")
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self):
        return self.label(self.kind, self.name)

    @staticmethod
    def label(kind: str, name: str) -> str:
        """A unit as people name it ("powiat kielecki"), from its kind and name alone."""
        return TerritorialUnit.label_format(kind) % {"name": name}

    @staticmethod
    def label_format(kind: str) -> str:
        """The translated pattern of ``label`` for a kind (``%(name)s`` is the name)."""
        if kind == UnitKind.POWIAT:
            return str(_("powiat %(name)s"))
        if kind == UnitKind.GMINA:
            return str(_("gmina %(name)s"))
        return "%(name)s"

    @property
    def gmina_type_label(self) -> str:
        return GminaType(self.subtype).label if self.subtype in GminaType.values else ""


class Organisation(models.Model):
    """Any body esflow knows: a gmina or its unit, ROPS, OWES, a PES, a university, a firm,
    the committee itself."""

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    krs = models.CharField(_("KRS"), max_length=10, blank=True, validators=[validate_krs])
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    locality = models.CharField(_("locality"), max_length=120, blank=True)
    gmina = models.ForeignKey(
        TerritorialUnit,
        verbose_name=_("gmina"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        limit_choices_to={"kind": UnitKind.GMINA},
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        if self.gmina_id and self.gmina.kind != UnitKind.GMINA:
            raise ValidationError({"gmina": _("Choose a gmina, not a powiat or voivodeship.")})

    @property
    def is_municipal(self) -> bool:
        return self.kind in MUNICIPAL_KINDS

    @property
    def pes_category(self) -> str:
        return PES_CATEGORY_OF_KIND.get(self.kind, "")


class Membership(models.Model):
    """A user's dated membership of an organisation: the only source of their rights."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    may_sign = models.BooleanField(
        _("may sign for the organisation"),
        default=False,
        help_text=_("An authorised representative who may sign agreements for it."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "-valid_from"]
        indexes = [models.Index(fields=["user", "valid_from", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_dates_in_order",
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        kind = self.organisation.kind if self.organisation_id else None
        if self.role in (MembershipRole.ADVISOR,) and kind not in (
            OrganisationKind.ROPS,
            OrganisationKind.OWES,
        ):
            raise ValidationError({"role": _("Advisors are members of the ROPS or an OWES.")})
        if self.role == MembershipRole.COORDINATOR and kind != OrganisationKind.ROPS:
            raise ValidationError({"role": _("Coordinators are members of the ROPS.")})
        if self.role in BODY_ROLES and kind not in BODY_KINDS:
            raise ValidationError(
                {"role": _("Only the committee and its thematic groups have this role.")}
            )


# The registry of social-economy entities lives in its own module (issue 7).
from .registry.models import *  # noqa: E402, F403
