"""Factories for the foundation's models. Apps keep theirs in tests/<app>/factories.py."""

import datetime

import factory
from django.contrib.auth import get_user_model

from directory.constants import MembershipRole, OrganisationKind, UnitKind
from directory.models import Membership, Organisation, TerritorialUnit

PASSWORD = "esflow-test-Haslo-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"user{n}@example.pl")
    full_name = factory.Faker("name", locale="pl_PL")
    password = factory.django.Password(PASSWORD)


class TerritorialUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TerritorialUnit
        django_get_or_create = ["code"]

    kind = UnitKind.GMINA
    code = factory.Sequence(lambda n: f"26{(n % 90) + 1:02d}{(n % 99) + 1:02d}{(n % 3) + 1}")
    name = factory.Faker("city", locale="pl_PL")
    subtype = "rural"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organizacja {n}")
    kind = OrganisationKind.ASSOCIATION

    class Params:
        municipal = factory.Trait(kind=OrganisationKind.GMINA)
        rops = factory.Trait(
            kind=OrganisationKind.ROPS, name="Regionalny Ośrodek Polityki Społecznej"
        )
        committee = factory.Trait(
            kind=OrganisationKind.COMMITTEE, name="Regionalny Komitet Rozwoju Ekonomii Społecznej"
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER
    valid_from = datetime.date(2023, 1, 1)
    valid_to = None
