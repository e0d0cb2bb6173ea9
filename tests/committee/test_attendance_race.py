"""A correction of the attendance and the meeting's first vote arriving at once: one of them
is refused, never both stored (PostgreSQL). Both lock the meeting row first, so either the
correction comes first (the member is absent: their vote is refused) or the vote does (the
attendance is final: the correction is refused)."""

import datetime
import threading

import pytest
from django.db import connection

from committee.constants import AttendanceStatus
from committee.models import Attendance, Vote
from committee.services import (
    CommitteeRefused,
    agenda_item_add,
    attendance_record,
    meeting_schedule,
    vote_record,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]

START = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)
ROUNDS = 4


def at_once(*writes):
    """Run the writes in threads released together; what was refused, what went wrong."""
    barrier = threading.Barrier(len(writes))
    refused, errors = [], []

    def run(write):
        try:
            barrier.wait()
            write()
        except CommitteeRefused as exc:
            refused.append(exc)
        except BaseException as exc:  # reported by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(w,)) for w in writes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return refused, errors


def test_a_correction_and_the_first_vote_at_once_never_both_pass(body, seated):
    secretary, chair, member = seated["secretary"], seated["chair"], seated["members"][0]
    seats = {m.user_id: m.pk for m in body.organisation.memberships.all()}
    everyone = dict.fromkeys(seats.values(), AttendanceStatus.PRESENT)
    member_absent = {**everyone, seats[member.pk]: AttendanceStatus.ABSENT}
    for n in range(ROUNDS):
        meeting = meeting_schedule(
            body=body,
            actor=secretary,
            title=f"Posiedzenie {n}",
            starts_at=START,
            ends_at=START + datetime.timedelta(hours=2),
            place="ROPS Kielce",
        )
        item = agenda_item_add(meeting=meeting, actor=secretary, title="Stanowisko")
        attendance_record(meeting=meeting, actor=secretary, statuses=everyone)
        refused, errors = at_once(
            lambda m=meeting: attendance_record(meeting=m, actor=secretary, statuses=member_absent),
            lambda i=item: vote_record(item=i, actor=chair, member=member, choice="for"),
        )
        assert not errors
        assert len(refused) == 1
        voted = Vote.objects.filter(item=item, member=member).exists()
        status = Attendance.objects.get(meeting=meeting, membership_id=seats[member.pk]).status
        assert status == (AttendanceStatus.PRESENT if voted else AttendanceStatus.ABSENT)
