"""On PostgreSQL, triggers keep the status and the audit log honest whatever the code path."""

import pytest
from django.db import IntegrityError, connection, transaction

from casework.models import Case, CaseEvent
from tests.casework.factories import draft_case
from workflows.services import transition_apply

pytestmark = [pytest.mark.django_db, pytest.mark.pg_only]


@pytest.fixture
def submitted(gmina_org, municipality_user):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    return transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )


def refused_by_the_database(statement):
    with pytest.raises(IntegrityError, match="esflow"), transaction.atomic():
        statement()


def test_queryset_update_of_status_is_refused(submitted):
    refused_by_the_database(lambda: Case.objects.filter(pk=submitted.pk).update(status="closed"))
    assert Case.objects.get(pk=submitted.pk).status == "submitted"


def test_raw_sql_update_of_status_is_refused(submitted):
    def raw():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE casework_case SET status = 'closed' WHERE id = %s", [submitted.pk]
            )

    refused_by_the_database(raw)
    assert Case.objects.get(pk=submitted.pk).status == "submitted"


def test_saving_a_changed_status_as_the_admin_would_is_refused(submitted):
    case = Case.objects.get(pk=submitted.pk)
    case.status = "closed"
    refused_by_the_database(case.save)


def test_other_fields_still_change_freely(submitted):
    Case.objects.filter(pk=submitted.pk).update(title="Nowy tytuł")
    assert Case.objects.get(pk=submitted.pk).title == "Nowy tytuł"


def test_an_event_row_can_be_neither_updated_nor_deleted(submitted):
    event = CaseEvent.objects.get(case=submitted)
    refused_by_the_database(lambda: CaseEvent.objects.filter(pk=event.pk).update(action="x"))
    refused_by_the_database(lambda: CaseEvent.objects.filter(pk=event.pk).delete())

    def raw_delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM casework_caseevent WHERE id = %s", [event.pk])

    refused_by_the_database(raw_delete)
    assert CaseEvent.objects.get(pk=event.pk).action == "submit"


def test_the_same_change_through_transition_apply_succeeds(submitted, advisor):
    case = transition_apply(
        case=submitted, expected_status=submitted.status, name="accept", actor=advisor, data={}
    )
    assert Case.objects.get(pk=case.pk).status == "in_review"


def test_the_gate_closes_again_inside_the_transition_transaction(submitted, advisor):
    with transaction.atomic():
        transition_apply(
            case=submitted, expected_status=submitted.status, name="accept", actor=advisor, data={}
        )
        refused_by_the_database(
            lambda: Case.objects.filter(pk=submitted.pk).update(status="closed")
        )
    assert Case.objects.get(pk=submitted.pk).status == "in_review"


def set_gate(value):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('esflow.transition', %s, true)", [value])


def test_the_old_on_switch_opens_nothing_any_more(submitted):
    def attempt():
        set_gate("on")
        Case.objects.filter(pk=submitted.pk).update(status="closed")

    refused_by_the_database(attempt)


def test_a_gate_naming_another_row_does_not_open_this_one(submitted, gmina_org, municipality_user):
    other = draft_case(organisation=gmina_org, filed_by=municipality_user)

    def attempt():
        set_gate(f"casework_case:{other.pk}")
        Case.objects.filter(pk=submitted.pk).update(status="closed")

    refused_by_the_database(attempt)
    assert Case.objects.get(pk=submitted.pk).status == "submitted"


def test_the_gate_lets_one_update_of_its_row_through_and_closes(submitted):
    def attempt():
        set_gate(f"casework_case:{submitted.pk}")
        Case.objects.filter(pk=submitted.pk).update(title="Nowy tytuł")  # uses the gate up
        Case.objects.filter(pk=submitted.pk).update(status="closed")

    refused_by_the_database(attempt)
    assert Case.objects.get(pk=submitted.pk).status == "submitted"


def test_a_gated_update_whose_where_matches_nothing_leaves_the_gate_shut(submitted):
    from workflows.dbguards import gated_value

    def attempt():
        missed = Case.objects.filter(pk=submitted.pk, status="in_review").update(
            status=gated_value("closed", "casework_case", submitted.pk)
        )
        assert missed == 0
        Case.objects.filter(pk=submitted.pk).update(status="closed")

    refused_by_the_database(attempt)
    assert Case.objects.get(pk=submitted.pk).status == "submitted"


def test_a_refused_transition_leaves_the_gate_shut(submitted, municipality_user):
    from workflows.exceptions import TransitionRefused

    with transaction.atomic():
        with pytest.raises(TransitionRefused):
            transition_apply(
                case=submitted,
                expected_status=submitted.status,
                name="accept",
                actor=municipality_user,
                data={},
            )
        refused_by_the_database(
            lambda: Case.objects.filter(pk=submitted.pk).update(status="closed")
        )
    assert Case.objects.get(pk=submitted.pk).status == "submitted"
