"""Real threads and connections on PostgreSQL: representatives signing at once are recorded
once each, a party is completed once, and the agreement enters into force once."""

import threading

import pytest
from django.db import connection

from casework.kinds.agreement.constants import AgreementStatus as S
from casework.kinds.agreement.models import AgreementParty, AgreementSignature
from casework.kinds.agreement.services import agreement_sign
from casework.models import Case, CaseEvent
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]


def _in_threads(work, n):
    errors = []
    barrier = threading.Barrier(n)

    def target(i):
        try:
            barrier.wait()
            work(i)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def _sign(case_pk, user, organisation, sha):
    return agreement_sign(
        case=Case.objects.get(pk=case_pk),
        actor=user,
        party=AgreementParty.objects.get(organisation=organisation),
        sha256=sha,
    )


def _completions(case):
    return sorted(
        CaseEvent.objects.filter(case=case, action="party_signature_complete").values_list(
            "data__party", flat=True
        )
    )


def test_representatives_of_two_parties_signing_at_once(signing, parties, association, owes):
    """Two board members of the association ("two jointly") and two representatives of the
    OWES ("any one") at once: four signatures, each party completed exactly once."""
    second_owes = MembershipFactory(organisation=owes, may_sign=True).user
    sha = signing.agreement.current_version.sha256
    signers = [
        (parties["a"], association),
        (parties["b"], association),
        (parties["owes"], owes),
        (second_owes, owes),
    ]
    _in_threads(lambda i: _sign(signing.pk, *signers[i], sha), len(signers))
    signing.refresh_from_db()
    assert signing.status == S.SIGNING  # the leader has not signed
    assert AgreementSignature.objects.count() == 4
    assert _completions(signing) == sorted(
        AgreementParty.objects.filter(organisation__in=[association, owes]).values_list(
            "pk", flat=True
        )
    )


def test_the_last_two_parties_signing_at_once_put_it_in_force_once(
    signing, parties, leader_org, association, owes
):
    sha = signing.agreement.current_version.sha256
    _sign(signing.pk, parties["a"], association, sha)
    _sign(signing.pk, parties["b"], association, sha)
    signers = [(parties["wojt"], leader_org), (parties["owes"], owes)]
    _in_threads(lambda i: _sign(signing.pk, *signers[i], sha), len(signers))
    signing.refresh_from_db()
    assert signing.status == S.IN_FORCE
    assert AgreementSignature.objects.count() == 4
    assert len(_completions(signing)) == 3
    assert CaseEvent.objects.filter(case=signing, action="enter_into_force").count() == 1
