"""The public register: agreements in force and past, with their parties, goals and
duration; the PDF only where every party consented; registry profiles link to them; drafts
and agreements still being signed are not there."""

import pytest
from django.urls import reverse

from casework.kinds.agreement.models import AgreementParty
from casework.kinds.agreement.services import agreement_sign
from directory.models import RegistryEntry
from documents.models import Document
from documents.services import document_render

pytestmark = pytest.mark.django_db


def _sign_all(case, parties, consents):
    sha = case.agreement.current_version.sha256
    order = [("wojt", 0), ("a", 1), ("b", 1), ("owes", 2)]
    rows = list(AgreementParty.objects.filter(agreement_id=case.pk).order_by("-is_leader", "pk"))
    for name, index in order:
        case.refresh_from_db()
        agreement_sign(
            case=case,
            actor=parties[name],
            party=rows[index],
            sha256=sha,
            publish_consent=consents[index],
        )


def test_only_agreements_in_force_or_past_are_listed(client, signing, parties):
    listing = reverse("portal:agreements")
    detail = reverse("portal:agreement", args=[signing.pk])
    assert signing.title not in client.get(listing).content.decode()
    assert client.get(detail).status_code == 404
    _sign_all(signing, parties, [True, True, True])
    page = client.get(listing).content.decode()
    assert signing.title in page
    assert "OWES Kielce" in page
    document = Document.objects.get(kind="agreement_signed")
    document_render(document_id=document.pk)
    page = client.get(detail).content.decode()
    assert "Rozwój ekonomii społecznej w gminie." in page
    assert reverse("documents:download", args=[document.pk]) in page
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 200


def test_without_one_partys_consent_there_is_no_pdf(client, signing, parties):
    _sign_all(signing, parties, [True, False, True])
    document = Document.objects.get(kind="agreement_signed")
    document_render(document_id=document.pk)
    page = client.get(reverse("portal:agreement", args=[signing.pk])).content.decode()
    assert signing.title in page
    assert reverse("documents:download", args=[document.pk]) not in page
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_a_partys_registry_profile_links_to_its_agreements(client, signing, parties, owes):
    entry = RegistryEntry.objects.create(organisation=owes, kind=owes.kind, published=True)
    page = client.get(reverse("portal:registry-entry", args=[entry.pk]))
    assert page.status_code == 200
    assert reverse("portal:agreement", args=[signing.pk]) not in page.content.decode()
    _sign_all(signing, parties, [True, True, True])
    page = client.get(reverse("portal:registry-entry", args=[entry.pk]))
    assert reverse("portal:agreement", args=[signing.pk]) in page.content.decode()
