"""Brute-force lockout (django-axes): a username is locked together with the IP it was tried
from; the same person from another address, and other people, can still sign in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ATTACKER_IP = "203.0.113.7"
OTHER_IP = "198.51.100.20"


@pytest.fixture
def victim(django_user_model, password):
    return django_user_model.objects.create_user("ofiara@example.pl", password, full_name="O")


@pytest.fixture
def bystander(django_user_model, password):
    return django_user_model.objects.create_user("inny@example.pl", password, full_name="I")


def attempt(client, email, password, ip):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def fail_until_locked(client, settings, email, ip):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, email, "wrong password", ip)


def test_pair_is_locked_after_the_failure_limit_with_a_clear_message(
    client, settings, victim, password
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, victim.email, "wrong password", ATTACKER_IP)
        assert response.status_code == 200  # the form again, with its error
    response = attempt(client, victim.email, "wrong password", ATTACKER_IP)
    assert response.status_code == 429
    # Even the right password is refused now, with the lockout page.
    response = attempt(client, victim.email, password, ATTACKER_IP)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "Logowanie tymczasowo zablokowane" in page
    assert reverse("accounts:password_reset") in page


def test_lockout_page_is_translated_to_english(client, settings, victim):
    fail_until_locked(client, settings, victim.email, ATTACKER_IP)
    response = client.post(
        reverse("accounts:login"),
        {"username": victim.email, "password": "x"},
        REMOTE_ADDR=ATTACKER_IP,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "Sign-in temporarily blocked" in response.content.decode()


def test_same_user_from_another_ip_is_not_locked(client, settings, victim, password):
    fail_until_locked(client, settings, victim.email, ATTACKER_IP)
    response = attempt(client, victim.email, password, OTHER_IP)
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_other_users_from_the_same_ip_are_not_locked(client, settings, victim, bystander, password):
    fail_until_locked(client, settings, victim.email, ATTACKER_IP)
    response = attempt(client, bystander.email, password, ATTACKER_IP)
    assert response.status_code == 302


def test_failures_below_the_limit_do_not_lock(client, settings, victim, password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, victim.email, "wrong password", ATTACKER_IP)
    assert attempt(client, victim.email, password, ATTACKER_IP).status_code == 302


def test_lockout_is_case_insensitive_for_the_email(client, settings, victim):
    fail_until_locked(client, settings, victim.email.upper(), ATTACKER_IP)
    assert attempt(client, victim.email, "wrong password", ATTACKER_IP).status_code == 429
