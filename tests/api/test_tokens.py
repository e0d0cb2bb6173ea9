"""Personal API tokens: made and revoked from a signed-in session, stored as a hash, refused
when revoked or expired, limited by scope, and every use logged."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, ApiTokenUse

from .conftest import bearer, make_token

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _future(days=30):
    return (timezone.now() + datetime.timedelta(days=days)).isoformat()


def test_a_signed_in_user_creates_a_token_and_sees_its_secret_once(api, municipality_user):
    api.force_login(municipality_user)
    response = api.post(
        reverse("api:token-list"),
        {"name": "Elektroniczny obieg", "scope": "read", "expires_at": _future()},
        format="json",
    )
    assert response.status_code == 201
    secret = response.json()["secret"]
    token = ApiToken.objects.get()
    assert token.user == municipality_user
    # Only the SHA-256 is kept; no column holds the secret.
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in row.values())
    listed = api.get(reverse("api:token-list")).json()["results"]
    assert [t["id"] for t in listed] == [token.pk]
    assert "secret" not in listed[0]
    assert "secret_hash" not in listed[0]
    # The secret works as a bearer token.
    api.logout()
    assert bearer(api, secret).get(reverse("api:case-list")).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "scope": "read", "expires_at": "2000-01-01T00:00:00Z"}, "expires_at"),
        ({"name": "x", "scope": "read", "expires_at": "2999-01-01T00:00:00Z"}, "expires_at"),
        ({"name": "x", "scope": "admin", "expires_at": "2999-01-01T00:00:00Z"}, "scope"),
        ({"scope": "read"}, "name"),
    ],
)
def test_invalid_token_requests_are_400_problems(api, municipality_user, body, field):
    api.force_login(municipality_user)
    response = api.post(reverse("api:token-list"), body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert field in response.json()["errors"]
    assert not ApiToken.objects.exists()


def test_anonymous_and_token_holders_cannot_manage_tokens(api, municipality_user):
    token, secret = make_token(municipality_user, "act")
    assert api.get(reverse("api:token-list")).status_code == 401
    assert api.post(reverse("api:token-revoke", args=[token.pk])).status_code == 401
    bearer(api, secret)
    assert api.get(reverse("api:token-list")).status_code == 403
    created = api.post(
        reverse("api:token-list"),
        {"name": "x", "scope": "act", "expires_at": _future()},
        format="json",
    )
    assert created.status_code == 403
    assert api.post(reverse("api:token-revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.get().revoked_at is None


def test_revoking_refuses_the_token_and_others_cannot_revoke_it(
    api, municipality_user, organisation_user
):
    token, secret = make_token(municipality_user)
    api.force_login(organisation_user)
    assert api.post(reverse("api:token-revoke", args=[token.pk])).status_code == 404
    assert api.post(reverse("api:token-revoke", args=[2**70])).status_code == 404
    api.force_login(municipality_user)
    response = api.post(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 200
    assert response.json()["usable"] is False
    api.logout()
    refused = bearer(api, secret).get(reverse("api:case-list"))
    assert refused.status_code == 401
    assert refused["Content-Type"] == PROBLEM
    assert refused["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer expired", "Bearer revoked", "Bearer esf_wrong", "Bearer", "Bearer a b", "Bearer ąę"],
)
def test_expired_revoked_or_wrong_tokens_are_401(api, municipality_user, header):
    _, expired = make_token(municipality_user, "act", days=-1)
    _, revoked = make_token(municipality_user, "act", revoked=True)
    header = header.replace("expired", expired).replace("revoked", revoked)
    api.credentials(HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
    response = api.get(reverse("api:case-list"))
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert not ApiTokenUse.objects.exists()


def test_a_token_of_a_deactivated_user_is_refused(api, municipality_user):
    _, secret = make_token(municipality_user)
    municipality_user.is_active = False
    municipality_user.save()
    assert bearer(api, secret).get(reverse("api:case-list")).status_code == 401


def test_every_use_of_a_token_is_logged(api, municipality_user, case):
    token, secret = make_token(municipality_user)
    bearer(api, secret)
    api.get(reverse("api:case-list"))
    api.get(reverse("api:case-detail", args=[case.pk]))
    api.post(
        reverse("api:case-transition-run", args=[case.pk, "submit"]),
        {"expected_status": "draft"},
        format="json",
    )  # refused (read scope), but still a use
    uses = list(token.uses.order_by("pk").values_list("method", "path"))
    assert uses == [
        ("GET", reverse("api:case-list")),
        ("GET", reverse("api:case-detail", args=[case.pk])),
        ("POST", reverse("api:case-transition-run", args=[case.pk, "submit"])),
    ]
