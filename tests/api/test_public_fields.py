"""No field the portal hides appears in any public endpoint or dump: publication consents,
internal comments and notes, personal data of people (participants, filers, staff),
registrations, tokens. Checked three ways: every public serializer's fields, every property
the schema declares for a public operation, and the keys of real answers and dumps."""

import csv
import io

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from api import serializers as api_serializers
from api.datasets import DATASETS
from api.views_public import (
    AGREEMENT_COLUMNS,
    EVENT_COLUMNS,
    PRACTICE_COLUMNS,
    RESOLUTION_COLUMNS,
)
from casework.kinds.practice.public import PUBLIC_FIELDS
from directory.registry.public import EXPORT_COLUMNS
from events.services import register
from reports import api as reports_api
from tests.casework.factories import draft_case
from tests.catalogue.factories import photo, published_practice
from tests.events.conftest import make_event, person
from tests.registry.factories import make_entry

from .registers import make_agreements, make_body, make_resolutions

pytestmark = pytest.mark.django_db

# Written by hand from the models (directory/registry, events, casework, accounts, api): a
# name here must never be a key of public output.
FORBIDDEN = {
    # publication consents and flags
    "published", "is_published", "consent_address", "consent_contact", "consent_activity",
    "consent_employment", "consent_offer", "consent_ps_status", "photo_consent",
    # internal comments, notes, history of changes
    "comment", "comments", "is_internal", "internal", "body", "notes", "changes", "old_value",
    "new_value", "loss_reason", "reason",
    # people and their contact data
    "user", "users", "full_name", "first_name", "last_name", "person", "persons",
    "participant", "participants", "attendee", "attendees", "filed_by", "applied_by",
    "checked_in_by", "actor", "author", "assignee", "members", "memberships",
    "person_email", "person_phone", "accessibility_needs", "institution", "audience",
    # registrations and their secrets
    "registration", "registrations", "nonce", "hold_until", "confirmed_at", "cancelled_at",
    "certificates", "attendance",
    # tokens and credentials
    "token", "tokens", "secret", "secret_hash", "prefix", "password", "key", "api_key",
    "personal_data_erased_at",
    # good practices: the review (scores, their justifications, the average, who scored and
    # approved), the consents, the search index, the photos' people and uploader. A photo's
    # author is public only inside its printed credit ("author, licence"), as on the pages.
    "score", "scores", "average", "justification", "scored_by", "criterion", "criteria",
    "feedback", "sent_by", "approved_by", "sha256", "contact_consent", "people_shown",
    "people_consent", "uploaded_by", "search_document", "search_folded", "search_vector",
    # partnership agreements: the register shows the signed version's title, parties (name,
    # leader), goals and duration; never the consents, signatures and their certificates, the
    # signers, what each party owes or brings, the rest of the text, nor the drafting state
    "publish_consent", "signed_at", "signature", "signatures", "signer", "signers",
    "signer_email", "signer_emails", "certificate", "may_sign", "membership", "obligations",
    "contribution_money", "contribution_in_kind", "representation", "representation_note",
    "personal_data", "contacts", "governance", "joining_rules", "withdrawal_rules",
    "notice_days", "terminates_on", "annex_summary", "left_at", "withdrawing",
    "current_version", "in_force_version", "signing_due", "origin_case", "organisation_id",
    # resolutions: the register shows the count on each matter; never how each member voted,
    # who was present or recused, who recorded it, the meeting's materials, the raw results
    "vote", "votes", "choice", "member", "seat", "seats", "recused", "eligible", "present",
    "casting_vote", "outcome", "result", "adopted_by", "recorded_by", "materials", "meeting",
    "majority", "procedure",
}  # fmt: skip

PUBLIC_SERIALIZERS = [
    api_serializers.RegistryEntrySerializer,
    api_serializers.EventSerializer,
    api_serializers.SessionSerializer,
    api_serializers.DatasetSerializer,
    api_serializers.PracticeSerializer,
    api_serializers.PracticeOrganisationSerializer,
    api_serializers.PracticeGminaSerializer,
    api_serializers.PracticeContactSerializer,
    api_serializers.PracticePhotoSerializer,
    api_serializers.AgreementSerializer,
    api_serializers.AgreementPartySerializer,
    api_serializers.ResolutionSerializer,
    api_serializers.ResolutionItemSerializer,
    api_serializers.VoteCountSerializer,
    # reports serves the public indicators itself (reports.api)
    reports_api.IndicatorSerializer,
    reports_api.PeriodSerializer,
    reports_api.RowSerializer,
    reports_api.FigureSerializer,
]


def _field_names(serializer) -> set[str]:
    names = set()
    for name, field in serializer.fields.items():
        names.add(name)
        child = getattr(field, "child", field)
        if hasattr(child, "fields"):
            names |= _field_names(child)
    return names


@pytest.mark.parametrize("serializer_class", PUBLIC_SERIALIZERS, ids=lambda c: c.__name__)
def test_no_public_serializer_has_a_forbidden_field(serializer_class):
    names = _field_names(serializer_class())
    assert names
    assert not names & FORBIDDEN


def test_the_dumps_columns_are_not_forbidden():
    assert not set(EXPORT_COLUMNS) & FORBIDDEN
    assert not set(EVENT_COLUMNS) & FORBIDDEN
    assert not set(PRACTICE_COLUMNS) & FORBIDDEN
    assert not set(AGREEMENT_COLUMNS) & FORBIDDEN
    assert not set(RESOLUTION_COLUMNS) & FORBIDDEN


def test_the_practice_serializer_shows_the_kinds_public_fields_only():
    assert list(api_serializers.PracticeSerializer().fields) == list(PUBLIC_FIELDS)


def _properties(schema, components, seen=()) -> set[str]:
    names = set()
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if ref:
            name = ref.rsplit("/", 1)[-1]
            if name in seen:
                return names
            return _properties(components[name], components, (*seen, name))
        for key, value in schema.get("properties", {}).items():
            names.add(key)
            names |= _properties(value, components, seen)
        for key in ("items", "additionalProperties", "allOf", "oneOf", "anyOf"):
            value = schema.get(key)
            for part in value if isinstance(value, list) else [value]:
                names |= _properties(part, components, seen)
    return names


def test_no_public_operation_declares_a_forbidden_property():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    public_ops = [
        op for path, ops in schema["paths"].items() if path.startswith("/api/public/")
        for op in ops.values()
    ]  # fmt: skip
    assert len(public_ops) == 18  # 16, and the indicators' two dumps (reports.api)
    for operation in public_ops:
        for code, response in operation["responses"].items():
            for media in response.get("content", {}).values():
                found = _properties(media.get("schema", {}), components)
                assert not found & FORBIDDEN, (operation["operationId"], code)
        assert "security" not in operation or operation["security"] == [{}], operation


#: Text the pages never show: a participant, a contact without consent, an agreement's
#: contacts, a party's obligations and money, a resolution's notes, the meeting's materials.
SECRETS = (
    "uczestnik7@example.pl", "Uczestnik Numer7", "Jan Ukryty", "ukryty@example",
    "jan@gmina.pl", "Jan Kowalski", "Rekrutacja uczestników", "12500", "notatka",
    "Materiały wewnętrzne", "committee@example.pl",
)  # fmt: skip


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_real_answers_and_dumps_carry_no_forbidden_key_nor_personal_data(
    api, teryt, committee_body, committee_member, gmina_org, municipality_user
):
    entry = make_entry(rich=True, offer="catering")
    event = make_event(capacity=5)
    register(event, data=person(7))
    practice = published_practice(
        contact_name="Jan Ukryty", contact_email="ukryty@example.pl", contact_consent=False
    )
    photo(practice)
    agreement = make_agreements(1)[0]
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    resolution = make_resolutions(
        1, body=make_body(committee_body), recorder=committee_member, case=case
    )[0]
    answers = [
        api.get(reverse("api:registry-list")).json(),
        api.get(reverse("api:registry-detail", args=[entry.pk])).json(),
        api.get(reverse("api:event-list")).json(),
        api.get(reverse("api:event-detail", args=[event.pk])).json(),
        api.get(reverse("api:dataset-list")).json(),
        api.get(reverse("api:practice-list")).json(),
        api.get(reverse("reports_api:indicator-list")).json(),
        api.get(reverse("api:practice-detail", args=[practice.pk])).json(),
        api.get(reverse("api:agreement-list")).json(),
        api.get(reverse("api:agreement-detail", args=[agreement.pk])).json(),
        api.get(reverse("api:resolution-list")).json(),
        api.get(reverse("api:resolution-detail", args=[resolution.pk])).json(),
        *(api.get(reverse("api:dataset-json", args=[s])).json() for s in DATASETS),
    ]
    for answer in answers:
        assert not _keys(answer) & FORBIDDEN
    for slug in DATASETS:
        text = api.get(reverse("api:dataset-csv", args=[slug])).content.decode()
        assert not set(next(csv.reader(io.StringIO(text)))) & FORBIDDEN
        for secret in SECRETS:
            assert secret not in text
    everything = str(answers)
    for secret in SECRETS:
        assert secret not in everything
    assert practice.pk in [p["id"] for p in answers[5]["results"]]
    assert [a["id"] for a in answers[8]["results"]] == [agreement.pk]
    assert [r["id"] for r in answers[10]["results"]] == [resolution.pk]
