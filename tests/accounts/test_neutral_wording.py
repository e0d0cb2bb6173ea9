"""Polish texts address the user without assuming a gender."""

from django.urls import reverse


def test_password_reset_done_hint_is_gender_neutral_in_polish(client):
    page = client.get(reverse("accounts:password_reset_done")).content.decode()
    assert "sprawdź, czy podany adres jest tym, którym się logujesz" in page
    assert "podałeś" not in page
