"""Annexes: a party withdraws by annex (it leaves when the annex is in force, and stays in
the record of what it signed); an annex that is withdrawn or rejected leaves the agreement in
force as signed; expiry follows the end date of the version in force."""

import datetime

import pytest

from casework.checks import automatic_transitions_run
from casework.kinds.agreement.constants import AgreementStatus as S
from casework.kinds.agreement.models import AgreementParty, AgreementSignature
from casework.kinds.agreement.services import (
    agreement_sign,
    agreement_update,
    party_remove,
)
from workflows import calendar
from workflows.actors import system_actor
from workflows.exceptions import TransitionRefused

from .conftest import notified, run

pytestmark = pytest.mark.django_db


def _sign_everyone(case, parties):
    case.refresh_from_db()
    sha = case.agreement.current_version.sha256
    for user in (parties["wojt"], parties["a"], parties["b"], parties["owes"]):
        for party in case.agreement.active_parties():
            if party.organisation.memberships.filter(user=user).exists():
                case.refresh_from_db()
                agreement_sign(case=case, actor=user, party=party, sha256=sha)


@pytest.fixture
def in_force(signing, parties):
    _sign_everyone(signing, parties)
    signing.refresh_from_db()
    assert signing.status == S.IN_FORCE
    return signing


def test_a_party_withdraws_by_annex(in_force, parties, advisor, committee_member, owes):
    case = run(in_force, "amend", parties["clerk"])
    owes_party = AgreementParty.objects.get(organisation=owes)
    party_remove(case=case, actor=parties["clerk"], party=owes_party)
    owes_party.refresh_from_db()
    assert owes_party.withdrawing
    assert owes_party.left_at is None
    # Submitting an annex needs its summary.
    with pytest.raises(TransitionRefused):
        run(case, "submit", parties["clerk"])
    agreement_update(
        case=case, actor=parties["clerk"], title=case.title, annex_summary="OWES występuje."
    )
    run(case, "submit", parties["clerk"])
    run(case, "accept", advisor)
    run(case, "submit_for_approval", advisor)
    case.refresh_from_db()
    annex = case.agreement.current_version
    assert [p["name"] for p in annex.parties] == ["Gmina Masłów", "Stowarzyszenie Razem"]
    run(case, "approve", committee_member, version=annex.sha256)
    # The withdrawing party may not sign the annex.
    with pytest.raises(TransitionRefused):
        agreement_sign(case=case, actor=parties["owes"], party=owes_party, sha256=annex.sha256)
    _sign_everyone(case, parties)
    case.refresh_from_db()
    assert case.status == S.IN_FORCE
    owes_party.refresh_from_db()
    assert owes_party.left_at is not None
    # What it signed stays on record.
    assert AgreementSignature.objects.filter(party=owes_party).count() == 1


def test_a_withdrawn_annex_leaves_the_agreement_in_force(in_force, parties, owes):
    case = run(in_force, "amend", parties["clerk"])
    party_remove(
        case=case, actor=parties["clerk"], party=AgreementParty.objects.get(organisation=owes)
    )
    case = run(case, "withdraw", parties["clerk"], reason="Jednak bez zmian.")
    assert case.status == S.IN_FORCE
    case = run(case, "amend", parties["clerk"])
    assert not AgreementParty.objects.get(organisation=owes).withdrawing


def test_a_rejected_annex_leaves_the_agreement_in_force(
    in_force, parties, advisor, committee_member
):
    case = run(in_force, "amend", parties["clerk"])
    agreement_update(
        case=case, actor=parties["clerk"], title=case.title, annex_summary="Nowy zakres."
    )
    run(case, "submit", parties["clerk"])
    run(case, "accept", advisor)
    run(case, "submit_for_approval", advisor)
    case = run(case, "reject", committee_member, reason="Zakres niezgodny z programem.")
    assert case.status == S.IN_FORCE
    assert case.agreement.in_force_version.number == 1


def test_termination_by_notice_after_its_period(in_force, parties, monkeypatch):
    """A party's representative gives notice; the agreement ends by itself (tick, as the
    system actor) once the notice period of the version in force has run."""
    with pytest.raises(TransitionRefused):
        run(in_force, "give_notice", parties["clerk"], reason="Brak")
    case = run(in_force, "give_notice", parties["owes"], reason="Wypowiedzenie.")
    assert case.status == S.IN_FORCE
    ends = case.agreement.terminates_on
    assert ends == calendar.today() + datetime.timedelta(days=90)
    with pytest.raises(TransitionRefused):  # notice is given once
        run(case, "give_notice", parties["wojt"], reason="Też.")
    assert parties["wojt"] in notified(case, "notice_given")
    automatic_transitions_run()
    case.refresh_from_db()
    assert case.status == S.IN_FORCE
    monkeypatch.setattr(calendar, "today", lambda: ends)
    automatic_transitions_run()
    case.refresh_from_db()
    assert case.status == S.TERMINATED
    assert case.events.order_by("pk").last().actor == system_actor()
    assert parties["a"] in notified(case, "terminated")
