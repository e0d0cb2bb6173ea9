"""Each user's language (profile and switcher) for pages and e-mails; the accessibility
statement without placeholders; the registry import names every yes/no form; every
transition of a registered kind says in the past tense what it did."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from casework.registry import registered_kinds
from directory.registry.importer import BOOLEAN_FALSE, BOOLEAN_TRUE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_profile_saves_the_language_of_pages_and_emails(client):
    user = UserFactory(preferred_language="pl")
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "<legend>Język stron i wiadomości e-mail</legend>" in page
    response = client.post(reverse("accounts:profile"), {"preferred_language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in client.get(reverse("accounts:profile")).content.decode()[:200]


def test_the_profile_refuses_an_unknown_language(client):
    user = UserFactory(preferred_language="pl")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"preferred_language": "xx"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.preferred_language == "pl"


def test_the_switcher_saves_the_choice_of_a_signed_in_user(client):
    user = UserFactory(preferred_language="pl")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "en"
    # nonsense is ignored, as Django's switcher ignores it
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_the_switcher_still_works_for_anonymous_visitors(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_signing_in_brings_the_users_language(client):
    user = UserFactory(preferred_language="en")
    user.set_password("a-long-password-123")
    user.save()
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": "a-long-password-123"}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_language_chosen_before_signing_in_becomes_the_preference(client):
    user = UserFactory(preferred_language="pl")
    user.set_password("a-long-password-123")
    user.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the switcher, on the login page
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": "a-long-password-123"}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.preferred_language == "en"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_accessibility_statement_has_no_placeholders(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("portal:accessibility")).content.decode()
    statement = page[page.index('<article class="statement">') : page.index("</article>")]
    assert not re.search(r"\[[^\]<>]{2,40}\]", statement), statement
    coordinator = {"pl": "koordynator do spraw dostępności", "en": "the accessibility coordinator"}
    assert f'<span id="a11y-contact-name">{coordinator[language]}</span>' in page
    assert 'id="a11y-entity" lang="pl"' in page


def test_the_accessibility_statement_shows_the_configured_contact(client, settings):
    settings.ESFLOW_ACCESSIBILITY = {
        **settings.ESFLOW_ACCESSIBILITY,
        "contact_name": "Jan Kowalski",
        "contact_phone": "+48 41 000 00 00",
        "address": "ul. Przykładowa 1, 25-001 Kielce",
    }
    page = client.get(reverse("portal:accessibility")).content.decode()
    assert '<span id="a11y-contact-name">Jan Kowalski</span>' in page
    assert '<span id="a11y-contact-phone">+48 41 000 00 00</span>' in page
    assert "ul. Przykładowa 1, 25-001 Kielce" in page


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_import_help_names_every_accepted_yes_no_form(client, coordinator, language):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("directory:registry-import")).content.decode()
    help_text = re.search(r'<p id="import-booleans">(.*?)</p>', page, re.S).group(1)
    for form in BOOLEAN_TRUE | BOOLEAN_FALSE:
        assert re.search(rf"(?<![\w]){re.escape(form)}(?![\w])", help_text), form


def test_every_transition_of_every_kind_says_what_it_did_in_the_past_tense():
    """The history shows ``done`` labels: each transition declares one, different from its
    button label (DESIGN: history entries describe what happened)."""
    from viewflow.fsm.base import TransitionMethod

    for name, kind in registered_kinds().items():
        if name != "advisory":
            continue  # the test kind (tests/testkind) is not shown to users
        for attr in kind.flow.transition_names():
            method = getattr(kind.flow, attr)
            assert isinstance(method, TransitionMethod)
            for transition in method.get_transitions():
                done = transition.custom.get("done")
                assert done, (name, attr)
                assert str(done) != str(transition.label), (name, attr)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("pl", "31.03.2026"),
        ("pl", "2026-03-31"),
        ("en", "31/03/2026"),
        ("en", "2026-03-31"),
    ],
)
def test_the_queue_filter_takes_dates_in_the_page_style_and_iso(language, typed):
    import datetime

    from django.utils import translation

    from casework.queues.forms import QueueFilterForm

    with translation.override(language):
        form = QueueFilterForm({"due_from": typed}, assignees=[])
        assert form.is_valid(), form.errors
        assert form.cleaned_data["due_from"] == datetime.date(2026, 3, 31)
        shown = {"pl": "31.03.2026", "en": "31/03/2026"}[language]
        assert f'value="{shown}"' in str(
            QueueFilterForm(initial={"due_from": datetime.date(2026, 3, 31)}, assignees=[])[
                "due_from"
            ]
        )


@pytest.mark.parametrize(
    ("language", "text", "shown"),
    [
        ("pl", "lost 2026-03-31: reason", "lost 31.03.2026: reason"),
        ("en", "lost 2026-03-31: reason", "lost 31/03/2026: reason"),
        ("pl", "KRS 0000123456", "KRS 0000123456"),
        ("pl", "2026-13-45", "2026-13-45"),
    ],
)
def test_registry_history_text_shows_dates_in_the_page_style(language, text, shown):
    from django.utils import translation

    from directory.registry.views import _dates_shown

    with translation.override(language):
        assert _dates_shown(text) == shown
