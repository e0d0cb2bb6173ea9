"""The test kind now lives in its own app, ``tests.testkind``; this name stays for the engine
tests that import the flow and its messages from here."""

from tests.testkind.flow import (
    ERROR_NO_REVIEW_NOTE,
    ERROR_NO_TITLE,
    EXPIRY_DAYS,
    S,
    TestFlow,
    TestStatus,
)
from tests.testkind.kind import TEST_KIND, register_test_kind

__all__ = [
    "ERROR_NO_REVIEW_NOTE",
    "ERROR_NO_TITLE",
    "EXPIRY_DAYS",
    "TEST_KIND",
    "S",
    "TestFlow",
    "TestStatus",
    "register_test_kind",
]
