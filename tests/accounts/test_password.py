"""Logout, password change and password reset by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_logout_is_a_post_and_ends_the_session(client, advisor):
    client.force_login(advisor)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_requires_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_user_changes_password(client, advisor, password):
    client.force_login(advisor)
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200
    assert "Zmień hasło" in page.content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "Nowe-haslo-2026!",
            "new_password2": "Nowe-haslo-2026!",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    advisor.refresh_from_db()
    assert advisor.check_password("Nowe-haslo-2026!")


def test_password_change_with_wrong_old_password_shows_error_summary(client, advisor):
    client.force_login(advisor)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "nope",
            "new_password1": "Nowe-haslo-2026!",
            "new_password2": "Nowe-haslo-2026!",
        },
    )
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()


def test_password_reset_sends_link_that_sets_a_new_password(client, advisor):
    response = client.post(reverse("accounts:password_reset"), {"email": "ADVISOR@example.pl"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["advisor@example.pl"]
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Zupelnie-Nowe-2026", "new_password2": "Zupelnie-Nowe-2026"}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    advisor.refresh_from_db()
    assert advisor.check_password("Zupelnie-Nowe-2026")


def test_password_reset_for_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nikt@example.pl"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_email_is_in_the_recipients_language_not_the_pages(client, advisor):
    """Anyone may ask for anyone's reset from a page in any language: the e-mail follows the
    preference of the person it is sent to (issue 14)."""
    assert advisor.preferred_language == "pl"
    client.post(
        reverse("accounts:password_reset"), {"email": advisor.email}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Aby ustawić nowe hasło" in mail.outbox[0].body
    advisor.preferred_language = "en"
    advisor.save(update_fields=["preferred_language"])
    client.post(reverse("accounts:password_reset"), {"email": advisor.email})
    assert "To set a new password" in mail.outbox[1].body
    assert "Aby ustawić" not in mail.outbox[1].body


def test_invalid_reset_link_says_so(client):
    response = client.get(
        reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]), follow=True
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
