"""The demo holds an agreement in force (a gmina, an association, an OWES, all signed) and
one being signed, made through the flow; loading twice adds nothing."""

from io import StringIO

import pytest

from casework.kinds.agreement import demo
from casework.kinds.agreement.constants import AgreementStatus as S
from casework.kinds.agreement.models import AgreementSignature
from casework.kinds.agreement.public import public_agreements
from casework.models import Case, CaseEvent
from directory import demo as directory_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_demo_agreements():
    directory_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    cases = Case.objects.filter(kind="agreement")
    assert sorted(cases.values_list("status", flat=True)) == sorted([S.IN_FORCE, S.SIGNING])
    in_force = cases.get(status=S.IN_FORCE)
    assert in_force.number.startswith("PP/")
    assert AgreementSignature.objects.filter(party__agreement_id=in_force.pk).count() == 4
    assert [a.pk for a in public_agreements()] == [in_force.pk]
    counts = (cases.count(), CaseEvent.objects.count(), AgreementSignature.objects.count())
    demo.load(stdout=StringIO())
    assert (cases.count(), CaseEvent.objects.count(), AgreementSignature.objects.count()) == counts
