"""The writers of the agreement kind: opening an agreement, editing its text and parties,
freezing it for approval, and signing. State changes go through
``workflows.services.transition_apply``; who may do what is built from
``casework.permissions`` nodes (the rules below only combine them with the agreement's states
and its parties' signing rights)."""

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework import permissions as p
from casework.constants import DRAFT, Channel
from casework.models import Case, CaseEvent, CaseParty
from casework.services import case_create, case_locked, filing_check, refuse
from casework.versions import version_freeze
from directory.models import Membership, Organisation
from directory.roles import REQUESTER_ROLES, is_staff, roles_of
from workflows import calendar
from workflows.actors import system_actor
from workflows.constants import RefusalCode
from workflows.flows import NOTIFY_TOPIC
from workflows.outbox import outbox_add
from workflows.services import transition_apply

from .constants import DEFAULT_SIGNING_DAYS, KIND, SignatureMethod
from .constants import AgreementStatus as S
from .models import TEXT_FIELDS, Agreement, AgreementParty, AgreementSignature, AgreementVersion

ERROR_FILING_NEEDS_DATE = _("Give the date the agreement was received.")
ERROR_FILING_CHANNEL = _(
    "Staff opening an agreement on an organisation's behalf must say how it arrived."
)
ERROR_NOT_EDITABLE = _(
    "Only the leading organisation may edit the agreement, while it is a draft, an annex is "
    "being prepared or the reviewer awaits its answer."
)
ERROR_PARTY_TWICE = _("This organisation is already a party to the agreement.")
ERROR_LEADER_PARTY = _("The leader's own row cannot be removed.")
ERROR_NOT_SIGNING = _("The agreement is not being signed now.")
ERROR_VERSION_CHANGED = _(
    "The version you signed is not the version now being signed (its SHA-256 differs). "
    "Reload the page and read the current version."
)
ERROR_NOT_SIGNATORY = _(
    "Only a current member of this party who may sign for it (an authorised representative) "
    "may sign the agreement for it."
)
ERROR_ALREADY_SIGNED = _("You have already signed this version for this party.")
ERROR_UPLOAD_UNTRUSTED = _(
    "A signed file cannot be accepted here yet: this service has no trusted certification "
    "authorities configured to check qualified signatures against. Sign by acceptance on "
    "this page instead."
)
ERROR_PDF_NOT_READY = _(
    "The PDF issued for signing is not ready yet. Try again in a moment; meanwhile you may "
    "sign by acceptance."
)

#: Events of the case's history written outside a transition (signatures), with their labels.
EVENT_SIGNED = "signed"
EVENT_PARTY_COMPLETE = "party_signature_complete"


def signing_parties(user):
    """Who may sign for which party, written once: the parties (of any agreement) the user may
    sign for now — a current membership with "may sign" in the party's organisation, not a
    party that left or is withdrawing. ``SIGNATORY`` is built on it, and so is
    ``parties_to_sign`` (what the sign page offers and ``agreement_sign`` accepts). None for
    an inactive or anonymous user."""
    s = p.subject_of(user)
    if not s.active:
        return None
    organisations = (
        Membership.objects.current().filter(user_id=s.pk, may_sign=True).values("organisation_id")
    )
    return AgreementParty.objects.filter(
        organisation_id__in=organisations, left_at__isnull=True, withdrawing=False
    )


#: A current "may sign" member of one of the agreement's parties (the leader's too).
SIGNATORY = p.InRelatedTable(signing_parties, "agreement_id", "signatory of a party")
#: The leading side edits the text of a draft, and again while the reviewer awaits it.
EDITS_TEXT = p.all_of(
    p.REQUESTER_SIDE,
    p.any_of(p.StatusIs(S.DRAFT), p.StatusIs(S.AWAITING_INFO), p.StatusIs(S.AMENDING)),
    name="edits the agreement",
)
#: A signatory of a party, while the agreement is being signed.
SIGNS = p.all_of(SIGNATORY, p.StatusIs(S.SIGNING), name="signs the agreement")


def may_create(user) -> bool:
    """A member of any organisation starts an agreement it leads; staff on its behalf."""
    return is_staff(user) or bool(roles_of(user) & REQUESTER_ROLES)


def may_start_from(user: Any, source: Case) -> bool:
    """May ``user`` start an agreement from ``source`` (a filed case of another kind that
    leads to agreements)? Its requesting organisation's members, and staff, who see it."""
    if source.status == DRAFT or not p.can_view(user, source):
        return False
    if is_staff(user):
        return True
    return p.holds(p.REQUESTING_ORGANISATION, user, source) and may_create(user)


def linked_cases(case: Case):
    """The agreements started from ``case``, and the case an agreement was started from."""
    origin = Agreement.objects.filter(pk=case.pk).values("origin_case")
    return Case.objects.filter(Q(agreement__origin_case=case) | Q(pk__in=origin))


def may_edit_agreement(user: Any, case: Case) -> bool:
    return p.holds(EDITS_TEXT, user, case)


def may_sign(user: Any, case: Case) -> bool:
    return p.can_view(user, case) and p.holds(SIGNS, user, case)


def signing_days() -> int:
    return int(getattr(settings, "ESFLOW_AGREEMENT_SIGNING_DAYS", DEFAULT_SIGNING_DAYS))


def signing_membership(user: Any, organisation_id: int) -> Membership | None:
    """The user's current "may sign" membership of the organisation, if any."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return (
        Membership.objects.current()
        .filter(user=user, organisation_id=organisation_id, may_sign=True)
        .order_by("-valid_from", "pk")
        .first()
    )


def parties_to_sign(user: Any, agreement: Agreement, version_id: int | None = None):
    """The parties of ``agreement`` the user may sign ``version_id`` (its current version
    by default) for now: those ``SIGNATORY`` holds through (``signing_parties``), less those
    the user has already signed that version for. The sign page offers exactly these and
    ``agreement_sign`` accepts exactly these (a party whose signature is already complete
    still takes another representative's signature, as it always has)."""
    rows = signing_parties(user)
    if rows is None:
        return AgreementParty.objects.none()
    version_id = agreement.current_version_id if version_id is None else version_id
    signed = AgreementSignature.objects.filter(
        party=OuterRef("pk"), version_id=version_id, signer_id=user.pk
    )
    return (
        rows.filter(agreement_id=agreement.pk)
        .exclude(Exists(signed))
        .select_related("organisation")
        .order_by("-is_leader", "pk")
    )


def _refusal_to_sign(user: Any, agreement: Agreement, version_id: int, party_pk: int):
    """Why ``party_pk`` is not among ``parties_to_sign``: the user signed it already (a
    conflict), or may not sign for it."""
    if AgreementSignature.objects.filter(
        party_id=party_pk, version_id=version_id, signer_id=user.pk
    ).exists():
        return refuse(ERROR_ALREADY_SIGNED, RefusalCode.CONFLICT)
    return refuse(ERROR_NOT_SIGNATORY)


@transaction.atomic
def agreement_create(
    *,
    requesting_organisation: Organisation,
    title: str,
    filed_by: Any,
    channel: str = Channel.ONLINE,
    date_received: datetime.date | None = None,
    origin_case: Case | None = None,
    **text,
) -> Case:
    """Open an agreement draft led by ``requesting_organisation`` (its party row is the
    leader's); staff opening it on the leader's behalf give the channel and the date."""
    filing_check(
        filed_by=filed_by, requesting_organisation=requesting_organisation, channel=channel,
        date_received=date_received, channel_error=ERROR_FILING_CHANNEL,
        date_error=ERROR_FILING_NEEDS_DATE,
    )  # fmt: skip
    case = case_create(
        kind=KIND,
        title=title,
        requesting_organisation=requesting_organisation,
        filed_by=filed_by,
        channel=channel,
        date_received=date_received,
    )
    agreement = Agreement.objects.create(
        case=case,
        origin_case=origin_case,
        **{k: v for k, v in text.items() if k in TEXT_FIELDS},
    )
    AgreementParty.objects.create(
        agreement=agreement, organisation=requesting_organisation, is_leader=True
    )
    return case


@transaction.atomic
def agreement_update(*, case: Case, actor: Any, title: str, **fields) -> Agreement:
    """Save the agreement's text (the leading side, in a draft or when asked)."""
    locked = case_locked(case, ERROR_NOT_EDITABLE)
    if not may_edit_agreement(actor, locked):
        raise refuse(ERROR_NOT_EDITABLE)
    locked.title = title
    locked.save(update_fields=["title", "updated_at"])
    agreement = Agreement.objects.select_for_update().get(pk=locked.pk)
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            setattr(agreement, name, value)
    if "annex_summary" in fields and agreement.in_force_version_id:
        agreement.annex_summary = fields["annex_summary"]
    agreement.save()
    return agreement


PARTY_FIELDS = (
    "obligations",
    "contribution_money",
    "contribution_in_kind",
    "representation",
    "representation_note",
    "publish_consent",
)


@transaction.atomic
def party_add(*, case: Case, actor: Any, organisation: Organisation, **fields) -> AgreementParty:
    """Add a party (not the leader): its row here and its ``CaseParty``, through which its
    members see the agreement once it is filed."""
    locked = case_locked(case, ERROR_NOT_EDITABLE)
    if not may_edit_agreement(actor, locked):
        raise refuse(ERROR_NOT_EDITABLE)
    existing = AgreementParty.objects.filter(agreement_id=locked.pk, organisation=organisation)
    former = existing.filter(Q(left_at__isnull=False) | Q(withdrawing=True)).first()
    if former is None and existing.exists():
        raise refuse(ERROR_PARTY_TWICE, RefusalCode.INVALID)
    if former is not None:  # a party that withdrew earlier joins again
        former.left_at = None
        former.withdrawing = False
        for name, value in fields.items():
            if name in PARTY_FIELDS:
                setattr(former, name, value)
        former.save()
        return former
    party = AgreementParty.objects.create(
        agreement_id=locked.pk,
        organisation=organisation,
        **{k: v for k, v in fields.items() if k in PARTY_FIELDS},
    )
    CaseParty.objects.get_or_create(case=locked, organisation=organisation)
    return party


@transaction.atomic
def party_update(*, case: Case, actor: Any, party: AgreementParty, **fields) -> AgreementParty:
    """Change a party's obligations, contribution, representation or consent."""
    locked = case_locked(case, ERROR_NOT_EDITABLE)
    if not may_edit_agreement(actor, locked):
        raise refuse(ERROR_NOT_EDITABLE)
    row = AgreementParty.objects.select_for_update().get(pk=party.pk, agreement_id=locked.pk)
    for name, value in fields.items():
        if name in PARTY_FIELDS:
            setattr(row, name, value)
    row.save()
    return row


@transaction.atomic
def party_remove(*, case: Case, actor: Any, party: AgreementParty) -> None:
    locked = case_locked(case, ERROR_NOT_EDITABLE)
    if not may_edit_agreement(actor, locked):
        raise refuse(ERROR_NOT_EDITABLE)
    row = AgreementParty.objects.select_for_update().get(pk=party.pk, agreement_id=locked.pk)
    if row.is_leader:
        raise refuse(ERROR_LEADER_PARTY, RefusalCode.INVALID)
    if row.signatures.exists():
        # A party that signed a version withdraws by annex: it stays in that version's record
        # (and its members keep seeing the agreement they were party to).
        row.withdrawing = True
        row.save(update_fields=["withdrawing"])
        return
    CaseParty.objects.filter(case=locked, organisation_id=row.organisation_id).delete()
    row.delete()


def agreement_freeze(*, agreement: Agreement, sent_by: Any) -> AgreementVersion:
    """Freeze the agreement and its parties as the next version (inside
    submit_for_approval); every party's signature starts again for it."""
    version = version_freeze(
        owner=agreement,
        model=AgreementVersion,
        sent_by=sent_by,
        title=agreement.case.title,
        parties=[party.frozen() for party in agreement.ordered_parties()],
        annex_summary=agreement.annex_summary if agreement.in_force_version_id else "",
        **agreement.text(),
    )
    agreement.current_version = version
    agreement.signing_due = None
    agreement.signing_reminded = False
    agreement.save(update_fields=["current_version", "signing_due", "signing_reminded"])
    return version


def signing_open(*, agreement: Agreement) -> None:
    """The approved version goes to the parties: the deadline is set (inside approve)."""
    agreement.signing_due = calendar.today() + datetime.timedelta(days=signing_days())
    agreement.signing_reminded = False
    agreement.save(update_fields=["signing_due", "signing_reminded"])


def signatories_of(agreement: Agreement, *, incomplete_only: bool = False) -> list:
    """The active users who may sign for the parties (of parties not yet complete)."""
    parties = agreement.active_parties()
    if incomplete_only and agreement.current_version_id:
        parties = parties.exclude(signed_version_id=agreement.current_version_id)
    memberships = (
        Membership.objects.current()
        .filter(organisation_id__in=parties.values("organisation_id"), may_sign=True)
        .select_related("user")
        .order_by("user_id")
    )
    seen, users = set(), []
    for m in memberships:
        if m.user.is_active and m.user_id not in seen:
            seen.add(m.user_id)
            users.append(m.user)
    return users


def party_users(agreement: Agreement) -> list:
    """Current active members of every party (the leader too)."""
    memberships = (
        Membership.objects.current()
        .filter(organisation_id__in=agreement.active_parties().values("organisation_id"))
        .select_related("user")
        .order_by("user_id")
    )
    seen, users = set(), []
    for m in memberships:
        if m.user.is_active and m.user_id not in seen:
            seen.add(m.user_id)
            users.append(m.user)
    return users


def notify(case: Case, users, verb: str, key: str) -> None:
    """A notification outside a transition (a signature), once per key and recipient."""
    for user in users:
        outbox_add(
            topic=NOTIFY_TOPIC,
            key=f"agreement.{verb}:{case.pk}:{key}:{user.pk}",
            payload={"case_id": case.pk, "recipient_id": user.pk, "verb": verb},
        )


@transaction.atomic
def agreement_sign(
    *,
    case: Case,
    actor: Any,
    party: AgreementParty,
    sha256: str,
    method: str = SignatureMethod.ACCEPTANCE,
    certificate: dict | None = None,
    publish_consent: bool | None = None,
) -> AgreementSignature:
    """``actor`` signs the current version for ``party``, naming the SHA-256 they read.

    The case row is locked first, then the party's: two representatives signing at once
    are recorded one after the other, each once, and the party is completed once, by the
    signature that meets its representation rule. The last party's completion puts the
    agreement in force, as the system actor, in this same transaction.
    """
    locked = case_locked(case, ERROR_NOT_SIGNING)
    if locked.status != S.SIGNING:
        raise refuse(ERROR_NOT_SIGNING, RefusalCode.CONFLICT)
    if not p.can_view(actor, locked):
        raise refuse(ERROR_NOT_SIGNATORY)
    agreement = Agreement.objects.select_for_update().get(pk=locked.pk)
    version = agreement.current_version
    if version is None or not version.is_approved or sha256 != version.sha256:
        raise refuse(ERROR_VERSION_CHANGED, RefusalCode.CONFLICT)
    row = (
        parties_to_sign(actor, agreement, version.pk)
        .filter(pk=party.pk)
        .select_for_update()
        .first()
    )
    if row is None:
        raise _refusal_to_sign(actor, agreement, version.pk, party.pk)
    membership = signing_membership(actor, row.organisation_id)
    if membership is None:  # the same rule as ``signing_parties``: the membership to record
        raise refuse(ERROR_NOT_SIGNATORY)
    signature = AgreementSignature(
        party=row,
        version=version,
        signer=actor,
        membership=membership,
        signer_name=actor.full_name or actor.email,
        signer_role=str(membership.get_role_display()),
        method=method,
        sha256=version.sha256,
        certificate=certificate or {},
    )
    signature.save()
    if publish_consent is not None and publish_consent != row.publish_consent:
        row.publish_consent = publish_consent
        row.save(update_fields=["publish_consent"])
    CaseEvent.objects.create(
        case=locked,
        actor=actor,
        action=EVENT_SIGNED,
        from_status=locked.status,
        to_status=locked.status,
        data={
            "signature": signature.pk,
            "party": row.pk,
            "version": version.pk,
            "sha256": version.sha256,
            "method": method,
        },
    )
    signers = (
        AgreementSignature.objects.filter(party=row, version=version)
        .values("signer_id")
        .distinct()
        .count()
    )
    if row.signed_version_id != version.pk and signers >= row.signers_required:
        row.signed_version = version
        row.signed_at = timezone.now()
        row.save(update_fields=["signed_version", "signed_at"])
        CaseEvent.objects.create(
            case=locked,
            actor=actor,
            action=EVENT_PARTY_COMPLETE,
            from_status=locked.status,
            to_status=locked.status,
            data={"party": row.pk, "version": version.pk},
        )
        others = [u for u in party_users(agreement) if u.pk != actor.pk]
        notify(locked, others, "party_signed", f"{version.pk}:{row.pk}")
    if not agreement.active_parties().exclude(signed_version=version).exists():
        transition_apply(
            case=locked,
            name="enter_into_force",
            actor=system_actor(),
            expected_status=S.SIGNING,
            data={},
        )
    return signature


def signature_summary(agreement: Agreement) -> list[dict]:
    """Each party with its rule, the signatures of the current version and whether its
    signature is complete (for the case page and the certificate)."""
    version = agreement.current_version
    rows = []
    for party in agreement.ordered_parties():
        signatures = (
            list(party.signatures.filter(version=version).select_related("signer"))
            if version
            else []
        )
        rows.append(
            {
                "party": party,
                "signatures": signatures,
                "complete": version is not None and party.signed_version_id == version.pk,
                "required": party.signers_required,
            }
        )
    return rows


def issued_pdf(version: AgreementVersion) -> bytes | None:
    """The bytes of the PDF issued for signing ``version`` (None while it is rendering)."""
    from .documents import agreement_documents_for

    document = agreement_documents_for(version, signed=False)
    if document is None or not document.is_ready or not document.file:
        return None
    with document.file.open("rb") as f:
        return f.read()


def agreement_sign_upload(
    *,
    case: Case,
    actor: Any,
    party: AgreementParty,
    sha256: str,
    signed: bytes,
    publish_consent: bool | None = None,
) -> AgreementSignature:
    """``actor`` signs for ``party`` by uploading the issued PDF signed with a qualified
    signature or the trusted profile (PAdES). The signature is checked first (outside the
    transaction: pyHanko takes its time); a refused upload stores nothing and says why. Not
    to be called inside a transaction of the caller's (see below)."""
    from documents.signatures import SignatureRefused, verify_signed_copy

    agreement = Agreement.objects.select_related("current_version").get(pk=case.pk)
    version = agreement.current_version
    if version is None or sha256 != version.sha256:
        raise refuse(ERROR_VERSION_CHANGED, RefusalCode.CONFLICT)
    if not parties_to_sign(actor, agreement, version.pk).filter(pk=party.pk).exists():
        raise _refusal_to_sign(actor, agreement, version.pk, party.pk)
    issued = issued_pdf(version)
    if issued is None:
        raise refuse(ERROR_PDF_NOT_READY, RefusalCode.CONFLICT)
    try:
        check = verify_signed_copy(signed=signed, issued=issued)
    except SignatureRefused as refused:
        raise refuse(refused.message, RefusalCode.INVALID) from None
    if not check.trusted:
        # Intact and over this document, but with no trust anchors configured nothing says
        # the certificate is a qualified one: recording it as such would overstate the check.
        raise refuse(ERROR_UPLOAD_UNTRUSTED, RefusalCode.INVALID)
    certificate = {
        "name": check.signer_name,
        "subject": check.signer_subject,
        "issuer": check.signer_issuer,
        "certificate_sha256": check.signer_certificate_sha256,
        "signed_at": check.signed_at.isoformat() if check.signed_at else "",
        "timestamped": check.timestamped,
        "trusted": check.trusted,
        "file_sha256": check.signed_sha256,
        "issued_sha256": check.issued_sha256,
    }
    # The signature is recorded and the file written in one transaction that must be the
    # outermost (``durable``: a caller's transaction could still roll the row back after the
    # file is on disk). The file is written last, once everything else is recorded; if
    # anything fails from then up to and including the commit, it is deleted again.
    storage = AgreementSignature._meta.get_field("signed_file").storage
    written: list[str] = []
    try:
        with transaction.atomic(durable=True):
            signature = agreement_sign(
                case=case,
                actor=actor,
                party=party,
                sha256=sha256,
                method=SignatureMethod.QUALIFIED,
                certificate=certificate,
                publish_consent=publish_consent,
            )
            name = f"{hashlib.sha256(signed).hexdigest()}.pdf"
            signature.signed_file.save(name, ContentFile(signed), save=False)
            written.append(signature.signed_file.name)
            signature.save(update_fields=["signed_file"])
    except BaseException:
        for stored in written:
            storage.delete(stored)
        raise
    return signature
