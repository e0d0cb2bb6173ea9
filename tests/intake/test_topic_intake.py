"""Topic intake: drafts save incomplete, submitting names every missing field, JSON round trips."""

import json

import pytest
from django.core.exceptions import ValidationError

from casework.kinds.advisory.intake.constants import Topic
from casework.kinds.advisory.intake.forms import (
    INCOMPLETE_SUBMISSION,
    INTAKE_FORMS,
    REQUIRED_FOR_SUBMISSION,
)
from casework.kinds.advisory.intake.topics import (
    MODE_DRAFT,
    MODE_SUBMIT,
    UNKNOWN_TOPIC,
    check_complete,
    form_class_for,
    intake_form,
    missing_fields,
    requester_initial,
)

COMMON = {
    "requester_regon": "123456785",
    "requester_teryt": "2661011",
    "contact_name": "Anna Kowalska",
    "contact_email": "anna.kowalska@kielce.eu",
    "contact_phone": "+48 41 367 00 00",
    "question": "Jak zastosować klauzule społeczne w przetargu na sprzątanie?",
}

COMPLETE = {
    Topic.SOCIAL_CLAUSES: {
        **COMMON,
        "contract_title": "Sprzątanie budynków Urzędu Miasta",
        "contract_description": "Codzienne sprzątanie 3 budynków przez 24 miesiące.",
        "contract_type": "services",
        "cpv_main": "90910000-9",
        "cpv_additional": "90911000-6, 90919200-4",
        "social_service": "no",
        "estimated_value_net": "480 000,00",
        "procedure_type": "basic",
        "lots_count": "2",
        "lots_description": "Część 1: budynek A; część 2: budynki B i C.",
        "duration_months": "24",
        "planned_publication": "2026-03-02",
        "eu_cofinanced": "yes",
        "eu_programme": "FEŚ 2021-2027",
        "clause_types": ["art94", "art95"],
        "target_groups": ["disabled", "long_term_unemployed"],
        "people_to_employ": "2 osoby",
        "verification_sanctions": "Oświadczenie i kopie umów; kara 500 zł za każdy dzień.",
        "known_pes": "Spółdzielnia Socjalna Czysty Dom",
        "requested_date": "2026-02-15",
    },
    Topic.LOCAL_PLAN: {
        **COMMON,
        "strategy_documents": ["development_strategy", "social_problems_strategy"],
        "stage": "drafting",
        "sections_for_review": ["diagnosis", "actions", "indicators"],
        "adoption_deadline": "2026-06-30",
    },
    Topic.SOCIAL_SERVICES: {
        **COMMON,
        "services": ["care", "meals"],
        "current_delivery": "in_house",
        "planned_route": "open_call",
        "recipients_estimate": "40",
        "planned_start": "2026-07-01",
    },
    Topic.ACTIVE_INTEGRATION: {
        **COMMON,
        "instruments": ["cis", "legal_persons_cooperative"],
        "target_groups": ["long_term_unemployed", "homeless"],
        "participants_estimate": "25",
        "existing_resources": "Budynek po szkole w Nowinach.",
    },
    Topic.COOPERATION: {
        **COMMON,
        "partner_kinds": ["ops", "pup", "ngo"],
        "partner_names": "GOPS, PUP w Kielcach, Stowarzyszenie Razem",
        "goal": "Wspólny program aktywizacji osób długotrwale bezrobotnych.",
        "planned_form": "agreement",
        "planned_start": "2026-04-01",
    },
}

TOPICS = list(Topic)


def test_there_are_five_topics_each_with_its_form():
    assert len(TOPICS) == 5
    assert set(INTAKE_FORMS) == set(TOPICS)


@pytest.mark.parametrize("topic", TOPICS)
def test_empty_draft_saves(topic):
    form = intake_form(topic, data={}, mode=MODE_DRAFT)
    assert form.is_valid(), form.errors
    assert form.to_json() == {}


@pytest.mark.parametrize("topic", TOPICS)
def test_submitting_an_empty_request_names_every_missing_field(topic):
    form = intake_form(topic, data={}, mode=MODE_SUBMIT)
    assert not form.is_valid()
    required = form_class_for(topic).required_field_names({})
    assert required  # every topic asks for something
    summary = form.non_field_errors()[0]
    for name in required:
        assert form.errors[name] == [str(REQUIRED_FOR_SUBMISSION)]
        assert str(form.fields[name].label) in summary
    assert summary.startswith(str(INCOMPLETE_SUBMISSION).split("%")[0])


@pytest.mark.parametrize("topic", TOPICS)
def test_submitting_a_partly_filled_request_names_exactly_what_is_missing(topic):
    data = dict(COMPLETE[topic])
    removed = ["contact_email", "question"]
    for name in removed:
        del data[name]
    form = intake_form(topic, data=data, mode=MODE_SUBMIT)
    assert not form.is_valid()
    assert sorted(form.errors) == sorted([*removed, "__all__"])
    assert [name for name, _label in missing_fields(topic, form.to_json())] == removed


@pytest.mark.parametrize("topic", TOPICS)
def test_complete_request_may_be_submitted(topic):
    form = intake_form(topic, data=COMPLETE[topic], mode=MODE_SUBMIT)
    assert form.is_valid(), form.errors
    assert missing_fields(topic, form.to_json()) == []
    check_complete(topic, form.to_json())


@pytest.mark.parametrize("topic", TOPICS)
def test_intake_round_trips_through_json(topic):
    form = intake_form(topic, data=COMPLETE[topic], mode=MODE_SUBMIT)
    assert form.is_valid(), form.errors
    stored = json.loads(json.dumps(form.to_json()))
    again = intake_form(topic, intake=stored, mode=MODE_SUBMIT)
    assert again.is_valid(), again.errors
    assert again.to_json() == stored


@pytest.mark.parametrize("topic", TOPICS)
def test_partial_draft_round_trips_through_json(topic):
    data = {k: v for k, v in COMPLETE[topic].items() if k in ("contact_name", "question")}
    form = intake_form(topic, data=data, mode=MODE_DRAFT)
    assert form.is_valid(), form.errors
    stored = json.loads(json.dumps(form.to_json()))
    assert stored == data
    assert intake_form(topic, intake=stored).is_valid()


def test_social_clauses_json_is_typed_for_storage():
    form = intake_form(Topic.SOCIAL_CLAUSES, data=COMPLETE[Topic.SOCIAL_CLAUSES], mode=MODE_SUBMIT)
    assert form.is_valid(), form.errors
    stored = form.to_json()
    assert stored["estimated_value_net"] == "480000.00"
    assert stored["planned_publication"] == "2026-03-02"
    assert stored["eu_cofinanced"] is True
    assert stored["social_service"] is False
    assert stored["lots_count"] == 2
    assert stored["cpv_additional"] == ["90911000-6", "90919200-4"]
    assert stored["threshold_band"] == "national"


def test_social_clauses_band_follows_the_value_and_social_service_flag():
    data = {**COMPLETE[Topic.SOCIAL_CLAUSES], "estimated_value_net": "1 500 000"}
    assert intake_form(Topic.SOCIAL_CLAUSES, data=data).is_valid()
    form = intake_form(Topic.SOCIAL_CLAUSES, data=data)
    form.is_valid()
    assert form.to_json()["threshold_band"] == "eu"
    form = intake_form(Topic.SOCIAL_CLAUSES, data={**data, "social_service": "yes"})
    form.is_valid()
    assert form.to_json()["threshold_band"] == "national"
    form = intake_form(Topic.SOCIAL_CLAUSES, data={"estimated_value_net": "99 000"})
    form.is_valid()
    assert "threshold_band" not in form.to_json()  # no band without the type of contract


def test_draft_still_refuses_a_bad_cpv_code():
    form = intake_form(Topic.SOCIAL_CLAUSES, data={"cpv_main": "90910000-1"}, mode=MODE_DRAFT)
    assert not form.is_valid()
    assert "90910000-1" in form.errors["cpv_main"][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("requester_regon", "123456789"),
        ("contact_email", "not-an-email"),
        ("cpv_additional", "90910000-9, 11111111-1"),
        ("estimated_value_net", "dużo"),
        ("duration_months", "0"),
        ("planned_publication", "31.02.2026"),
        ("clause_types", ["art999"]),
    ],
)
def test_draft_validates_whatever_is_filled_in(field, value):
    form = intake_form(Topic.SOCIAL_CLAUSES, data={field: value}, mode=MODE_DRAFT)
    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_refused_value_is_not_also_reported_as_missing():
    data = {**COMPLETE[Topic.SOCIAL_CLAUSES], "cpv_main": "90910000-1"}
    form = intake_form(Topic.SOCIAL_CLAUSES, data=data, mode=MODE_SUBMIT)
    assert not form.is_valid()
    assert list(form.errors) == ["cpv_main"]
    assert str(REQUIRED_FOR_SUBMISSION) not in form.errors["cpv_main"]


def test_main_cpv_code_is_not_repeated_among_additional_codes():
    data = {"cpv_main": "90910000-9", "cpv_additional": "90910000-9, 90911000-6"}
    form = intake_form(Topic.SOCIAL_CLAUSES, data=data)
    assert form.is_valid(), form.errors
    assert form.to_json()["cpv_additional"] == ["90911000-6"]


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"eu_programme": ""}, ["eu_programme"]),
        ({"eu_cofinanced": "no", "eu_programme": ""}, []),
        ({"lots_description": ""}, ["lots_description"]),
        ({"lots_count": "1", "lots_description": ""}, []),
        ({"target_groups": [], "people_to_employ": ""}, ["target_groups", "people_to_employ"]),
        ({"clause_types": ["art95"], "target_groups": [], "people_to_employ": ""}, []),
        ({"target_groups": ["other"]}, ["target_groups_other"]),
    ],
)
def test_social_clauses_conditional_fields(changes, missing):
    data = {**COMPLETE[Topic.SOCIAL_CLAUSES], **changes}
    form = intake_form(Topic.SOCIAL_CLAUSES, data=data, mode=MODE_SUBMIT)
    assert form.is_valid() is (not missing), form.errors
    assert sorted(n for n in form.errors if n != "__all__") == sorted(missing)


@pytest.mark.parametrize(
    ("topic", "changes", "missing"),
    [
        (Topic.LOCAL_PLAN, {"strategy_documents": ["other"]}, ["strategy_documents_other"]),
        (Topic.SOCIAL_SERVICES, {"services": ["other"]}, ["services_other"]),
        (Topic.ACTIVE_INTEGRATION, {"instruments": ["cis", "other"]}, ["instruments_other"]),
        (Topic.ACTIVE_INTEGRATION, {"target_groups": ["other"]}, ["target_groups_other"]),
    ],
)
def test_other_choice_needs_its_description(topic, changes, missing):
    form = intake_form(topic, data={**COMPLETE[topic], **changes}, mode=MODE_SUBMIT)
    assert not form.is_valid()
    assert sorted(n for n in form.errors if n != "__all__") == missing


def test_art361_over_three_years_is_a_warning_not_an_error():
    data = {
        **COMPLETE[Topic.SOCIAL_CLAUSES],
        "clause_types": ["art361"],
        "social_service": "yes",
        "duration_months": "48",
    }
    form = intake_form(Topic.SOCIAL_CLAUSES, data=data, mode=MODE_SUBMIT)
    assert form.is_valid(), form.errors
    assert len(form.warnings) == 1
    assert "48" in form.warnings[0]


def test_missing_fields_reads_stored_json():
    stored = {"contact_name": "Anna", "lots_count": 3, "eu_cofinanced": True}
    names = [name for name, _label in missing_fields(Topic.SOCIAL_CLAUSES, stored)]
    assert "contact_name" not in names
    assert {"lots_description", "eu_programme", "requester_regon"} <= set(names)
    labels = dict(missing_fields(Topic.SOCIAL_CLAUSES, stored))
    assert labels["eu_programme"] == str(
        form_class_for(Topic.SOCIAL_CLAUSES).base_fields["eu_programme"].label
    )


def test_check_complete_names_every_missing_field():
    with pytest.raises(ValidationError) as caught:
        check_complete(Topic.COOPERATION, {"goal": "x"})
    message = caught.value.messages[0]
    for _name, label in missing_fields(Topic.COOPERATION, {"goal": "x"}):
        assert label in message
    assert "Goal of the cooperation" not in message


def test_unknown_topic_is_refused():
    with pytest.raises(ValidationError) as caught:
        intake_form("astrology", data={})
    assert caught.value.error_list[0].message == UNKNOWN_TOPIC


def test_form_mode_must_be_draft_or_submit():
    with pytest.raises(ValueError, match="mode"):
        intake_form(Topic.COOPERATION, data={}, mode="final")


@pytest.mark.django_db
def test_requester_fields_come_from_the_organisation():
    from tests.factories import OrganisationFactory, TerritorialUnitFactory

    gmina = TerritorialUnitFactory(code="2661011", name="Kielce")
    organisation = OrganisationFactory(
        kind="gmina", regon="123456785", gmina=gmina, email="um@kielce.eu"
    )
    initial = requester_initial(organisation)
    assert initial == {
        "requester_regon": "123456785",
        "requester_teryt": "2661011",
        "contact_email": "um@kielce.eu",
    }
    form = intake_form(Topic.LOCAL_PLAN, initial=initial)
    assert 'value="2661011"' in str(form["requester_teryt"])
