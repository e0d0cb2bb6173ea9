"""The Django admin of accounts and directory works for a superuser and is closed to others."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, TerritorialUnitFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "admin:accounts_user_changelist",
    "admin:accounts_user_add",
    "admin:directory_territorialunit_changelist",
    "admin:directory_organisation_changelist",
    "admin:directory_organisation_add",
    "admin:directory_membership_changelist",
    "admin:directory_membership_add",
]


@pytest.fixture
def superuser(django_user_model, password):
    return django_user_model.objects.create_superuser("su@example.pl", password, full_name="Su")


@pytest.mark.parametrize("name", PAGES)
def test_superuser_opens_admin_pages(client, superuser, name):
    MembershipFactory(organisation=OrganisationFactory(gmina=TerritorialUnitFactory()))
    client.force_login(superuser)
    assert client.get(reverse(name)).status_code == 200


def test_superuser_opens_organisation_change_page_with_memberships(client, superuser):
    membership = MembershipFactory()
    client.force_login(superuser)
    url = reverse("admin:directory_organisation_change", args=[membership.organisation_id])
    response = client.get(url)
    assert response.status_code == 200
    assert membership.user.full_name in response.content.decode()


def test_admin_search_and_autocomplete_of_users_and_gminas(client, superuser):
    TerritorialUnitFactory(code="2604092", name="Masłów")
    client.force_login(superuser)
    response = client.get(reverse("admin:directory_territorialunit_changelist"), {"q": "Masł"})
    assert "Masłów" in response.content.decode()
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Masł",
            "app_label": "directory",
            "model_name": "organisation",
            "field_name": "gmina",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["gmina Masłów"]


@pytest.mark.parametrize("fixture", ["advisor", "coordinator"])
def test_non_staff_users_cannot_open_the_admin(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(reverse("admin:directory_organisation_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_users_cannot_be_deleted_in_the_admin_only_erased(client, superuser):
    client.force_login(superuser)
    other = MembershipFactory().user
    response = client.get(reverse("admin:accounts_user_delete", args=[other.pk]))
    assert response.status_code == 403
