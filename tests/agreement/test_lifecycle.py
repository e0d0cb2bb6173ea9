"""The agreement's life: three parties (a gmina, an association, an OWES), a question in
review, approval, signing by all three (the association by two board members jointly, the
OWES by uploading a PAdES-signed PDF verified with a test CA), in force, an annex adding a
fourth party, and expiry by tick — every event and notification."""

import datetime

import pytest

from casework.kinds.agreement.constants import AgreementStatus as S
from casework.kinds.agreement.models import AgreementParty, AgreementSignature
from casework.kinds.agreement.public import public_agreements
from casework.kinds.agreement.services import (
    agreement_sign,
    agreement_sign_upload,
    agreement_update,
    party_add,
)
from casework.models import CaseEvent, Notification
from directory.constants import OrganisationKind
from documents.models import Document
from tests.factories import MembershipFactory, OrganisationFactory
from tests.signing_ca import sign_pdf
from workflows import calendar
from workflows.actors import system_actor
from workflows.scheduling import registered_checks

from .conftest import issued_bytes, notified, run

pytestmark = pytest.mark.django_db


def _sign(case, user, organisation):
    case.refresh_from_db()
    party = AgreementParty.objects.get(agreement_id=case.pk, organisation=organisation)
    return agreement_sign(
        case=case, actor=user, party=party, sha256=case.agreement.current_version.sha256
    )


def _tick():
    for check in registered_checks().values():
        check()


def test_lifecycle(
    draft, parties, advisor, committee_member, coordinator, leader_org, association, owes,
    monkeypatch, trusted_ca,
):  # fmt: skip
    draft = run(draft, "submit", parties["clerk"])
    assert draft.number.startswith("PP/")
    assert coordinator in notified(draft, "submitted")
    run(draft, "accept", advisor)
    draft = run(draft, "request_info", advisor, question="Kto prowadzi komitet sterujący?")
    assert draft.status == S.AWAITING_INFO
    assert {parties["wojt"], parties["a"], parties["owes"]} <= notified(draft, "info_requested")
    run(draft, "provide_info", parties["clerk"], answer="Wójt gminy.")
    draft.refresh_from_db()
    assert draft.status == S.IN_REVIEW
    assert advisor in notified(draft, "info_provided")
    run(draft, "submit_for_approval", advisor)
    assert committee_member in notified(draft, "approval_requested")
    draft.refresh_from_db()
    version = draft.agreement.current_version
    assert version.number == 1
    assert version.fingerprint_matches()
    assert [p["name"] for p in version.parties] == [
        "Gmina Masłów",
        "Stowarzyszenie Razem",
        "OWES Kielce",
    ]
    run(draft, "approve", committee_member, version=version.sha256)
    draft.refresh_from_db()
    assert draft.status == S.SIGNING
    assert draft.agreement.signing_due is not None
    assert Document.objects.filter(kind="agreement", source_id=version.pk).count() == 1
    assert {parties["wojt"], parties["a"], parties["b"], parties["owes"]} <= notified(
        draft, "signing_opened"
    )

    _sign(draft, parties["wojt"], leader_org)
    # The OWES signs by uploading the issued PDF signed with a qualified signature.
    signed_pdf = sign_pdf(issued_bytes(draft), signer=trusted_ca.signer("Iwona Sikora", "OWES"))
    agreement_sign_upload(
        case=draft,
        actor=parties["owes"],
        party=AgreementParty.objects.get(organisation=owes),
        sha256=version.sha256,
        signed=signed_pdf,
    )
    by_upload = AgreementSignature.objects.get(party__organisation=owes)
    assert by_upload.method == "qualified"
    assert by_upload.certificate["name"] == "Iwona Sikora"
    _sign(draft, parties["a"], association)
    draft.refresh_from_db()
    assert draft.status == S.SIGNING  # the association needs two board members
    assert not AgreementParty.objects.get(organisation=association).signed_version_id
    _sign(draft, parties["b"], association)
    draft.refresh_from_db()
    assert draft.status == S.IN_FORCE
    last = CaseEvent.objects.filter(case=draft).order_by("pk").last()
    assert last.action == "enter_into_force"
    assert last.actor == system_actor()
    assert Document.objects.filter(kind="agreement_signed", source_id=version.pk).count() == 1
    assert AgreementSignature.objects.filter(version=version).count() == 4
    assert parties["clerk"] in notified(draft, "in_force")
    assert parties["wojt"] in notified(draft, "party_signed")

    actions = list(CaseEvent.objects.filter(case=draft).values_list("action", flat=True))
    assert actions == [
        "submit", "accept", "request_info", "provide_info", "submit_for_approval", "approve",
        "signed", "party_signature_complete", "signed", "party_signature_complete",
        "signed", "signed", "party_signature_complete", "enter_into_force",
    ]  # fmt: skip

    # An annex: a social cooperative joins. The agreement stays in force meanwhile (the
    # register still lists it), goes through review, approval and signing by all four.
    cooperative = OrganisationFactory(
        kind=OrganisationKind.SOCIAL_COOPERATIVE, name="Spółdzielnia Socjalna Razem"
    )
    president = MembershipFactory(organisation=cooperative, may_sign=True).user
    draft = run(draft, "amend", parties["clerk"])
    assert draft.status == S.AMENDING
    assert parties["owes"] in notified(draft, "annex_started")
    party_add(case=draft, actor=parties["clerk"], organisation=cooperative, obligations="Catering.")
    agreement_update(
        case=draft,
        actor=parties["clerk"],
        title=draft.title,
        annex_summary="Do partnerstwa przystępuje Spółdzielnia Socjalna Razem.",
    )
    assert list(public_agreements()) == [draft.agreement]
    run(draft, "submit", parties["clerk"])
    run(draft, "accept", advisor)
    run(draft, "submit_for_approval", advisor)
    draft.refresh_from_db()
    annex = draft.agreement.current_version
    assert annex.number == 2
    assert len(annex.parties) == 4
    assert annex.annex_summary.startswith("Do partnerstwa")
    run(draft, "approve", committee_member, version=annex.sha256)
    assert president in notified(draft, "signing_opened")
    for user, organisation in (
        (parties["wojt"], leader_org),
        (parties["a"], association),
        (parties["b"], association),
        (parties["owes"], owes),
    ):
        _sign(draft, user, organisation)
    draft.refresh_from_db()
    assert draft.status == S.SIGNING  # the cooperative has not signed the annex yet
    _sign(draft, president, cooperative)
    draft.refresh_from_db()
    assert draft.status == S.IN_FORCE
    assert draft.agreement.in_force_version == annex
    assert Document.objects.filter(kind="agreement_signed", source_id=annex.pk).count() == 1
    assert president in notified(draft, "in_force")

    # 60 and 30 days before the end: reminders, once each; after the end date: expired.
    end = draft.agreement.end_date
    monkeypatch.setattr(calendar, "today", lambda: end - datetime.timedelta(days=45))
    _tick()
    _tick()
    owes_reminders = Notification.objects.filter(
        case=draft, verb="expiry_reminder", recipient=parties["owes"]
    )
    assert parties["owes"] in notified(draft, "expiry_reminder")
    assert owes_reminders.count() == 1
    monkeypatch.setattr(calendar, "today", lambda: end - datetime.timedelta(days=20))
    _tick()
    _tick()
    notified(draft, "expiry_reminder")
    assert owes_reminders.count() == 2
    draft.refresh_from_db()
    assert draft.status == S.IN_FORCE
    monkeypatch.setattr(calendar, "today", lambda: end + datetime.timedelta(days=1))
    _tick()
    draft.refresh_from_db()
    assert draft.status == S.EXPIRED
    assert parties["a"] in notified(draft, "expired")
