"""The threshold band beside the estimated value follows what is typed (htmx, served by the
project), in Polish and, with the value typed the English way, in English."""

import re

import pytest
from django.conf import settings

from casework.kinds.advisory.intake.constants import Topic
from casework.kinds.advisory.services import advisory_create
from directory.constants import OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(transactional_db):
    gmina = OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina Masłów")
    clerk = MembershipFactory(organisation=gmina, user__email="clerk@maslow.example.pl").user
    case = advisory_create(
        requesting_organisation=gmina,
        topic=Topic.SOCIAL_CLAUSES,
        title="Dowóz posiłków",
        filed_by=clerk,
        intake={"contract_type": "services"},
    )
    return clerk, case


@pytest.mark.parametrize(
    ("language", "typed", "before", "after"),
    [
        ("pl", "1 450 000,00", "procedura unijna", "procedura krajowa"),
        ("en", "1,450,000.00", "EU procedure", "national procedure"),
    ],
)
def test_the_band_follows_the_value_and_the_social_service_answer(
    page, login_as, url, live_server, draft, assert_accessible, language, typed, before, after
):
    clerk, case = draft
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    login_as(clerk)
    page.goto(url("casework:advisory-edit", case.pk))
    band = page.locator("#id_estimated_value_net-band")
    assert "Podaj wartość" in band.inner_text() or "Enter the value" in band.inner_text()
    page.focus("#id_estimated_value_net")
    page.keyboard.type(typed)
    page.wait_for_function(
        "(text) => document.querySelector('#id_estimated_value_net-band').innerText.includes(text)",
        arg=before,
    )
    # A social service has the higher EU threshold: the band changes without a submit.
    page.check("#id_social_service_0")
    page.wait_for_function(
        "(text) => document.querySelector('#id_estimated_value_net-band').innerText.includes(text)",
        arg=after,
    )
    assert re.search(r"2026", band.inner_text())
    assert_accessible(page)
