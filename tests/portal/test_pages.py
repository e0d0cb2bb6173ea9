"""Base pages: dashboard per role, navigation per role, accessibility statement, error pages."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def page(client, url, **headers):
    response = client.get(url, **headers)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("fixture", "panel"),
    [
        ("advisor", "panel-advisor"),
        ("coordinator", "panel-coordinator"),
        ("committee_member", "panel-committee"),
        ("municipality_user", "panel-municipality"),
        ("organisation_user", "panel-organisation"),
    ],
)
def test_dashboard_shows_the_panel_of_each_role_held_and_no_other(client, request, fixture, panel):
    client.force_login(request.getfixturevalue(fixture))
    status, html = page(client, reverse("dashboard"))
    assert status == 200
    assert f'id="{panel}"' in html
    assert html.count('class="panel"') == 1


def test_user_with_two_roles_sees_two_panels(client, committee_member, organisation_user):
    from directory.models import Membership

    Membership.objects.filter(user=organisation_user).update(user=committee_member)
    client.force_login(committee_member)
    _, html = page(client, reverse("dashboard"))
    assert 'id="panel-committee"' in html
    assert 'id="panel-organisation"' in html


def test_user_without_roles_is_told_how_to_get_one(client):
    client.force_login(UserFactory())
    _, html = page(client, reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "You do not hold any role in esflow yet" in html


def test_navigation_shows_administration_only_to_staff(client, advisor, django_user_model):
    _, html = page(client, reverse("home"))
    assert reverse("dashboard") not in html
    assert reverse("admin:index") not in html
    client.force_login(advisor)
    _, html = page(client, reverse("home"))
    assert reverse("dashboard") in html
    assert reverse("admin:index") not in html
    client.force_login(
        django_user_model.objects.create_superuser("su@example.pl", "x", full_name="S")
    )
    _, html = page(client, reverse("home"))
    assert reverse("admin:index") in html


def test_current_page_is_marked_in_navigation(client):
    _, html = page(client, reverse("home"))
    assert f'href="{reverse("home")}" aria-current="page"' in html


def test_every_page_links_to_the_accessibility_statement(client):
    for url in [reverse("home"), reverse("accounts:login"), "/nie-ma-takiej-strony/"]:
        _, html = page(client, url)
        assert reverse("portal:accessibility") in html


def test_accessibility_statement_has_the_required_sections_in_polish(client, settings):
    settings.ESFLOW_ACCESSIBILITY = {
        **settings.ESFLOW_ACCESSIBILITY,
        "contact_email": "dostepnosc@rops.example.pl",
        "published_on": "2026-03-01",
        "updated_on": "2026-11-02",
    }
    status, html = page(client, reverse("portal:accessibility"))
    assert status == 200
    for text in [
        "Deklaracja dostępności",
        "zobowiązuje się zapewnić dostępność",
        "Stan dostępności cyfrowej",
        "Przygotowanie deklaracji dostępności",
        "Informacje zwrotne i dane kontaktowe",
        "Obsługa wniosków i skarg",
        "Dostępność architektoniczna",
        "dostepnosc@rops.example.pl",
        'datetime="2026-03-01"',
        'datetime="2026-11-02"',
        "Regionalny Ośrodek Polityki Społecznej w Kielcach",
    ]:
        assert text in html, text


def test_accessibility_statement_in_english(client):
    _, html = page(client, reverse("portal:accessibility"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Accessibility statement" in html
    assert "Requests and complaints procedure" in html


@pytest.mark.parametrize(
    ("language", "text"), [("pl", "Nie znaleziono strony"), ("en", "Page not found")]
)
def test_404_page_is_helpful_in_both_languages(client, language, text):
    status, html = page(client, "/nie-ma-takiej-strony/", HTTP_ACCEPT_LANGUAGE=language)
    assert status == 404
    assert text in html
    assert f'lang="{language}"' in html


@pytest.mark.parametrize(("language", "text"), [("pl", "Brak dostępu"), ("en", "Access denied")])
def test_403_page_is_helpful_in_both_languages(rf, language, text):
    from django.utils import translation

    from portal.views import permission_denied

    request = rf.get("/")
    request.user = UserFactory()
    with translation.override(language):
        response = permission_denied(request)
    assert response.status_code == 403
    assert text in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"), [("pl", "Coś poszło nie tak"), ("en", "Something went wrong")]
)
def test_500_page_renders_without_the_request_context(rf, language, text):
    from django.utils import translation

    from portal.views import server_error

    with translation.override(language):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert text in response.content.decode()


def test_unhandled_error_gives_the_500_page(settings):
    from django.urls import path

    from config import urls

    def boom(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "Urls",
        (),
        {"urlpatterns": [*urls.urlpatterns, path("boom/", boom)], "handler500": urls.handler500},
    )
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Coś poszło nie tak" in response.content.decode()


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "style=" not in response.content.decode()


def test_navigation_offers_the_indicators_to_all_and_the_reports_to_coordinators(
    client, advisor, django_user_model
):
    from directory.constants import MembershipRole
    from tests.factories import MembershipFactory, OrganisationFactory

    public, coordinator_panel = reverse("reports:public"), reverse("reports:coordinator")
    _, html = page(client, reverse("home"))
    assert f'href="{public}"' in html
    assert f'href="{coordinator_panel}"' not in html
    client.force_login(advisor)
    _, html = page(client, reverse("home"))
    assert f'href="{public}"' in html
    assert f'href="{coordinator_panel}"' not in html
    coordinator = MembershipFactory(
        organisation=OrganisationFactory(rops=True), role=MembershipRole.COORDINATOR
    ).user
    client.force_login(coordinator)
    _, html = page(client, reverse("home"), HTTP_ACCEPT_LANGUAGE="pl")
    assert f'href="{coordinator_panel}"' in html
    assert "Raporty i plan" in html
    _, html = page(client, public)
    assert f'href="{public}" aria-current="page"' in html
