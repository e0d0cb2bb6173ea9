"""The assignee field of the transition forms: who may be chosen, and what checking costs."""

import datetime

import pytest

from casework.flows import AcceptForm, ReassignForm, StaffChoiceField, staff_users
from directory.constants import MembershipRole
from directory.querysets import today
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(rops, advisor, coordinator, organisation_user, committee_member):
    inactive = MembershipFactory(
        organisation=rops, role=MembershipRole.ADVISOR, user__is_active=False
    ).user
    former = MembershipFactory(
        organisation=rops,
        role=MembershipRole.ADVISOR,
        valid_from=today() - datetime.timedelta(days=60),
        valid_to=today() - datetime.timedelta(days=1),
    ).user
    return {
        "advisor": advisor,
        "coordinator": coordinator,
        "inactive": inactive,
        "former": former,
        "organisation": organisation_user,
        "committee": committee_member,
    }


def test_building_a_form_runs_no_query(people, django_assert_num_queries):
    with django_assert_num_queries(0):
        ReassignForm(data={"assignee": people["advisor"].pk})
        AcceptForm()


@pytest.mark.parametrize("who", ["advisor", "coordinator"])
def test_a_current_staff_member_is_accepted_in_one_query(people, who, django_assert_num_queries):
    for value in (people[who].pk, str(people[who].pk), people[who]):
        form = ReassignForm(data={"assignee": value})
        with django_assert_num_queries(1):
            assert form.is_valid(), form.errors
        assert form.cleaned_data["assignee"] == people[who]


@pytest.mark.parametrize("who", ["inactive", "former", "organisation", "committee"])
def test_anyone_else_is_refused(people, who):
    form = ReassignForm(data={"assignee": people[who].pk})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["assignee"]] == ["invalid_choice"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "required"),
        ("x", "invalid_choice"),
        ("999999", "invalid_choice"),
        ("1\x00", "null_characters_not_allowed"),
    ],
)
def test_nonsense_is_refused(people, value, code):
    form = ReassignForm(data={"assignee": value})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["assignee"]] == [code]


def test_accept_may_leave_the_assignee_empty(people):
    form = AcceptForm(data={})
    assert form.is_valid()
    assert form.cleaned_data["assignee"] is None


def test_the_choices_are_the_active_staff_by_name(people):
    form = ReassignForm()
    listed = [value for value, _label in form.fields["assignee"].choices if value != ""]
    expected = [people["advisor"], people["coordinator"]]
    expected.sort(key=lambda u: (u.full_name, u.pk))
    assert [choice.instance for choice in listed] == expected
    assert list(staff_users()) == expected


def test_each_form_gets_its_own_field(people):
    first, second = ReassignForm(), ReassignForm()
    assert first.fields["assignee"] is not second.fields["assignee"]
    assert isinstance(first.fields["assignee"], StaffChoiceField)
    second.fields["assignee"].required = False
    assert first.fields["assignee"].required
