"""Representatives propose changes to their own entry; a coordinator accepts or rejects."""

import datetime

import pytest
from django.urls import reverse

from directory.models import ChangeProposal, RegistryChange
from directory.registry import services
from tests.factories import MembershipFactory

from .factories import make_entry


@pytest.fixture
def own_entry(teryt):
    return make_entry("Nasza Spółdzielnia", offer="obiady")


@pytest.fixture
def representative(own_entry):
    return MembershipFactory(organisation=own_entry.organisation, user__email="rep@pes.pl").user


def _form_data(entry, **changes):
    org = entry.organisation
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "street": org.street,
        "postal_code": org.postal_code,
        "locality": org.locality,
        "email": org.email,
        "phone": org.phone,
        "website": org.website,
        "offer": entry.offer,
        **{
            f"consent_{g}": "on"
            for g in ("address", "contact", "activity", "employment", "offer", "ps_status")
        },
    }
    data.update(changes)
    return data


def test_representative_proposes_and_the_entry_is_unchanged_until_accepted(
    client, own_entry, representative
):
    client.force_login(representative)
    url = reverse("directory:registry-propose", args=[own_entry.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(own_entry, offer="obiady i catering"))
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert proposal.changes == {"offer": ["obiady", "obiady i catering"]}
    own_entry.refresh_from_db()
    assert own_entry.offer == "obiady"


def test_representative_of_another_organisation_gets_404(client, own_entry, organisation_user):
    client.force_login(organisation_user)
    url = reverse("directory:registry-propose", args=[own_entry.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _form_data(own_entry, offer="przejęte")).status_code == 404
    assert not ChangeProposal.objects.exists()


def test_former_member_cannot_propose(client, own_entry):
    import datetime

    former = MembershipFactory(
        organisation=own_entry.organisation, valid_to=datetime.date(2024, 1, 1)
    ).user
    client.force_login(former)
    assert client.get(reverse("directory:registry-propose", args=[own_entry.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, own_entry):
    response = client.get(reverse("directory:registry-propose", args=[own_entry.pk]))
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_unchanged_proposal_is_a_form_error(client, own_entry, representative):
    client.force_login(representative)
    response = client.post(
        reverse("directory:registry-propose", args=[own_entry.pk]), _form_data(own_entry)
    )
    assert response.status_code == 200
    assert str(services.PROPOSAL_EMPTY) in response.content.decode()
    assert not ChangeProposal.objects.exists()


def test_coordinator_accepts_and_history_shows_reviewer_old_and_new(
    client, own_entry, representative, coordinator
):
    proposal = services.proposal_create(
        entry=own_entry,
        proposed_by=representative,
        values={"offer": "catering", "sectors": ["gastronomy"]},
    )
    client.force_login(coordinator)
    url = reverse("directory:registry-proposal", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert "obiady" in page
    assert "catering" in page
    assert client.post(url, {"action": "accept"}).status_code == 302
    own_entry.refresh_from_db()
    assert own_entry.offer == "catering"
    assert own_entry.sectors == ["gastronomy"]
    change = RegistryChange.objects.get(field="offer", proposal=proposal)
    assert (change.old_value, change.new_value, change.actor) == ("obiady", "catering", coordinator)
    assert change.source == "proposal"
    history = client.get(
        reverse("directory:registry-history", args=[own_entry.pk])
    ).content.decode()
    assert "obiady" in history
    assert "catering" in history
    assert coordinator.full_name in history
    # A reviewed proposal cannot be accepted twice.
    client.post(url, {"action": "accept"})
    assert RegistryChange.objects.filter(proposal=proposal).count() == 2


def test_rejection_needs_a_reason_and_leaves_the_entry(
    client, own_entry, representative, coordinator
):
    proposal = services.proposal_create(
        entry=own_entry, proposed_by=representative, values={"offer": "x"}
    )
    client.force_login(coordinator)
    url = reverse("directory:registry-proposal", args=[proposal.pk])
    response = client.post(url, {"action": "reject", "reason": ""})
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    client.post(url, {"action": "reject", "reason": "Nieaktualne dane"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason, proposal.reviewer) == (
        "rejected",
        "Nieaktualne dane",
        coordinator,
    )
    own_entry.refresh_from_db()
    assert own_entry.offer == "obiady"


@pytest.mark.parametrize(
    "who", ["advisor", "organisation_user", "municipality_user", "committee_member"]
)
def test_only_coordinators_review_proposals_and_import(
    client, own_entry, representative, who, request
):
    proposal = services.proposal_create(
        entry=own_entry, proposed_by=representative, values={"offer": "x"}
    )
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("directory:registry-proposal", args=[proposal.pk]),
        reverse("directory:registry-proposals"),
        reverse("directory:registry-import"),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("directory:registry-proposal", args=[proposal.pk]), {"action": "accept"}
        ).status_code
        == 404
    )
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_representative_cannot_review_own_proposal(client, own_entry, representative):
    proposal = services.proposal_create(
        entry=own_entry, proposed_by=representative, values={"offer": "x"}
    )
    client.force_login(representative)
    url = reverse("directory:registry-proposal", args=[proposal.pk])
    assert client.post(url, {"action": "accept"}).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("advisor", 200),
        ("coordinator", 200),
        ("organisation_user", 404),
        ("municipality_user", 404),
    ],
)
def test_staff_list_and_history_are_for_staff(client, own_entry, who, status, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("directory:registry-staff")).status_code == status
    assert (
        client.get(reverse("directory:registry-history", args=[own_entry.pk])).status_code == status
    )


def test_representative_sees_own_history_and_my_entries(client, own_entry, representative):
    client.force_login(representative)
    assert client.get(reverse("directory:registry-history", args=[own_entry.pk])).status_code == 200
    page = client.get(reverse("directory:registry-mine")).content.decode()
    assert "Nasza Spółdzielnia" in page


def test_staff_list_flags_entries_not_verified_for_a_year(client, teryt, coordinator):
    from django.utils import timezone

    make_entry("Świeża", last_verified_on=timezone.localdate())
    make_entry("Zapomniana", last_verified_on=timezone.localdate().replace(year=2020))
    client.force_login(coordinator)
    response = client.get(reverse("directory:registry-staff") + "?stale=1")
    names = [e.organisation.name for e in response.context["page"]]
    assert names == ["Zapomniana"]
    response = client.get(reverse("directory:registry-staff"))
    flags = {e.organisation.name: e.is_stale for e in response.context["page"]}
    assert flags == {"Świeża": False, "Zapomniana": True}
    assert response.content.decode().count("niezweryfikowany od 12 miesięcy") == 1


def test_coordinator_import_page_dry_run_and_apply(client, teryt, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .factories import make_nip

    content = (
        f"name;legal_form;nip;gmina_teryt\nNowa;fundacja;{make_nip(9)};2661011\n"
        "Zła;fundacja;123;2661011\n"
    ).encode()
    client.force_login(coordinator)
    url = reverse("directory:registry-import")
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", content)})
    assert response.status_code == 200
    report = response.context["report"]
    assert [r.line for r in report.refused] == [3]
    from directory.models import RegistryEntry

    assert not RegistryEntry.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("a.txt", content), "apply": "on"})
    assert response.context["form"].errors


def test_staff_mark_verified_and_coordinator_records_ps_decisions(client, own_entry, coordinator):
    from django.utils import timezone

    client.force_login(coordinator)
    url = reverse("directory:registry-entry", args=[own_entry.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "verify"})
    own_entry.refresh_from_db()
    assert own_entry.last_verified_on == timezone.localdate()
    assert RegistryChange.objects.filter(field="last_verified_on", actor=coordinator).exists()
    response = client.post(
        url,
        {
            "action": "ps_grant",
            "grant-purpose": "reintegration",
            "grant-decision_number": "WPS.II.1.2026",
            "grant-decision_date": "2026-02-03",
        },
    )
    assert response.status_code == 302
    own_entry.refresh_from_db()
    assert own_entry.is_social_enterprise
    client.post(
        url, {"action": "ps_lose", "lose-lost_on": "2026-09-30", "lose-reason": "sprawozdanie"}
    )
    own_entry.refresh_from_db()
    assert not own_entry.is_social_enterprise
    assert own_entry.ps_periods.get().loss_reason == "sprawozdanie"


def test_advisor_may_verify_but_not_record_ps_decisions(client, own_entry, advisor):
    client.force_login(advisor)
    url = reverse("directory:registry-entry", args=[own_entry.pk])
    assert client.get(url).status_code == 200
    data = {
        "action": "ps_grant",
        "grant-purpose": "reintegration",
        "grant-decision_number": "X",
        "grant-decision_date": "2026-02-03",
    }
    assert client.post(url, data).status_code == 404
    own_entry.refresh_from_db()
    assert not own_entry.is_social_enterprise


def test_representative_cannot_open_the_staff_entry_page(client, own_entry, representative):
    client.force_login(representative)
    url = reverse("directory:registry-entry", args=[own_entry.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "verify"}).status_code == 404


def test_personal_data_export_lists_proposals_and_changes(own_entry, representative, coordinator):
    from directory.registry.personal_data import export

    proposal = services.proposal_create(
        entry=own_entry, proposed_by=representative, values={"offer": "nowa"}
    )
    services.proposal_accept(proposal=proposal, reviewer=coordinator)
    mine = export(representative)
    assert [p["role"] for p in mine["registry_proposals"]] == ["proposed"]
    assert mine["registry_changes"] == []
    theirs = export(coordinator)
    assert [p["role"] for p in theirs["registry_proposals"]] == ["reviewed"]
    assert [c["new_value"] for c in theirs["registry_changes"]] == ["nowa"]


def test_coordinator_edits_an_entry_with_history(client, own_entry, coordinator):
    client.force_login(coordinator)
    url = reverse("directory:registry-edit", args=[own_entry.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = _form_data(own_entry, offer="obiady i kolacje", name="Nasza Spółdzielnia Socjalna")
    org = own_entry.organisation
    data.update(
        {
            "kind": org.kind,
            "nip": org.nip,
            "regon": org.regon,
            "gmina": org.gmina_id,
            "source": "manual",
            "published": "on",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    own_entry.refresh_from_db()
    assert own_entry.offer == "obiady i kolacje"
    fields = set(RegistryChange.objects.filter(actor=coordinator).values_list("field", flat=True))
    assert fields == {"offer", "name"}


def test_coordinator_edit_refuses_a_bad_nip_and_stores_nothing(client, own_entry, coordinator):
    client.force_login(coordinator)
    org = own_entry.organisation
    data = _form_data(own_entry, offer="zmiana")
    data.update({"kind": org.kind, "nip": "1234567890", "source": "manual", "published": "on"})
    response = client.post(reverse("directory:registry-edit", args=[own_entry.pk]), data)
    assert response.status_code == 200
    assert "nip" in response.context["form"].errors
    own_entry.refresh_from_db()
    assert own_entry.offer == "obiady"


@pytest.mark.parametrize("who", ["advisor", "representative"])
def test_only_the_coordinator_edits_entries(client, own_entry, who, request):
    client.force_login(request.getfixturevalue(who))
    url = reverse("directory:registry-edit", args=[own_entry.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "x"}).status_code == 404


def test_bulk_verification_writes_a_history_row_per_entry(client, teryt, advisor):
    from django.utils import timezone

    entries = [make_entry(f"Do weryfikacji {i}") for i in range(3)]
    other = make_entry("Nie zaznaczony")
    client.force_login(advisor)
    response = client.post(
        reverse("directory:registry-bulk-verify"), {"entry": [str(e.pk) for e in entries]}
    )
    assert response.status_code == 302
    rows = RegistryChange.objects.filter(field="last_verified_on", actor=advisor)
    assert sorted(rows.values_list("entry_id", flat=True)) == sorted(e.pk for e in entries)
    assert rows.first().new_value == timezone.localdate().isoformat()
    other.refresh_from_db()
    assert other.last_verified_on is None


def test_bulk_verification_is_for_staff_only(client, own_entry, representative):
    client.force_login(representative)
    url = reverse("directory:registry-bulk-verify")
    assert client.post(url, {"entry": [str(own_entry.pk)]}).status_code == 404
    own_entry.refresh_from_db()
    assert own_entry.last_verified_on is None


def test_the_edit_form_shows_the_saved_registration_date_in_the_pickers_format(
    client, own_entry, coordinator
):
    """A date input takes only YYYY-MM-DD: Django's own widget printed the Polish
    "04.03.2019", the browser showed an empty field, and saving the form lost the date."""
    own_entry.registration_date = datetime.date(2019, 3, 4)
    own_entry.save(update_fields=["registration_date"])
    client.force_login(coordinator)
    page = client.get(reverse("directory:registry-edit", args=[own_entry.pk])).content.decode()
    assert 'type="date"' in page
    assert 'value="2019-03-04"' in page
