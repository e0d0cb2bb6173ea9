"""Shared fixtures: one user per role, built from memberships as in production."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from directory.constants import MembershipRole, OrganisationKind

from . import dbreset
from .factories import PASSWORD, MembershipFactory, OrganisationFactory

# Before any test connects: flush between transactional tests must get past the append-only
# tables' TRUNCATE trigger, through the convenience setting of workflows/dbguards.py.
dbreset.install()

hypothesis_settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
hypothesis_settings.register_profile("dev", max_examples=25, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_collection_modifyitems(config, items):
    """Deselect (not skip) PostgreSQL-only tests when the database is not PostgreSQL."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("pg_only") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request or a test that switched to
    English must not leak its language into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def rops(db):
    return OrganisationFactory(rops=True)


@pytest.fixture
def committee_body(db):
    return OrganisationFactory(committee=True)


@pytest.fixture
def gmina_org(db):
    return OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina Testowa")


@pytest.fixture
def municipality_user(gmina_org):
    return MembershipFactory(organisation=gmina_org, user__email="clerk@example.pl").user


@pytest.fixture
def organisation_user(db):
    return MembershipFactory(
        organisation=OrganisationFactory(kind=OrganisationKind.FOUNDATION),
        user__email="ngo@example.pl",
    ).user


@pytest.fixture
def advisor(rops):
    return MembershipFactory(
        organisation=rops, role=MembershipRole.ADVISOR, user__email="advisor@example.pl"
    ).user


@pytest.fixture
def coordinator(rops):
    return MembershipFactory(
        organisation=rops, role=MembershipRole.COORDINATOR, user__email="coordinator@example.pl"
    ).user


@pytest.fixture
def committee_member(committee_body):
    return MembershipFactory(organisation=committee_body, user__email="committee@example.pl").user


def pytest_runtest_logreport(report):
    """Record pg_only tests that ran, so CI can prove they ran on PostgreSQL."""
    path = os.environ.get("ESFLOW_PG_ONLY_REPORT")
    if path and report.when == "call" and "pg_only" in report.keywords:
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"{report.nodeid} {report.outcome}\n")


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: a rolled-back test sends no signals, so what it
    cached (e.g. the place lists of the registry search) must not outlive it."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with PBKDF2 makes every login in a test take a quarter of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
