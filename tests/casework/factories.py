"""Factories and helpers for cases of the engine's test kind (``casework.flows.testing``)."""

import datetime

from casework.flows.testing import TestFlow
from casework.models import Case
from casework.services import case_create
from workflows.registry import register_flow, registered_flows

TEST_KIND = TestFlow.kind


def register_test_flow() -> None:
    """The test kind is registered only by the test suite, never in the running service."""
    if registered_flows().get(TEST_KIND) is not TestFlow:
        register_flow(TestFlow)


def draft_case(
    *,
    organisation,
    filed_by,
    title: str = "Klauzule społeczne w zamówieniach",
    date_received: datetime.date | None = None,
    is_complex: bool = False,
) -> Case:
    return case_create(
        kind=TEST_KIND,
        title=title,
        requesting_organisation=organisation,
        filed_by=filed_by,
        date_received=date_received,
        is_complex=is_complex,
    )
