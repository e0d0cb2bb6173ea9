"""manage.py demo: realistic, valid and idempotent."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from directory.constants import OrganisationKind, Role
from directory.demo import DEMO_PASSWORD
from directory.models import Membership, Organisation, TerritorialUnit
from directory.roles import roles_of
from workflows.actors import SYSTEM_EMAIL

pytestmark = pytest.mark.django_db


def counts():
    return (
        TerritorialUnit.objects.count(),
        Organisation.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )


def test_demo_twice_gives_the_same_data():
    call_command("demo", stdout=StringIO())
    first = counts()
    call_command("demo", stdout=StringIO())
    assert counts() == first
    assert first[0] == 117


def test_demo_has_organisations_of_the_required_kinds_with_valid_identifiers():
    call_command("demo", stdout=StringIO())
    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    assert kinds[OrganisationKind.GMINA] >= 2
    assert kinds[OrganisationKind.SOCIAL_COOPERATIVE] >= 2
    assert kinds[OrganisationKind.ASSOCIATION] + kinds[OrganisationKind.FOUNDATION] >= 2
    for kind in ["ops", "pup", "owes", "cis", "wtz", "rops", "committee"]:
        assert kinds[kind] >= 1, kind
    assert Organisation.objects.count() >= 15
    assert Organisation.objects.filter(name__contains="w Kielcach", kind="rops").exists()
    assert len(set(Organisation.objects.values_list("gmina__parent", flat=True))) >= 5
    for org in Organisation.objects.all():
        org.full_clean()  # NIP, REGON, KRS all valid
        if org.kind == OrganisationKind.THEMATIC_GROUP:
            continue  # a group of the committee (committee.demo) is no legal person
        assert org.nip
        assert org.regon


def test_demo_has_users_for_every_role_with_the_printed_password():
    out = StringIO()
    call_command("demo", stdout=out)
    # Every login, not the system actor the demo's automatic steps run as (it cannot log in).
    users = get_user_model().objects.exclude(email=SYSTEM_EMAIL)
    held = Counter(role for user in users for role in roles_of(user))
    assert held[Role.MUNICIPALITY] >= 2
    assert held[Role.ADVISOR] >= 2
    assert held[Role.COMMITTEE] >= 3
    assert held[Role.COORDINATOR] >= 1
    assert held[Role.ORGANISATION] >= 2  # the representative and the committee member's NGO
    clerks = [u for u in users if Role.MUNICIPALITY in roles_of(u)]
    assert len({m.organisation_id for u in clerks for m in u.memberships.all()}) >= 2
    assert any({Role.COMMITTEE, Role.ORGANISATION} <= roles_of(u) for u in users), (
        "a committee member who is also an NGO member"
    )
    assert Membership.objects.filter(
        may_sign=True, organisation__kind="social_cooperative"
    ).exists()
    assert users.filter(is_superuser=True).exists()
    for user in users:
        assert user.check_password(DEMO_PASSWORD)
        assert user.email in out.getvalue()
