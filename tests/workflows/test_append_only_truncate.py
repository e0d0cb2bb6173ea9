"""On PostgreSQL, TRUNCATE (and so ``manage.py flush``) does not empty the append-only tables."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from casework.models import Case, CaseEvent
from tests.casework.factories import draft_case
from tests.dbreset import without_truncate_setting
from workflows.dbguards import APPEND_ONLY_TABLES, TRUNCATE_SETTING
from workflows.services import transition_apply

# Transactional: the checks need a connection opened afresh, and TRUNCATE takes effect
# (when it is let through) as it would in production.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]


@pytest.fixture
def submitted(gmina_org, municipality_user):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    return transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )


@pytest.fixture
def normal_connection():
    with without_truncate_setting() as conn:
        with conn.cursor() as cursor:
            cursor.execute("SELECT current_setting(%s, true)", [TRUNCATE_SETTING])
            assert cursor.fetchone()[0] in (None, "")
        yield conn


def execute(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.mark.parametrize("table", sorted(APPEND_ONLY_TABLES))
def test_truncate_of_an_append_only_table_is_refused(submitted, normal_connection, table):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        execute(f"TRUNCATE {table}")
    assert CaseEvent.objects.filter(case=submitted).exists()


def test_truncate_that_only_cascades_to_the_events_is_refused(submitted, normal_connection):
    refused = pytest.raises(IntegrityError, match="casework_caseevent is append-only")
    with refused, transaction.atomic():
        execute("TRUNCATE casework_case CASCADE")
    assert Case.objects.filter(pk=submitted.pk).exists()
    assert CaseEvent.objects.filter(case=submitted).exists()


def test_flush_is_refused_and_empties_nothing(submitted, normal_connection):
    with pytest.raises(CommandError) as refused:
        call_command("flush", interactive=False, verbosity=0)
    assert "append-only" in str(refused.value.__cause__)
    assert CaseEvent.objects.filter(case=submitted).exists()
    assert Case.objects.filter(pk=submitted.pk).exists()


def test_any_session_that_sets_the_convenience_may_truncate(submitted, normal_connection):
    """What dbguards says: the setting is a convenience, not a barrier (the role is)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [TRUNCATE_SETTING])
        execute("TRUNCATE casework_caseevent")
    assert not CaseEvent.objects.exists()


def test_every_table_with_a_truncate_guard_is_listed_as_append_only(db):
    """The role grants (``APPEND_ONLY_TABLES``) and the migrations name the same tables."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'esflow_refuse_truncate'"
        )
        guarded = {name for (name,) in cursor.fetchall()}
    assert guarded == set(APPEND_ONLY_TABLES)
