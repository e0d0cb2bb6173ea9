import datetime

import pytest

from tests.casework.factories import register_test_flow
from workflows import calendar

from .helpers import Clock

register_test_flow()


@pytest.fixture
def clock(monkeypatch):
    """The engine's 'today', starting on Monday 2 March 2026."""
    fake = Clock(datetime.date(2026, 3, 2))
    monkeypatch.setattr(calendar, "today", fake)
    return fake
