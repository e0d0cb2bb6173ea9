"""The volume generator makes consistent data: numbers, events, states, visibility."""

import pytest
from django.core.management import call_command

from bench.generate import PATHS, table_counts, volume_generate
from bench.generate import main as generate_main
from casework.kinds.advisory.constants import AdvisoryStatus
from casework.kinds.advisory.models import AdvisoryRequest
from casework.models import Case, CaseEvent
from casework.permissions import can
from directory.models import RegistryEntry
from workflows.models import NumberCounter

pytestmark = pytest.mark.django_db


@pytest.fixture
def small():
    return volume_generate(seed=3, cases=300, orgs=50, entries=100, log=lambda _: None)


def test_every_filed_case_has_a_unique_number_and_its_event_chain(small):
    filed = Case.objects.exclude(status=AdvisoryStatus.DRAFT)
    assert filed.exists()
    numbers = list(filed.values_list("number", flat=True))
    assert all(numbers)
    assert len(set(numbers)) == len(numbers)
    counter = NumberCounter.objects.get(kind="advisory")
    assert counter.last == max(filed.values_list("number_seq", flat=True)) == len(numbers)
    for case in filed.prefetch_related("events"):
        events = sorted(case.events.all(), key=lambda e: e.pk)
        assert len(events) >= 1
        assert events[0].action == "submit"
        assert events[-1].to_status == case.status
        assert [(e.action, e.from_status, e.to_status) for e in events] == PATHS[case.status]


def test_drafts_have_no_number_and_no_events(small):
    drafts = Case.objects.filter(status=AdvisoryStatus.DRAFT)
    assert drafts.exists()
    assert not drafts.exclude(number="").exists()
    assert not CaseEvent.objects.filter(case__in=drafts).exists()


def test_statuses_are_valid_and_every_case_is_an_advisory_request(small):
    assert set(Case.objects.values_list("status", flat=True)) <= set(AdvisoryStatus.values)
    assert Case.objects.count() == AdvisoryRequest.objects.count() == 300
    assert RegistryEntry.objects.count() == 100
    assert not Case.objects.filter(status=AdvisoryStatus.AWAITING_INFO, resume_status="").exists()


def test_visibility_advisor_sees_every_filed_case_and_a_clerk_only_their_own(small):
    advisor = small.advisors[0]
    visible = Case.objects.visible_to(advisor)
    assert set(visible.values_list("pk", flat=True)) == set(
        Case.objects.exclude(status=AdvisoryStatus.DRAFT).values_list("pk", flat=True)
    )
    case = Case.objects.filter(status=AdvisoryStatus.DRAFT).first()
    clerk = case.filed_by
    assert case in Case.objects.visible_to(clerk)
    assert not can(advisor, "view", case)
    mine = Case.objects.visible_to(clerk)
    assert set(mine.values_list("requesting_organisation", flat=True)) == {
        case.requesting_organisation_id
    }


@pytest.mark.django_db(transaction=True)
def test_same_seed_gives_the_same_data():
    volume_generate(seed=3, cases=300, orgs=50, entries=100, log=lambda _: None)
    first = list(Case.objects.order_by("pk").values_list("title", "status", "number"))
    call_command("flush", verbosity=0, interactive=False)
    volume_generate(seed=3, cases=300, orgs=50, entries=100, log=lambda _: None)
    again = list(Case.objects.order_by("pk").values_list("title", "status", "number"))
    assert again == first


def test_the_script_prints_the_row_count_of_every_table(capsys):
    generate_main(["--cases", "20", "--orgs", "5", "--entries", "5", "--seed", "1"])
    out = capsys.readouterr().out
    assert "casework_case" in out
    assert table_counts()["casework_case"] == 20
