import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.agreement.conftest import (  # noqa: F401  (the agreement kind's parties, signing)
    association,
    board_a,
    board_b,
    clerk,
    draft,
    leader_org,
    owes,
    owes_director,
    parties,
    signing,
    wojt,
)
from tests.casework.factories import draft_case, register_test_flow
from tests.portal.conftest import teryt  # noqa: F401

register_test_flow()


@pytest.fixture
def api():
    return APIClient()


def make_token(user, scope="read", *, days=30, revoked=False):
    """A token and its secret (``expires_at`` in the past when ``days`` is negative)."""
    token, secret = ApiToken.issue(
        user=user,
        name=f"{scope} token",
        scope=scope,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    if revoked:
        token.revoked_at = timezone.now()
        token.save()
    return token, secret


def bearer(client, secret):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def case(gmina_org, municipality_user):
    return draft_case(organisation=gmina_org, filed_by=municipality_user)
