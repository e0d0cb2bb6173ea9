from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

KIND = "agreement"
#: The translation context of the status labels (Polish agrees with "porozumienie", neuter:
#: "zawarte", "wygasłe").
STATUS_CONTEXT = "agreement status"
#: The document kinds: the approved version issued for signing, and the signed agreement
#: with its certificate of signatures (the in-force PDF).
AGREEMENT_DOCUMENT = "agreement"
SIGNED_AGREEMENT_DOCUMENT = "agreement_signed"
#: Days the parties have to sign an approved version (a deployment may set
#: ``ESFLOW_AGREEMENT_SIGNING_DAYS``).
DEFAULT_SIGNING_DAYS = 30
#: Reminders before the signing deadline, and before the end of an agreement in force.
SIGNING_REMINDER_DAYS = 7
EXPIRY_REMINDER_DAYS = (60, 30)


class AgreementStatus(models.TextChoices):
    """The states of a partnership agreement (DESIGN.md, "Partnership agreement"), with
    "awaiting information": the reviewer's question is with the leader."""

    DRAFT = "draft", pgettext_lazy(STATUS_CONTEXT, "draft")
    IN_REVIEW = "in_review", pgettext_lazy(STATUS_CONTEXT, "in review")
    AWAITING_INFO = "awaiting_info", pgettext_lazy(STATUS_CONTEXT, "awaiting information")
    IN_APPROVAL = "in_approval", pgettext_lazy(STATUS_CONTEXT, "in approval")
    SIGNING = "signing", pgettext_lazy(STATUS_CONTEXT, "being signed")
    IN_FORCE = "in_force", pgettext_lazy(STATUS_CONTEXT, "in force")
    #: An annex is being drafted; the agreement stays in force as last signed.
    AMENDING = "amending", pgettext_lazy(STATUS_CONTEXT, "annex in preparation")
    EXPIRED = "expired", pgettext_lazy(STATUS_CONTEXT, "expired")
    TERMINATED = "terminated", pgettext_lazy(STATUS_CONTEXT, "terminated")
    REJECTED = "rejected", pgettext_lazy(STATUS_CONTEXT, "rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy(STATUS_CONTEXT, "withdrawn")


#: States in which a signed agreement is no longer binding.
ENDED_STATES = frozenset({AgreementStatus.EXPIRED, AgreementStatus.TERMINATED})


class RepresentationRule(models.TextChoices):
    """How a party is represented (DOMAIN.md, "Reprezentacja"): recorded per party; its
    signature is complete when the rule is met, not at the first signer."""

    ANY_ONE = "any_one", _("any one authorised representative")
    TWO_JOINTLY = "two_jointly", _("two authorised representatives jointly")
    PROXY = "proxy", _("a proxy with a power of attorney")


#: How many distinct signers each rule needs.
SIGNERS_REQUIRED = {
    RepresentationRule.ANY_ONE: 1,
    RepresentationRule.TWO_JOINTLY: 2,
    RepresentationRule.PROXY: 1,
}


class SignatureMethod(models.TextChoices):
    ACCEPTANCE = "acceptance", _("logged acceptance in esflow")
    QUALIFIED = "qualified", _("qualified electronic signature or trusted profile (PAdES)")
