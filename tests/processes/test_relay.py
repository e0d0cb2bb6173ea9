"""``manage.py relay`` as a real process: the rows a transition writes (and no task row)
are run within seconds, and the relay stops within seconds on SIGTERM or Ctrl+C."""

import signal
import time

import pytest
from django_tasks_db.models import DBTaskResult

from casework.models import Notification
from tests.casework.factories import draft_case
from workflows.constants import OutboxStatus
from workflows.models import OutboxRow
from workflows.services import transition_apply

from .helpers import start, stop, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_relay_runs_a_transitions_notifications_and_stops_on_a_signal(
    tmp_path, signum, settings, gmina_org, municipality_user, advisor
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    log = tmp_path / "relay.log"
    relay = start(["relay", "--interval", "0.2"], log)
    try:
        case = draft_case(organisation=gmina_org, filed_by=municipality_user)
        case = transition_apply(
            case=case, expected_status=case.status, name="submit", actor=municipality_user
        )
        case = transition_apply(
            case=case, expected_status=case.status, name="accept", actor=advisor
        )
        assert OutboxRow.objects.exists()
        assert not DBTaskResult.objects.exists()  # nothing for the worker: the relay runs them
        wait_for(
            lambda: not OutboxRow.objects.exclude(status=OutboxStatus.DONE).exists(),
            30,
            "the relay ran every row",
        )
        assert Notification.objects.filter(case=case).exists()
        relay.send_signal(signum)
        started = time.monotonic()
        relay.wait(timeout=10)
        assert time.monotonic() - started < 5
        assert relay.returncode == 0
    finally:
        stop(relay)
    assert f"Received {signal.Signals(signum).name}: relay stopped." in log.read_text()
