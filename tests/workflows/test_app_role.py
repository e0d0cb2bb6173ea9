"""On PostgreSQL, the application's role (README, "Production database") runs the service
but cannot rewrite or empty the event log, whatever it sets or tries to switch off."""

import secrets
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import ProgrammingError, connection, transaction

from casework.models import CaseEvent
from tests.casework.factories import draft_case
from workflows.dbguards import TRUNCATE_SETTING
from workflows.services import transition_apply

# Transactional: the role's own connection must see the committed fixtures.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]


def execute(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() if cursor.description else None


@pytest.fixture
def app_role():
    """A throw-away login role granted exactly what ``manage.py db_grant_app_role`` grants."""
    role = f"esflow_guards_app_{secrets.token_hex(4)}"
    password = secrets.token_hex(16)
    execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    try:
        call_command("db_grant_app_role", role)
        call_command("db_grant_app_role", role)  # after every migrate: idempotent
        yield role, password
    finally:
        connection.close()  # in case a test left the role's connection open
        execute(f"DROP OWNED BY {role}")  # its grants and default privileges
        execute(f"DROP ROLE {role}")


@contextmanager
def connected_as(role, password):
    """The default connection, reopened as ``role`` (as the web and worker processes are)."""
    settings_dict = connection.settings_dict
    saved = settings_dict["USER"], settings_dict["PASSWORD"]
    connection.close()
    settings_dict["USER"], settings_dict["PASSWORD"] = role, password
    try:
        yield
    finally:
        connection.close()
        settings_dict["USER"], settings_dict["PASSWORD"] = saved


def attempt(sql, params, *, gate):
    """Run ``sql`` in a transaction whose status gate was opened by hand."""
    with transaction.atomic():
        execute("SELECT set_config('esflow.transition', %s, true)", [gate])
        execute(sql, params)


@pytest.fixture
def submitted(gmina_org, municipality_user):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    return transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )


def test_the_app_role_applies_a_transition_and_cannot_rewrite_or_empty_the_log(
    app_role, submitted, advisor
):
    with connected_as(*app_role):
        assert execute("SELECT current_user") == (app_role[0],)
        case = transition_apply(
            case=submitted, expected_status=submitted.status, name="accept", actor=advisor, data={}
        )
        event = CaseEvent.objects.filter(case=case).last()
        assert (event.action, event.to_status) == ("accept", "in_review")

        # The suite's connections set the truncate convenience (tests/dbreset.py): this
        # one has it on, as any session may, and opens the status gate by hand as well.
        assert execute("SELECT current_setting(%s, true)", [TRUNCATE_SETTING]) == ("on",)
        attempts = [
            ("ALTER TABLE casework_caseevent DISABLE TRIGGER ALL", None),
            ("SET session_replication_role = replica", None),
            ("UPDATE casework_caseevent SET action = 'x' WHERE id = %s", [event.pk]),
            ("DELETE FROM casework_caseevent WHERE id = %s", [event.pk]),
            ("TRUNCATE casework_caseevent", None),
            ("UPDATE directory_registrychange SET field = 'x'", None),
            ("TRUNCATE directory_registrychange", None),
        ]
        for sql, params in attempts:
            with pytest.raises(ProgrammingError, match=r"permission denied|must be owner"):
                attempt(sql, params, gate=f"casework_case:{case.pk}")
    assert CaseEvent.objects.get(pk=event.pk).action == "accept"


def test_tables_of_later_migrations_are_granted_by_default(app_role):
    role, _ = app_role
    execute("CREATE TABLE esflow_guards_later (id int)")
    try:
        granted = execute(
            "SELECT has_table_privilege(%s, 'esflow_guards_later', 'INSERT, UPDATE, DELETE'), "
            "has_table_privilege(%s, 'esflow_guards_later', 'TRUNCATE')",
            [role, role],
        )
    finally:
        execute("DROP TABLE esflow_guards_later")
    assert granted == (True, False)


def test_the_command_refuses_a_superuser_or_the_owner_of_the_tables(db):
    (owner,) = execute("SELECT current_user")
    with pytest.raises(CommandError, match="superuser or owns the tables"):
        call_command("db_grant_app_role", owner)


def test_the_command_refuses_a_name_it_would_have_to_quote(db):
    with pytest.raises(CommandError, match="not a plain role name"):
        call_command("db_grant_app_role", 'app"; DROP TABLE casework_case; --')
