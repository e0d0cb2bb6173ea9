import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_renders_in_polish_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert 'lang="pl"' in response.content.decode()


def test_user_logs_in_with_email(client, advisor, password):
    response = client.post(
        reverse("accounts:login"), {"username": "ADVISOR@example.pl", "password": password}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
