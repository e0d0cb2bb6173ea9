"""Registry data on top of ``directory.Organisation``: one ``RegistryEntry`` per PES.

Every write goes through ``directory.registry.services``, which also writes the field-level
history (``RegistryChange``). The public sees an entry only through
``RegistryEntry.objects.public()`` and its fields only through ``PublicProfile``
(``directory.registry.public``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import FOUNDED_KINDS, PES_CATEGORY_OF_KIND, PESCategory, UnitKind
from .constants import (
    AtRiskGroup,
    ChangeSource,
    PKDVersion,
    ProposalStatus,
    PSPurpose,
    RecordSource,
)
from .querysets import RegistryEntryQuerySet


class RegistryEntry(models.Model):
    """The registry record of an organisation that is a social-economy entity."""

    organisation = models.OneToOneField(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="registry_entry",
    )
    # Identity beyond what Organisation holds.
    founding_entity = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("founding entity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="founded_entries",
        help_text=_("For a WTZ, ZAZ, CIS or KIS: the legal person that runs it."),
    )
    other_register = models.CharField(_("other register"), max_length=200, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    # Activity and offer.
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    social_services = models.JSONField(_("social services offered"), default=list, blank=True)
    offer = models.TextField(_("products and services offered"), blank=True)
    ready_for_public_contracts = models.BooleanField(_("ready for public contracts"), default=False)
    # Record metadata.
    source = models.CharField(
        _("record source"), max_length=16, choices=RecordSource.choices, default=RecordSource.MANUAL
    )
    last_verified_on = models.DateField(_("last verified"), null=True, blank=True)
    # Consent to publish: the entry as a whole, then each field group.
    published = models.BooleanField(_("consent to publish the entry"), default=False)
    consent_address = models.BooleanField(_("publish the address"), default=False)
    consent_contact = models.BooleanField(_("publish the contact"), default=False)
    consent_activity = models.BooleanField(_("publish the activity"), default=False)
    consent_employment = models.BooleanField(_("publish employment"), default=False)
    consent_offer = models.BooleanField(_("publish the offer"), default=False)
    consent_ps_status = models.BooleanField(_("publish the PS status"), default=False)
    # Denormalised by the services, for filters and search.
    kind = models.CharField(_("legal form"), max_length=32, editable=False, db_index=True)
    pes_category = models.CharField(
        _("PES category"), max_length=1, choices=PESCategory.choices, editable=False, blank=True
    )
    powiat_code = models.CharField(_("powiat"), max_length=4, editable=False, blank=True)
    gmina_code = models.CharField(_("gmina"), max_length=7, editable=False, blank=True)
    is_social_enterprise = models.BooleanField(
        _("social enterprise (PS)"), default=False, editable=False
    )
    sort_key = models.CharField(max_length=250, editable=False, blank=True, db_index=True)
    name_folded = models.CharField(max_length=300, editable=False, blank=True)
    #: " care gastronomy ": lets both databases filter a list by a word.
    sector_index = models.CharField(max_length=300, editable=False, blank=True)
    #: What the public search looks in: only fields the entity agreed to publish. On
    #: PostgreSQL a generated ``search_vector`` column (migration 0003) indexes it.
    search_document = models.TextField(editable=False, blank=True)
    #: The same words folded in Python, for SQLite's prefix matching.
    search_folded = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("registry entry")
        verbose_name_plural = _("registry entries")
        ordering = ["sort_key"]
        indexes = [
            models.Index(fields=["published", "powiat_code"]),
            models.Index(fields=["published", "pes_category"]),
        ]

    def __str__(self):
        return str(self.organisation)

    @property
    def needs_founding_entity(self) -> bool:
        return self.kind in FOUNDED_KINDS

    def derive(self) -> None:
        """Refresh the denormalised columns from the organisation and the PS status."""
        from .textsearch import fold, polish_sort_key

        org = self.organisation
        self.kind = org.kind
        self.pes_category = PES_CATEGORY_OF_KIND.get(org.kind, "")
        gmina = org.gmina
        self.gmina_code = gmina.code if gmina else ""
        self.powiat_code = gmina.code[:4] if gmina else ""
        self.sort_key = polish_sort_key(org.name)
        self.name_folded = fold(org.name)[:300]
        self.sector_index = " " + " ".join(sorted(self.sectors or [])) + " "


class PlaceOfActivity(models.Model):
    """A further place where the entity works, besides its seat."""

    entry = models.ForeignKey(
        RegistryEntry, on_delete=models.CASCADE, related_name="places", verbose_name=_("entry")
    )
    label = models.CharField(_("description"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    locality = models.CharField(_("locality"), max_length=120)
    gmina = models.ForeignKey(
        "directory.TerritorialUnit",
        verbose_name=_("gmina"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": UnitKind.GMINA},
    )

    class Meta:
        verbose_name = _("place of activity")
        verbose_name_plural = _("places of activity")
        ordering = ["pk"]

    def __str__(self):
        return ", ".join(p for p in (self.street, self.postal_code, self.locality) if p)


class EntryPKD(models.Model):
    """A PKD subclass of an entity, with the classification version it belongs to."""

    entry = models.ForeignKey(
        RegistryEntry, on_delete=models.CASCADE, related_name="pkd_codes", verbose_name=_("entry")
    )
    version = models.CharField(_("PKD version"), max_length=4, choices=PKDVersion.choices)
    code = models.CharField(_("PKD code"), max_length=7)
    is_main = models.BooleanField(_("main activity"), default=False)

    class Meta:
        verbose_name = _("PKD code")
        verbose_name_plural = _("PKD codes")
        ordering = ["-is_main", "version", "code"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "version", "code"], name="entry_pkd_unique")
        ]

    def __str__(self):
        return f"{self.code} (PKD {self.version})"

    @property
    def name(self) -> str:
        from . import pkd

        return pkd.name(self.code, self.version)


class EmploymentFigure(models.Model):
    """Employment of an entity as of a date."""

    entry = models.ForeignKey(
        RegistryEntry, on_delete=models.CASCADE, related_name="employment", verbose_name=_("entry")
    )
    as_of = models.DateField(_("as of"))
    headcount = models.PositiveIntegerField(_("employees"))
    fte = models.DecimalField(_("full-time equivalents"), max_digits=7, decimal_places=2)
    #: ``{AtRiskGroup value: number of people}``
    at_risk = models.JSONField(_("people at risk of exclusion by group"), default=dict, blank=True)

    class Meta:
        verbose_name = _("employment figure")
        verbose_name_plural = _("employment figures")
        ordering = ["-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "as_of"], name="employment_one_per_day")
        ]

    def __str__(self):
        return f"{self.as_of}: {self.headcount}"

    @property
    def at_risk_total(self) -> int:
        return sum(int(v) for v in self.at_risk.values())

    @property
    def at_risk_share(self) -> float | None:
        return round(100 * self.at_risk_total / self.headcount, 1) if self.headcount else None

    def at_risk_rows(self) -> list[tuple[str, int]]:
        labels = dict(AtRiskGroup.choices)
        return [(labels.get(k, k), v) for k, v in self.at_risk.items() if v]


class SocialEnterpriseStatus(models.Model):
    """One period of the PS status: granted by a voivode's decision, possibly lost later."""

    entry = models.ForeignKey(
        RegistryEntry,
        on_delete=models.CASCADE,
        related_name="ps_periods",
        verbose_name=_("entry"),
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=PSPurpose.choices)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    final_date = models.DateField(_("date the decision became final"), null=True, blank=True)
    on_art19_list = models.BooleanField(_("entered in the art. 19 list"), default=False)
    last_report_year = models.PositiveSmallIntegerField(
        _("last yearly report (year)"), null=True, blank=True
    )
    lost_on = models.DateField(_("status lost on"), null=True, blank=True)
    loss_reason = models.CharField(_("reason for losing the status"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("PS status period")
        verbose_name_plural = _("PS status periods")
        ordering = ["-decision_date"]

    def __str__(self):
        return self.decision_number

    @property
    def is_current(self) -> bool:
        return self.lost_on is None


class RegistryChange(models.Model):
    """One changed field of an entry: who, when, old → new. Written by the services only."""

    entry = models.ForeignKey(
        RegistryEntry, on_delete=models.CASCADE, related_name="changes", verbose_name=_("entry")
    )
    field = models.CharField(_("field"), max_length=64)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=16, choices=ChangeSource.choices)
    proposal = models.ForeignKey(
        "ChangeProposal",
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applied_changes",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registry change")
        verbose_name_plural = _("registry changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["entry", "changed_at"])]

    def __str__(self):
        return f"{self.field}: {self.old_value} → {self.new_value}"


class ChangeProposal(models.Model):
    """A representative's proposed update of their own entry, reviewed by a coordinator."""

    entry = models.ForeignKey(
        RegistryEntry, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("entry")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: ``{field: [old value, new value]}`` as text, frozen when the proposal is made.
    changes = models.JSONField(_("changes"))
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
        editable=False,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.entry} ({self.get_status_display()})"


__all__ = [
    "ChangeProposal",
    "EmploymentFigure",
    "EntryPKD",
    "PlaceOfActivity",
    "RegistryChange",
    "RegistryEntry",
    "SocialEnterpriseStatus",
]


def _territorial_unit_changed(**kwargs) -> None:
    """The public search caches the region's powiats and gminas (``place_choices``):
    drop that copy now and, inside a transaction, again once it commits, so that a
    request served meanwhile cannot keep the old list."""
    from django.db import transaction

    from .querysets import forget_place_choices

    forget_place_choices()
    transaction.on_commit(forget_place_choices)


models.signals.post_save.connect(
    _territorial_unit_changed, sender="directory.TerritorialUnit", dispatch_uid="registry_places"
)
models.signals.post_delete.connect(
    _territorial_unit_changed, sender="directory.TerritorialUnit", dispatch_uid="registry_places"
)
