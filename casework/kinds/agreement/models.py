"""The agreement detail of a case, its parties (with their obligations, contributions,
representation rule and consent to publish), the frozen versions the parties sign, and the
signatures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case, FrozenVersion

from .constants import SIGNERS_REQUIRED, RepresentationRule, SignatureMethod

#: The agreement's own text: edited by the leader, frozen with each version.
TEXT_FIELDS = (
    "notice_days",
    "goals",
    "scope",
    "governance",
    "start_date",
    "end_date",
    "personal_data",
    "joining_rules",
    "withdrawal_rules",
    "contacts",
)


class Agreement(models.Model):
    """What the leader (the case's requesting organisation) drafts with the parties."""

    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="agreement",
    )
    goals = models.TextField(_("goals"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    governance = models.TextField(
        _("governance"), blank=True, help_text=_("Who leads, how the parties decide together.")
    )
    start_date = models.DateField(_("in force from"), null=True, blank=True)
    end_date = models.DateField(_("in force until"), null=True, blank=True)
    personal_data = models.TextField(
        _("personal-data arrangements"),
        blank=True,
        help_text=_("Who controls which personal data, and on what terms they are shared."),
    )
    joining_rules = models.TextField(_("joining the partnership"), blank=True)
    withdrawal_rules = models.TextField(
        _("withdrawal and notice"),
        blank=True,
        help_text=_("How a party withdraws and its notice period."),
    )
    contacts = models.TextField(_("contacts"), blank=True)
    notice_days = models.PositiveSmallIntegerField(
        _("notice period (days)"),
        default=90,
        help_text=_("How long after a party's notice the agreement ends."),
    )
    #: The day the agreement ends after a party's notice (``tick`` ends it then).
    terminates_on = models.DateField(_("ends by notice on"), null=True, blank=True)
    #: What the annex being drafted changes (frozen into its version).
    annex_summary = models.TextField(_("what the annex changes"), blank=True)
    current_version = models.ForeignKey(
        "AgreementVersion",
        verbose_name=_("current version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The version the parties signed last (the agreement's text in force, or that was).
    in_force_version = models.ForeignKey(
        "AgreementVersion",
        verbose_name=_("version in force"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The date by which the parties sign the current version (set on approval).
    signing_due = models.DateField(_("sign by"), null=True, blank=True)
    signing_reminded = models.BooleanField(default=False, editable=False)
    #: Where the agreement came from (an advisory case on cooperation), kept both ways.
    origin_case = models.ForeignKey(
        Case,
        verbose_name=_("started from case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")

    def __str__(self):
        return str(self.case)

    def text(self) -> dict:
        """The agreement's text as a version freezes it (dates as ISO text)."""
        content = {}
        for name in TEXT_FIELDS:
            value = getattr(self, name)
            content[name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
        return content

    def active_parties(self):
        """The parties of the text being drafted or signed: not those that left by an annex
        in force (kept, with the date), nor one an annex being drafted withdraws."""
        return self.parties.filter(left_at__isnull=True, withdrawing=False)

    def ordered_parties(self):
        return self.active_parties().select_related("organisation").order_by("-is_leader", "pk")


class AgreementParty(models.Model):
    """A party to the agreement (the leader too): its obligations, contribution,
    representation rule and consent to publish the PDF. Its members see the case from
    review on through ``casework.models.CaseParty`` (the leader through the requesting
    organisation)."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("partnership agreement"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    is_leader = models.BooleanField(_("leader"), default=False)
    obligations = models.TextField(_("obligations"), blank=True)
    contribution_money = models.DecimalField(
        _("financial contribution (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    contribution_in_kind = models.TextField(_("contribution in kind"), blank=True)
    representation = models.CharField(
        _("representation rule"),
        max_length=16,
        choices=RepresentationRule.choices,
        default=RepresentationRule.ANY_ONE,
    )
    representation_note = models.CharField(
        _("representation details"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the power of attorney of a proxy: its number, scope and dates."),
    )
    publish_consent = models.BooleanField(
        _("consents to publishing the agreement's PDF"), default=False
    )
    #: The version whose signature by this party is complete, and when.
    signed_version = models.ForeignKey(
        "AgreementVersion",
        verbose_name=_("signed version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signature complete"), null=True, blank=True)
    #: When the party left the partnership (an annex that withdrew it came into force).
    left_at = models.DateTimeField(_("withdrew"), null=True, blank=True)
    #: The annex being drafted withdraws the party (it leaves when the annex is in force).
    withdrawing = models.BooleanField(_("withdraws by the annex"), default=False)

    class Meta:
        verbose_name = _("party to an agreement")
        verbose_name_plural = _("parties to agreements")
        ordering = ["agreement", "-is_leader", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="agreement_party_unique"
            )
        ]

    def __str__(self):
        return f"{self.agreement_id}: {self.organisation_id}"

    @property
    def signers_required(self) -> int:
        return SIGNERS_REQUIRED.get(self.representation, 1)

    def frozen(self) -> dict:
        """The party as a version freezes it."""
        money = self.contribution_money
        return {
            "organisation": self.organisation_id,
            "name": self.organisation.name,
            "leader": self.is_leader,
            "obligations": self.obligations,
            "contribution_money": f"{money:.2f}" if money is not None else "",
            "contribution_in_kind": self.contribution_in_kind,
            "representation": self.representation,
            "representation_note": self.representation_note,
        }


class AgreementVersion(FrozenVersion):
    """The agreement frozen when sent for approval: its text and its parties. The parties
    sign exactly this version (by its SHA-256)."""

    content_fields = (*TEXT_FIELDS, "title", "parties", "annex_summary")
    owner_field = "agreement"

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("partnership agreement"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    title = models.CharField(_("title"), max_length=300)
    goals = models.TextField(_("goals"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    governance = models.TextField(_("governance"), blank=True)
    start_date = models.CharField(_("in force from"), max_length=10, blank=True)
    end_date = models.CharField(_("in force until"), max_length=10, blank=True)
    personal_data = models.TextField(_("personal-data arrangements"), blank=True)
    joining_rules = models.TextField(_("joining the partnership"), blank=True)
    withdrawal_rules = models.TextField(_("withdrawal and notice"), blank=True)
    contacts = models.TextField(_("contacts"), blank=True)
    notice_days = models.CharField(_("notice period (days)"), max_length=5, blank=True)
    #: ``[{"organisation", "name", "leader", "obligations", ...}]``, copied from the parties.
    parties = models.JSONField(_("parties"), default=list)
    #: An annex: what it changes (empty for the first version).
    annex_summary = models.TextField(_("what the annex changes"), blank=True)

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_unique")
        ]

    def __str__(self):
        return f"{self.agreement_id} v{self.number}"

    @classmethod
    def canonical_of(cls, content: dict) -> bytes:
        """The parties enter the fingerprint as canonical JSON text (sorted keys)."""
        content = dict(content)
        content["parties"] = cls.rows_text(content.get("parties"))
        return super().canonical_of(content)


def signed_file_path(signature, filename: str) -> str:
    """Signed copies are stored by agreement, under the SHA-256 of their content."""
    return f"agreements/{signature.version.agreement_id}/signed/{filename}"


class AgreementSignature(models.Model):
    """One representative's signature of one version for one party: a logged acceptance of
    the version's SHA-256, or an uploaded PDF signed with a qualified signature. Recorded
    once per person, party and version."""

    party = models.ForeignKey(
        AgreementParty,
        verbose_name=_("party"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    membership = models.ForeignKey(
        "directory.Membership",
        verbose_name=_("membership of the signature"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The signer's name and role as they were at signing (for the certificate).
    signer_name = models.CharField(_("signatory"), max_length=200)
    signer_role = models.CharField(_("role"), max_length=100, blank=True)
    method = models.CharField(
        _("method"),
        max_length=16,
        choices=SignatureMethod.choices,
        default=SignatureMethod.ACCEPTANCE,
    )
    sha256 = models.CharField(_("SHA-256 of the signed version"), max_length=64)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    #: For an uploaded signature: the certificate's subject and fingerprint.
    certificate = models.JSONField(_("signing certificate"), default=dict, blank=True)
    #: For an uploaded signature: the signed PDF as the signatory uploaded it.
    signed_file = models.FileField(
        _("signed PDF"), upload_to=signed_file_path, blank=True, max_length=200
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["party", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "version", "signer"], name="agreement_signature_unique"
            )
        ]

    def __str__(self):
        return f"{self.party_id} v{self.version_id}: {self.signer_id}"
