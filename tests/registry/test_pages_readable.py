"""Registry pages read as a person reads them: labels not field names, page links, described
fields, error messages announced at once."""

import re

import pytest
from django.urls import reverse

from directory.constants import OrganisationKind
from directory.registry import services
from tests.factories import MembershipFactory

from .factories import make_entry


@pytest.fixture
def entry(teryt):
    return make_entry("Czytelna Spółdzielnia", offer="obiady")


def _history(client, entry, **params):
    url = reverse("directory:registry-history", args=[entry.pk])
    return client.get(url, params).content.decode()


def test_history_shows_translated_labels_yes_no_and_choice_labels_not_codes(
    client, entry, coordinator
):
    services.registry_entry_update(
        entry=entry,
        changes={
            "ready_for_public_contracts": True,
            "consent_address": False,
            "kind": OrganisationKind.FOUNDATION,
            "sectors": ["gastronomy", "cleaning"],
        },
        actor=coordinator,
    )
    client.force_login(coordinator)
    page = _history(client, entry)
    cells = re.findall(r"<td>(.*?)</td>", page)
    assert "Gotowość do realizacji zamówień publicznych" in cells
    assert "Publikuj adres" in cells
    assert "Forma prawna" in cells
    assert "tak" in cells
    assert "nie" in cells
    assert "spółdzielnia socjalna" in cells
    assert "fundacja" in cells
    assert "catering i gastronomia, sprzątanie i utrzymanie czystości" in cells
    for raw in (
        "ready_for_public_contracts",
        "consent_address",
        "true",
        "false",
        "social_cooperative",
        "foundation",
        "gastronomy, cleaning",
    ):
        assert raw not in cells


def test_history_labels_collections_and_ps_status(client, coordinator, teryt):
    entry = make_entry(rich=True)
    services.registry_pkd_set(entry=entry, codes=[("2025", "88.10.Z", True)], actor=coordinator)
    client.force_login(coordinator)
    cells = re.findall(r"<td>(.*?)</td>", _history(client, entry))
    assert "Kody PKD" in cells
    assert "pkd" not in cells


def test_history_links_to_the_next_page_and_it_is_reachable(
    client, entry, coordinator, monkeypatch
):
    monkeypatch.setattr("directory.registry.views.HISTORY_PAGE_SIZE", 3)
    assert entry.changes.count() > 3
    client.force_login(coordinator)
    first = _history(client, entry)
    assert 'href="?page=2"' in first
    second = _history(client, entry, page=2)
    assert "Strona 2 z" in second
    assert 'href="?page=1"' in second


def test_proposal_list_links_pages_and_keeps_the_status(client, coordinator, monkeypatch, teryt):
    monkeypatch.setattr("directory.registry.views.STAFF_PAGE_SIZE", 1)
    for n in range(2):
        e = make_entry(f"Propozycja {n}")
        rep = MembershipFactory(organisation=e.organisation, user__email=f"rep{n}@pes.pl").user
        services.proposal_create(entry=e, proposed_by=rep, values={"offer": f"oferta {n}"})
    client.force_login(coordinator)
    url = reverse("directory:registry-proposals")
    first = client.get(url, {"status": "pending"}).content.decode()
    assert 'href="?status=pending&amp;page=2"' in first
    assert "Propozycja 0" in first
    second = client.get(url, {"status": "pending", "page": 2}).content.decode()
    assert "Propozycja 1" in second
    assert "Propozycja 0" not in second
    assert "<caption" in second


def test_help_text_has_the_id_the_input_is_described_by(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("directory:registry-import")).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described
    for ids in described:
        for target in ids.split():
            assert f'id="{target}"' in page


def test_my_entries_proposal_table_has_a_caption(client, entry):
    rep = MembershipFactory(organisation=entry.organisation, user__email="rep@pes.pl").user
    services.proposal_create(entry=entry, proposed_by=rep, values={"offer": "catering"})
    client.force_login(rep)
    page = client.get(reverse("directory:registry-mine")).content.decode()
    assert '<caption class="visually-hidden">Twoje ostatnie propozycje i ich status</caption>' in (
        page
    )


def test_error_messages_are_alerts_and_others_are_status(client, entry, coordinator):
    rep = MembershipFactory(organisation=entry.organisation, user__email="rep@pes.pl").user
    proposal = services.proposal_create(entry=entry, proposed_by=rep, values={"offer": "x"})
    client.force_login(coordinator)
    url = reverse("directory:registry-proposal", args=[proposal.pk])
    ok = client.post(url, {"action": "accept"}, follow=True).content.decode()
    status = re.search(r'<div role="status">(.*?)</div>', ok, re.S).group(1)
    assert "message-success" in status
    assert 'role="alert"' not in ok
    again = client.post(url, {"action": "accept"}, follow=True).content.decode()
    alert = re.search(r'<div role="alert">(.*?)</div>', again, re.S).group(1)
    assert "message-error" in alert
    assert '<div role="status">' not in again
