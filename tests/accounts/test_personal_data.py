"""Personal data: a person downloads their own data; erasure pseudonymises, never deletes."""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse

from accounts.services import user_erase, user_export
from directory.constants import MembershipRole
from directory.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Zofia Przykładowska-Unikalna"
EMAIL = "zofia.unikalna@example.pl"


@pytest.fixture
def person(rops):
    user = UserFactory(email=EMAIL, full_name=NAME)
    MembershipFactory(user=user, organisation=rops, role=MembershipRole.ADVISOR)
    MembershipFactory(
        user=user, organisation=OrganisationFactory(name="Fundacja Dobra"), may_sign=True
    )
    return user


@pytest.fixture
def superuser(django_user_model, password):
    return django_user_model.objects.create_superuser(
        "root@example.pl", password, full_name="Admin Główny"
    )


def test_user_export_holds_profile_and_memberships(person):
    data = user_export(user=person)
    assert data["profile"]["email"] == EMAIL
    assert data["profile"]["full_name"] == NAME
    organisations = {m["organisation"]["name"]: m for m in data["memberships"]}
    assert organisations["Fundacja Dobra"]["may_sign"] is True
    assert organisations["Regionalny Ośrodek Polityki Społecznej"]["role"] == "advisor"
    json.dumps(data)  # JSON-ready as it is


def test_user_downloads_their_own_data_as_json(client, person):
    client.force_login(person)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == EMAIL
    assert len(data["memberships"]) == 2


def test_export_gives_only_the_signed_in_users_data(client, person, advisor):
    client.force_login(advisor)
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert data["profile"]["email"] == advisor.email
    assert EMAIL not in json.dumps(data)


def test_export_requires_login(client):
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_export_refuses_post(client, person):
    client.force_login(person)
    assert client.post(reverse("accounts:export")).status_code == 405


def test_profile_page_links_to_export_and_password_change(client, person):
    client.force_login(person)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:export") in page
    assert reverse("accounts:password_change") in page


def all_text_in_database() -> list[tuple[str, str, str]]:
    """Every value of every column of every table, as text."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(f"CAST({connection.ops.quote_name(c)} AS TEXT)" for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                found.extend(
                    (table, col, value) for col, value in zip(columns, row, strict=True) if value
                )
    return found


def leave_traces(client, person, superuser, password):
    """Make the person's name and e-mail land in the usual places: a session, failed logins,
    the admin history of their user and their memberships."""
    client.post(reverse("accounts:login"), {"username": EMAIL, "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": EMAIL, "password": password})
    admin = type(client)()
    admin.force_login(superuser)
    change_url = reverse("admin:accounts_user_change", args=[person.pk])
    form = {
        "email": EMAIL,
        "full_name": NAME,
        "preferred_language": "en",
        "is_active": "on",
        "last_login_0": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    admin.post(change_url, form)
    membership = person.memberships.first()
    admin.post(
        reverse("admin:directory_membership_change", args=[membership.pk]),
        {
            "user": person.pk,
            "organisation": membership.organisation_id,
            "role": membership.role,
            "valid_from": "2023-01-01",
        },
    )
    assert LogEntry.objects.filter(object_repr__contains=NAME).exists()


def test_erasure_leaves_no_name_or_email_anywhere_and_references_still_resolve(
    client, person, superuser, password
):
    leave_traces(client, person, superuser, password)
    assert any(EMAIL in v for _t, _c, v in all_text_in_database())
    membership_ids = set(person.memberships.values_list("pk", flat=True))

    erased = user_erase(user=person, actor=superuser)

    leftovers = [
        (table, col)
        for table, col, value in all_text_in_database()
        if NAME in value or EMAIL in value
    ]
    assert leftovers == []
    assert erased.full_name == f"Usunięty użytkownik #{person.pk}"
    assert erased.email == f"erased-{person.pk}@invalid"
    assert not erased.has_usable_password()
    assert not erased.is_active
    assert erased.erased_at is not None
    # Everything that pointed at the person points at the pseudonymised row.
    memberships = Membership.objects.filter(pk__in=membership_ids).select_related("user")
    assert {m.user.pk for m in memberships} == {person.pk}
    assert len(memberships) == 2
    assert LogEntry.objects.filter(object_id=str(person.pk), user=superuser).exists()


def test_erased_user_cannot_sign_in(client, person, superuser, password):
    user_erase(user=person, actor=superuser)
    response = client.post(reverse("accounts:login"), {"username": EMAIL, "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_erasing_twice_changes_nothing(person, superuser):
    first = user_erase(user=person, actor=superuser)
    second = user_erase(user=person, actor=superuser)
    assert (first.full_name, first.erased_at) == (second.full_name, second.erased_at)


def test_only_a_superuser_may_erase(person, coordinator):
    with pytest.raises(PermissionDenied):
        user_erase(user=person, actor=coordinator)
    person.refresh_from_db()
    assert person.full_name == NAME


def test_admin_action_asks_for_confirmation_then_erases(client, person, superuser):
    client.force_login(superuser)
    url = reverse("admin:accounts_user_changelist")
    data = {"action": "erase_personal_data", "_selected_action": [person.pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert NAME in response.content.decode()
    person.refresh_from_db()
    assert person.erased_at is None
    response = client.post(url, {**data, "confirm": "yes"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.erased_at is not None


def test_staff_who_is_not_superuser_has_no_erase_action(
    client, person, django_user_model, password
):
    from django.contrib.auth.models import Permission

    staff = django_user_model.objects.create_user(
        "staff@example.pl", password, full_name="Staff", is_staff=True
    )
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(staff)
    url = reverse("admin:accounts_user_changelist")
    assert "erase_personal_data" not in client.get(url).content.decode()
    client.post(
        url, {"action": "erase_personal_data", "_selected_action": [person.pk], "confirm": "yes"}
    )
    person.refresh_from_db()
    assert person.erased_at is None
