"""The agreement as documents of the register (``documents/``), in Polish: the approved
version issued for signing, and the signed agreement whose last page is the certificate of
signatures (each signatory, organisation, role, time, method and the version's SHA-256)."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from directory.roles import is_staff
from documents.services import letterhead

from .constants import AGREEMENT_DOCUMENT, SIGNED_AGREEMENT_DOCUMENT, RepresentationRule
from .models import AgreementSignature, AgreementVersion

NBSP = "\u00a0"


def format_pln(value) -> str:
    """``12 500,00 zł`` (non-breaking spaces), as Polish documents write amounts."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    whole, _sep, cents = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{'-' if amount < 0 else ''}{NBSP.join(groups)},{cents}{NBSP}zł"


def _date(value: str):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def build_agreement_context(version: AgreementVersion, *, signed: bool = False) -> dict[str, Any]:
    """Everything the agreement template shows, rebuilt from the version (and, for the signed
    agreement, from its signatures)."""
    agreement = version.agreement
    case = agreement.case
    with translation.override("pl"):
        rules = {value: str(label) for value, label in RepresentationRule.choices}
        parties = [
            {
                **row,
                "money": format_pln(row["contribution_money"])
                if row.get("contribution_money")
                else "",
                "rule": rules.get(row.get("representation"), row.get("representation", "")),
            }
            for row in version.parties
        ]
        signatures = []
        if signed:
            for s in (
                AgreementSignature.objects.filter(version=version)
                .select_related("party__organisation")
                .order_by("-party__is_leader", "party_id", "signed_at", "pk")
            ):
                signatures.append(
                    {
                        "name": s.signer_name,
                        "organisation": s.party.organisation.name,
                        "role": s.signer_role,
                        "signed_at": s.signed_at,
                        "method": str(s.get_method_display()),
                        "certificate": s.certificate,
                    }
                )
    return {
        "title": ("Porozumienie partnerskie" + (" — egzemplarz podpisany" if signed else "")),
        "reference": case.number,
        "case": case,
        "version": version,
        "issuer": letterhead()["body"],
        "parties": parties,
        "start": _date(version.start_date),
        "end": _date(version.end_date),
        "signed": signed,
        "signatures": signatures,
        "approver": version.approved_by,
        "approved_at": version.approved_at,
    }


def _may_manage(user, version) -> bool:
    return is_staff(user)


def _reference(version) -> str:
    return version.agreement.case.number


def register() -> None:
    from documents.registry import register_document_kind

    register_document_kind(
        AGREEMENT_DOCUMENT,
        template="agreement/agreement_pdf.html",
        build_context=build_agreement_context,
        label=_("partnership agreement (for signing)"),
        may_manage=_may_manage,
        reference=_reference,
        file_prefix="porozumienie",
    )
    register_document_kind(
        SIGNED_AGREEMENT_DOCUMENT,
        template="agreement/agreement_pdf.html",
        build_context=lambda version: build_agreement_context(version, signed=True),
        label=_("partnership agreement (signed)"),
        may_manage=_may_manage,
        reference=_reference,
        file_prefix="porozumienie-podpisane",
        # The final PDF, with the certificate of signatures: sealed when a key is configured.
        sealed=True,
    )


def publication_consented(version: AgreementVersion) -> bool:
    """Did every party of ``version`` (the parties it froze, who signed it) consent to
    publishing its PDF? A party that joined later (an annex) neither blocks nor enables it;
    one that withdrew later still counts for the version it signed."""
    organisations = {row.get("organisation") for row in version.parties}
    if not organisations:
        return False
    rows = version.agreement.parties.filter(organisation_id__in=organisations)
    consented = set(rows.filter(publish_consent=True).values_list("organisation_id", flat=True))
    return consented == organisations


def agreement_document_request(*, version: AgreementVersion, actor: Any, signed: bool):
    """Queue the agreement's PDF (in the caller's transaction): for signing, or signed with
    the certificate of signatures. The signed one is public when every party of the version
    consented (``publication_consented``)."""
    from documents.services import document_request

    kind = SIGNED_AGREEMENT_DOCUMENT if signed else AGREEMENT_DOCUMENT
    public = signed and publication_consented(version)
    return document_request(
        kind=kind, source=version, actor=actor, key=f"{kind}:{version.pk}", public=public
    )


def agreement_documents_for(version: AgreementVersion, *, signed: bool):
    """The newest document of ``version``: for signing, or signed."""
    from django.contrib.contenttypes.models import ContentType

    from documents.models import Document

    return (
        Document.objects.filter(
            source_type=ContentType.objects.get_for_model(AgreementVersion),
            source_id=version.pk,
            kind=SIGNED_AGREEMENT_DOCUMENT if signed else AGREEMENT_DOCUMENT,
        )
        .order_by("-version")
        .first()
    )


def agreement_documents(case) -> list:
    from django.contrib.contenttypes.models import ContentType

    from documents.models import Document

    versions = AgreementVersion.objects.filter(agreement_id=case.pk).values("pk")
    return list(
        Document.objects.filter(
            source_type=ContentType.objects.get_for_model(AgreementVersion),
            source_id__in=versions,
            kind__in=[AGREEMENT_DOCUMENT, SIGNED_AGREEMENT_DOCUMENT],
        ).order_by("source_id", "kind", "version")
    )


def agreement_documents_visible(case, user) -> list:
    """The agreement's documents the user may see (the register's own rule)."""
    from documents.permissions import visible_documents

    return visible_documents(user, agreement_documents(case))
