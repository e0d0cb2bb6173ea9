"""The system checks of the settings a deployment writes by hand: a mistyped approval mode or
kind, or a minimum average that is not a score, is said when the service starts (not as a
server error when a case reaches approval)."""

import pytest

from casework.kinds.practice.system_checks import min_average_check
from casework.system_checks import approval_modes_check


def ids(messages):
    return [m.id for m in messages]


def test_approval_modes_as_configured_pass(settings):
    settings.ESFLOW_APPROVAL_MODES = {"advisory": "resolution", "practice": "single_member"}
    assert approval_modes_check() == []
    settings.ESFLOW_APPROVAL_MODES = {}
    assert approval_modes_check() == []


def test_a_mistyped_kind_and_mode_are_errors(settings):
    settings.ESFLOW_APPROVAL_MODES = {"practise": "resolution", "advisory": "resolutoin"}
    messages = approval_modes_check()
    assert ids(messages) == ["casework.E001", "casework.E002"]
    assert "'practise'" in messages[0].msg
    assert "advisory" in messages[0].hint
    assert "practice" in messages[0].hint
    assert "'resolutoin'" in messages[1].msg
    assert "resolution, single_member" in messages[1].hint


def test_a_pair_without_a_mode_is_an_error(settings):
    settings.ESFLOW_APPROVAL_MODES = {"agreement": ""}
    assert ids(approval_modes_check()) == ["casework.E002"]


@pytest.mark.parametrize("value", ["3.00", "1", "5", "4.5"])
def test_min_average_within_the_scores_passes(settings, value):
    settings.ESFLOW_PRACTICE_MIN_AVERAGE = value
    assert min_average_check() == []


@pytest.mark.parametrize("value", ["3,5", "abc", "0.5", "5.01", ""])
def test_min_average_not_a_score_is_an_error(settings, value):
    settings.ESFLOW_PRACTICE_MIN_AVERAGE = value
    assert ids(min_average_check()) == ["practice.E001"]
